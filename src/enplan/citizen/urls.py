from django.contrib.auth.decorators import login_not_required
from django.urls import path

from enplan.citizen import mitid, views

app_name = "citizen"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_page, name="login"),
    path("login/test-mitid/", views.test_mitid, name="test_mitid"),
    path("logud/", views.logout, name="logout"),
    path("logget-ud/", views.logged_out, name="logged_out"),
    path("mitid/", login_not_required(mitid.MitIDLoginView.as_view()), name="mitid_login"),
    path(
        "mitid/callback/",
        login_not_required(mitid.MitIDCallbackView.as_view()),
        name="mitid_callback",
    ),
    path("plan/<int:pk>/", views.plan, name="plan"),
    path("plan/<int:pk>/vigtigst/<int:member_pk>/", views.wishes, name="wishes"),
    path("plan/<int:pk>/maal/<int:goal_pk>/kommentar/", views.goal_comment, name="goal_comment"),
    path("plan/<int:pk>/netvaerk/ny/", views.person_add, name="person_add"),
    path("plan/<int:pk>/moeder/emne/", views.topic_add, name="topic_add"),
    path(
        "plan/<int:pk>/moeder/<int:meeting_pk>/kalender.ics", views.meeting_ics, name="meeting_ics"
    ),
    path("plan/<int:pk>/deling/", views.sharing, name="sharing"),
    path("plan/<int:pk>/samtykke/", views.consent, name="consent"),
    path(
        "plan/<int:pk>/samtykke/<int:department_pk>/<str:action>/",
        views.consent_change,
        name="consent_change",
    ),
    path("plan/<int:pk>/min-log/", views.access_log, name="access_log"),
    path("plan/<int:pk>/mine-data/", views.my_data, name="my_data"),
    path("plan/<int:pk>/mine-data/plan.pdf", views.download_pdf, name="download_pdf"),
    path("plan/<int:pk>/mine-data/data.json", views.download_json, name="download_json"),
    path("plan/<int:pk>/mine-data/fhir.json", views.download_fhir, name="download_fhir"),
]
