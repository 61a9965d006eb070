"""A page that fails, for the error-reporting tests."""

from django.urls import include, path


def failing(request):
    raise RuntimeError("Nothing found for 010190-1234")


urlpatterns = [path("fejl/", failing), path("", include("enplan.urls"))]
