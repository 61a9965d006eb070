"""Whatever goes wrong between the browser, the MitID broker and Én plan, the citizen gets a
plain Danish page in the product's layout with a way to try again: never an error page,
and never a login. Each failure is produced for real, by the stand-in broker or by the
browser's request, not by mocking the login's own code."""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests
from django.test import Client
from joserfc.jwk import RSAKey

from enplan.citizen import mitid
from enplan.citizen.tests.oidc_provider import log_in_with_mitid, to_broker_and_back

pytestmark = pytest.mark.django_db

TRY_AGAIN = "Log ind med MitID"
FAILED = "Det virkede ikke at logge ind"


def assert_refused_with(client, response, message):
    assert response.status_code == 302
    assert response["Location"] == "/borger/login/?fejl=1"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert '<main id="main"' in html  # the product's layout, not a bare error page
    assert TRY_AGAIN in html
    assert "_auth_user_id" not in client.session


def test_an_expired_id_token_asks_the_citizen_to_log_in_again(client, broker, family):
    broker.token_lifetime, broker.issued_ago = -120, 420
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, "tog for lang tid")


def test_an_id_token_a_little_ahead_of_our_clock_is_still_accepted(client, broker, family):
    broker.issued_ago = -10  # the broker's clock is 10 seconds ahead
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert response["Location"] == "/borger/"


def test_a_tampered_state_is_refused_with_a_page_not_a_bare_400(client, broker, family):
    callback = to_broker_and_back(client, broker, family.mother.citizen.cpr)
    query = parse_qs(urlparse(callback).query)
    query["state"] = [query["state"][0] + "x"]
    response = client.get("/borger/mitid/callback/?" + urlencode(query, doseq=True))
    assert_refused_with(client, response, FAILED)


def test_a_missing_state_is_refused(client, broker, family):
    callback = to_broker_and_back(client, broker, family.mother.citizen.cpr)
    code = parse_qs(urlparse(callback).query)["code"][0]
    response = client.get(f"/borger/mitid/callback/?code={code}")
    assert_refused_with(client, response, FAILED)


def test_the_same_answer_used_twice_does_not_log_in_again(client, broker, family):
    callback = to_broker_and_back(client, broker, family.mother.citizen.cpr)
    assert client.get(callback)["Location"] == "/borger/"
    client.logout()
    # The back button, or someone who read the address: the state was used up.
    assert_refused_with(client, client.get(callback), FAILED)


def test_a_code_replayed_in_another_browser_is_refused_by_the_broker(client, broker, family):
    callback = to_broker_and_back(client, broker, family.mother.citizen.cpr)
    assert client.get(callback)["Location"] == "/borger/"
    # Another browser starts its own login and presents the mother's code with its state.
    other = Client()
    start = other.get("/borger/mitid/")
    own_state = parse_qs(urlparse(start["Location"]).query)["state"][0]
    stolen_code = parse_qs(urlparse(callback).query)["code"][0]
    response = other.get(f"/borger/mitid/callback/?code={stolen_code}&state={own_state}")
    assert_refused_with(other, response, FAILED)


def test_a_wrong_nonce_is_refused(client, broker, family):
    broker.nonce_override = "not-the-nonce-we-sent"
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, FAILED)


def test_a_token_for_another_client_is_refused(client, broker, family):
    broker.audience_override = "some-other-service"
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, FAILED)


def test_a_token_signed_with_another_key_is_refused(client, broker, family):
    broker.signing_key_override = RSAKey.generate_key(2048, parameters={"kid": "k1"})
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, FAILED)


def test_a_person_without_a_plan_gets_a_page_saying_so(client, broker, family):
    response = log_in_with_mitid(client, broker, "0203040000")
    assert_refused_with(client, response, "Vi kunne ikke finde en plan til dig")


def test_a_citizen_who_cancels_at_the_broker_is_told_they_can_try_again(client, broker, family):
    broker.error_next = "access_denied"
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, "Du stoppede login med MitID")


def test_a_broker_that_is_down_when_the_login_starts_gives_a_clear_page(client, broker, family):
    mitid.discovery.cache_clear()
    broker.stop()
    try:
        response = client.get("/borger/mitid/")
        assert_refused_with(client, response, "MitID svarer ikke lige nu")
    finally:
        broker.start()


def test_a_broker_that_fails_at_the_token_endpoint_gives_a_clear_page(client, broker, family):
    callback = to_broker_and_back(client, broker, family.mother.citizen.cpr)
    broker.stop()
    try:
        assert_refused_with(client, client.get(callback), "MitID svarer ikke lige nu")
    finally:
        broker.start()


@pytest.mark.parametrize(
    "level",
    [
        "https://data.gov.dk/concept/core/nsis/loa/Low",
        "LOW",
        "urn:eident:cert:eidas:low",
        "something-unknown",
    ],
)
def test_a_login_below_betydelig_is_refused_with_an_explanation(client, broker, family, level):
    broker.extra_claims = {"loa": level}
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, "niveau, der hedder Betydelig")


@pytest.mark.parametrize("level", ["https://data.gov.dk/concept/core/nsis/loa/Substantial", "HIGH"])
def test_a_login_at_betydelig_or_above_gets_in(client, broker, family, level):
    broker.extra_claims = {"loa": level}
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert response["Location"] == "/borger/"


def test_the_level_is_read_from_the_claim_the_operator_names(client, broker, family, settings):
    settings.ENPLAN_MITID_LOA_CLAIM = "mitid.loa"
    broker.extra_claims = {"mitid.loa": "LOW", "loa": "HIGH"}
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, "niveau, der hedder Betydelig")


def test_the_broker_is_asked_for_a_level_when_the_operator_says_so(client, broker, settings):
    settings.ENPLAN_MITID_ACR_VALUES = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
    start = client.get("/borger/mitid/")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["acr_values"] == ["https://data.gov.dk/concept/core/nsis/loa/Substantial"]


def test_the_broker_answering_garbage_at_the_token_endpoint_is_no_server_error(
    client, broker, family, monkeypatch
):
    # The edge misbehaving: a token response without an ID token.
    monkeypatch.setattr(broker, "token", lambda form: {"access_token": "x", "token_type": "Bearer"})
    response = log_in_with_mitid(client, broker, family.mother.citizen.cpr)
    assert_refused_with(client, response, FAILED)


def test_the_answer_is_checked_by_the_real_broker_not_by_the_test(broker):
    # The stand-in really refuses a code it never issued: the refusals above are its own.
    answer = requests.post(
        f"{broker.issuer}/token",
        data={"grant_type": "authorization_code", "code": "never-issued"},
        timeout=5,
    )
    assert answer.status_code == 400
