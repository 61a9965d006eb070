from django.urls import path

from enplan.meetings import views

app_name = "meetings"

urlpatterns = [
    path("plan/<int:plan_pk>/", views.plan_meetings, name="plan_meetings"),
    path("plan/<int:plan_pk>/new/", views.meeting_create, name="create"),
    path("themes/", views.themes_overview, name="themes"),
    path("e/<str:token>/", views.public_evaluation, name="public_evaluation"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<int:pk>/agenda/", views.meeting_agenda, name="agenda"),
    path("<int:pk>/calendar.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/attendance/", views.meeting_record, name="record"),
    path("<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("<int:pk>/evaluation/", views.evaluation_screen, name="evaluation"),
    path("<int:pk>/evaluation/leave/", views.evaluation_leave, name="evaluation_leave"),
    path("<int:pk>/evaluation/link/", views.evaluation_link, name="evaluation_link"),
    path("<int:pk>/evaluation/link/sms/", views.evaluation_link_sms, name="evaluation_link_sms"),
    path("<int:pk>/recap/", views.recap_edit, name="recap"),
]
