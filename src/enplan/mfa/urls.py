from django.urls import path

from enplan.mfa import views

app_name = "mfa"

urlpatterns = [
    path("login/kode/", views.verify, name="verify"),
    path("sikkerhed/", views.security, name="security"),
    path("sikkerhed/kom-i-gang/", views.enrol, name="enrol"),
    path("sikkerhed/app/", views.add_app, name="add_app"),
    path("sikkerhed/gendannelseskoder/", views.recovery_codes, name="recovery_codes"),
    path("sikkerhed/<str:kind>/<int:pk>/fjern/", views.remove, name="remove"),
]
