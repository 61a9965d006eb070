from django.urls import path

from enplan.network import views

app_name = "network"

# Mounted under /plans/<pk>/organisation/: the citizen's organisation is part of the plan.
urlpatterns = [
    path("", views.organisation, name="map"),
    path("map.svg", views.map_svg, name="map_svg"),
    path("map.png", views.map_png, name="map_png"),
    path("people/new/", views.actor_add, name="actor_add"),
    path("people/<int:actor_pk>/end/", views.actor_end, name="actor_end"),
    path("ratings/new/", views.rate, name="rate"),
    path("points/new/", views.point_create, name="point_create"),
    path("points/<int:point_pk>/", views.point_edit, name="point_edit"),
]
