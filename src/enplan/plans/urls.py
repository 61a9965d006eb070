from django.urls import path

from enplan.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("new/", views.plan_create, name="create"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/history/", views.plan_history, name="history"),
    path("<int:pk>/print/", views.plan_print, name="print"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="pdf"),
    path("<int:pk>/settings/", views.plan_settings, name="settings"),
    path("<int:pk>/handover/", views.handover, name="handover"),
    path("<int:pk>/annul/", views.plan_annul, name="annul"),
    path("<int:pk>/members/<int:member_pk>/wishes/", views.member_wishes, name="member_wishes"),
    path("<int:pk>/members/<int:member_pk>/custody/", views.member_custody, name="member_custody"),
    path("<int:pk>/members/<int:member_pk>/correct/", views.member_correct, name="member_correct"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/goals/new/", views.goal_edit, name="goal_create"),
    path("<int:pk>/goals/<int:goal_pk>/", views.goal_edit, name="goal_edit"),
    path("<int:pk>/interventions/new/", views.intervention_edit, name="intervention_create"),
    path(
        "<int:pk>/interventions/<int:intervention_pk>/",
        views.intervention_edit,
        name="intervention_edit",
    ),
    path("<int:pk>/log/new/", views.log_entry_create, name="log_create"),
    path("<int:pk>/network/new/", views.actor_add, name="actor_add"),
    path("<int:pk>/network/<int:actor_pk>/edit/", views.actor_edit, name="actor_edit"),
    path("<int:pk>/network/<int:actor_pk>/end/", views.actor_end, name="actor_end"),
    path("<int:pk>/consent/new/", views.consent_create, name="consent_create"),
    path(
        "<int:pk>/consent/<int:consent_pk>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    # Last, so that every named page of the plan above wins over a section's key.
    path("<int:pk>/<slug:key>/", views.plan_section, name="section"),
]
