from django.urls import path

from enplan.progress import views

app_name = "progress"

urlpatterns = [
    path("plans/<int:pk>/steps/new/", views.step_register, name="step_register"),
    path(
        "plans/<int:pk>/steps/<int:registration_pk>/withdraw/",
        views.step_withdraw,
        name="step_withdraw",
    ),
    path("plans/<int:pk>/model/", views.step_model_choose, name="step_model_choose"),
    path("steering/", views.dashboard, name="dashboard"),
    path(
        "steering/<slug:table>.<slug:fmt>",
        views.dashboard_export,
        name="dashboard_export",
    ),
]
