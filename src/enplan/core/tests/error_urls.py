"""The product's URLs plus a few that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from enplan.urls import handler400, handler403, handler404, handler500, urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def broken(request):
    raise RuntimeError("a bug")


def suspicious(request):
    raise SuspiciousOperation("tampered")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("test-broken/", broken),
    path("test-suspicious/", suspicious),
    path("test-forbidden/", forbidden),
    *urlpatterns,
]
