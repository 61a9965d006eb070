"""With DEBUG off, every failure is a plain Danish page in Én plan's layout with a way
back to the front page, with the right status code and the same security headers; never
Django's bare English page, a traceback or a list of URLs."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.urls("enplan.core.tests.error_urls")]


@pytest.fixture
def logged_in(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.coordinator.user)
    return client


def assert_error_page(response, status, heading):
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert 'href="/"' in html  # the way back
    assert 'class="site-header"' in html
    assert "Traceback" not in html
    assert "urlpatterns" not in html
    assert "no-store" in response["Cache-Control"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_an_unknown_address_is_a_danish_not_found_page(logged_in, settings):
    assert not settings.DEBUG
    assert_error_page(logged_in.get("/plans/999999/"), 404, "Siden findes ikke")
    assert_error_page(logged_in.get("/no-such-page/"), 404, "Siden findes ikke")


def test_an_anonymous_visitor_also_gets_the_danish_not_found_page(client, db):
    assert_error_page(client.get("/no-such-page/"), 404, "Siden findes ikke")


def test_a_forbidden_page_is_a_danish_page(logged_in):
    assert_error_page(logged_in.get("/test-forbidden/"), 403, "Du har ikke adgang til denne side")


def test_an_actor_opening_the_coordinators_settings_is_forbidden_in_danish(world):
    client = Client(raise_request_exception=False)
    client.force_login(world.actor.user)
    response = client.get(reverse("plans:settings", kwargs={"pk": world.plan.pk}))
    assert_error_page(response, 403, "Du har ikke adgang til denne side")


def test_a_tampered_request_is_a_danish_bad_request_page(logged_in):
    assert_error_page(
        logged_in.get("/test-suspicious/"), 400, "Siden kunne ikke forstå forespørgslen"
    )


def test_a_bug_is_a_danish_error_page_without_the_traceback(logged_in):
    assert_error_page(logged_in.get("/test-broken/"), 500, "Der skete en fejl")


def test_an_expired_form_is_a_danish_page_with_a_way_back(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "x", "password": "y"})
    assert_error_page(response, 403, "Formularen var udløbet")
    assert "genindlæs siden" in response.content.decode()
