"""Logging in with MitID: the real OpenID Connect code path, against a local provider that
stands in for the broker (discovery, authorization code with PKCE, signed ID token, JWKS,
userinfo). Nothing in the login itself is mocked."""

from urllib.parse import urlparse

import pytest
import requests

from enplan.citizen.tests.oidc_provider import log_in_with_mitid
from enplan.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db


def test_the_mother_logs_in_with_mitid_and_lands_on_her_plan(client, broker, family):
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert response.status_code == 302
    assert response["Location"] == "/borger/"
    family.mother.citizen.refresh_from_db()
    user = family.mother.citizen.user
    assert user.role == Role.CITIZEN
    assert user.municipality == family.municipality
    assert not user.has_usable_password()
    page = client.get("/borger/", follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == f"/borger/plan/{family.plan.pk}/"


def test_a_second_login_reuses_the_same_user(client, broker, family):
    log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    first = family.mother.citizen.__class__.objects.get(pk=family.mother.citizen.pk).user_id
    client.logout()
    log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    again = family.mother.citizen.__class__.objects.get(pk=family.mother.citizen.pk).user_id
    assert first == again


def test_a_person_without_a_plan_is_told_so(client, broker, family):
    response = log_in_with_mitid(client, broker, "010203-0000".replace("01", "02", 1))
    assert response["Location"] == "/borger/login/?fejl=1"
    page = client.get(response["Location"])
    assert "Vi kunne ikke finde en plan til dig" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_child_under_15_is_told_when_they_can_log_in(client, broker, family):
    response = log_in_with_mitid(client, broker, family.child.citizen.cpr)
    page = client.get(response["Location"])
    assert "fra du er 15 år" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_young_person_of_15_or_more_logs_in_to_their_own_part(client, broker, family):
    log_in_with_mitid(client, broker, family.teen.citizen.cpr)
    page = client.get(f"/borger/plan/{family.plan.pk}/")
    assert page.status_code == 200
    assert "Tilde" not in [p.member.citizen.first_name for p in page.context["page"].parts][1:]


def test_a_token_from_another_issuer_is_refused(client, broker, family):
    broker.issuer_override = "https://someone-else.example"
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert response["Location"] == "/borger/login/?fejl=1"
    assert "_auth_user_id" not in client.session


def test_a_replayed_or_forged_nonce_is_refused(client, broker, family):
    broker.nonce_override = "not-the-nonce-we-sent"
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert response["Location"] == "/borger/login/?fejl=1"
    assert "_auth_user_id" not in client.session


def test_a_broker_that_does_not_answer_gives_a_clear_message(client, broker, family):
    broker.next_cpr = family.mother.citizen.cpr
    start = client.get("/borger/mitid/?next=/borger/")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=5)
    broker.stop()
    callback = urlparse(answer.headers["Location"])
    response = client.get(f"{callback.path}?{callback.query}")
    page = client.get(response["Location"]).content.decode()
    assert "MitID svarer ikke lige nu" in page
    broker.start()


def test_a_login_writes_no_audit_event_by_itself(client, broker, family):
    log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert not AuditEvent.objects.exists()


def test_mitid_is_off_until_the_broker_is_configured(client, settings):
    settings.ENPLAN_MITID_ISSUER = ""
    assert client.get("/borger/mitid/").status_code == 404
    assert 'href="/borger/mitid/' not in client.get("/borger/login/").content.decode()


def test_professionals_still_log_in_with_their_password(client, world):
    response = client.post(
        "/login/", {"username": world.coordinator.user.username, "password": "test-password-1"}
    )
    assert response.status_code == 302
    assert client.get("/plans/").status_code == 200
