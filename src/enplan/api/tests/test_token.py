"""A system gets its token with its client credentials, and only the scopes it was given."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory

from enplan.api.models import Scope
from enplan.api.services import integration_system_update
from enplan.api.tests.conftest import basic, issue, system_client, token_for

pytestmark = pytest.mark.django_db


def test_a_system_gets_a_token_with_its_client_credentials_and_reads_with_it(client, world):
    issued = issue(world)
    response = client.post(
        "/api/oauth/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=basic(issued)
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert set(body["scope"].split()) == {"read", "interventions:write", "log:write"}
    api = client.get("/api/v1/plans", HTTP_AUTHORIZATION=f"Bearer {body['access_token']}")
    assert api.status_code == 200


def test_a_wrong_secret_gets_no_token(client, world):
    issued = issue(world)
    wrong = issued.__class__(system=issued.system, client_id=issued.client_id, client_secret="x")
    response = client.post(
        "/api/oauth/token/", {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=basic(wrong)
    )
    assert response.status_code == 401


def test_a_system_cannot_ask_for_a_scope_it_was_not_given(client, world):
    issued = issue(world, scopes=[Scope.READ])
    response = client.post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials", "scope": "read interventions:write"},
        HTTP_AUTHORIZATION=basic(issued),
    )
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_scope"


def test_without_a_token_or_with_a_made_up_one_the_answer_is_401_problem(client, world):
    for headers in ({}, {"HTTP_AUTHORIZATION": "Bearer made-up"}):
        response = client.get("/api/v1/plans", **headers)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert response.json()["status"] == 401


def test_a_deactivated_system_is_refused_at_once(client, world):
    api = system_client(client, issue(world))
    system = api.system
    system.is_active = False
    integration_system_update(system=system)
    assert api.get("/api/v1/plans").status_code == 401
    response = client.post(
        "/api/oauth/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic(api.issued),
    )
    assert response.status_code in (400, 401)


def test_a_system_user_can_never_log_in_with_a_password(world):
    issued = issue(world)
    user = issued.system.user
    user.set_password("a-password-someone-set-1")
    user.save()
    # Through the login's own chain, throttling included (it needs the request).
    request = RequestFactory().post("/login/")
    assert (
        authenticate(request, username=user.username, password="a-password-someone-set-1") is None
    )


def test_a_token_with_read_only_cannot_write(client, world):
    issued = issue(world)
    api = system_client(client, issued, scope="read")
    response = api.post(
        f"/api/v1/plans/{world.plan.pk}/log", {"text": "Samtale holdt.", "kind": "contact"}
    )
    assert response.status_code == 403
    assert response.json()["type"] == "urn:enplan:problem:forbidden"
    assert token_for(client, issued)  # the full scopes are still to be had
