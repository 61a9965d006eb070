from django.urls import path

from enplan.coordination import views

app_name = "coordination"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.round_create, name="create"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/groups/", views.round_groups, name="groups"),
    path("<int:pk>/extend/", views.round_extend, name="extend"),
    path("<int:pk>/remind/", views.round_remind, name="remind"),
    path("<int:pk>/close/", views.round_close, name="close"),
    path("<int:pk>/import/", views.round_import, name="import"),
    path("<int:pk>/imports/<int:import_pk>/delete/", views.import_delete, name="import_delete"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results/print/", views.results_print, name="print"),
    path("<int:pk>/results.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/results.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/compare/", views.compare, name="compare"),
]
