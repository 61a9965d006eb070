from django.urls import path

from enplan.targeting import views

app_name = "targeting"

urlpatterns = [
    path("", views.index, name="index"),
    path("nominations/", views.nomination_list, name="nominations"),
    path("nominations/new/", views.nomination_create, name="nomination_create"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/decide/", views.nomination_decide, name="nomination_decide"),
    path("nominations/<int:pk>/merge/", views.nomination_merge, name="nomination_merge"),
    path("invitations/", views.invitation_list, name="invitations"),
    path("invitations/<int:pk>/", views.invitation_detail, name="invitation"),
    path("invitations/<int:pk>/letter.pdf", views.invitation_letter, name="invitation_letter"),
    path("invitations/<int:pk>/yes/", views.invitation_accept, name="invitation_accept"),
    path("invitations/<int:pk>/no/", views.invitation_decline, name="invitation_decline"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/upload/", views.round_upload, name="round_upload"),
    path("rounds/<int:pk>/score/", views.round_score, name="round_score"),
    path("rounds/<int:pk>/shortlist/", views.shortlist, name="shortlist"),
    path(
        "rounds/<int:pk>/candidates/<int:candidate_pk>/review/",
        views.candidate_review,
        name="candidate_review",
    ),
    path("rounds/<int:pk>/reidentify/", views.reidentify_list, name="reidentify_list"),
    path(
        "rounds/<int:pk>/candidates/<int:candidate_pk>/reidentify/",
        views.reidentify,
        name="reidentify",
    ),
    path("rounds/<int:pk>/annex/", views.round_annex, name="annex"),
    path("rounds/<int:pk>/annex.pdf", views.round_annex_pdf, name="annex_pdf"),
    path("rounds/<int:pk>/dpia/", views.round_dpia, name="dpia"),
    path("rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("rules/<str:code>/", views.public_rules, name="public_rules"),
    path(
        "rules/<str:code>/<int:rule_set_pk>/v<int:number>/",
        views.public_rule_version,
        name="public_rule_version",
    ),
]
