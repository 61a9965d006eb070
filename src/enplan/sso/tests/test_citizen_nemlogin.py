"""A citizen logs in through NemLog-in (SAML 2.0, OIOSAML 3) as an alternative to the MitID
broker: the NSIS level must be at least Betydelig, the CPR number finds the plan, and every
failure ends on the citizen's login page with a plain Danish message, never on an error
page. The identity provider is pysaml2's own, answering with signed, encrypted assertions."""

import pytest

from enplan.citizen.tests.factories import make_family
from enplan.core.models import AuditEvent, Role

pytestmark = pytest.mark.django_db

LOA = "https://data.gov.dk/concept/core/nsis/loa"
CPR = "https://data.gov.dk/model/core/eid/cprNumber"
SUBSTANTIAL = "https://data.gov.dk/concept/core/nsis/loa/Substantial"


@pytest.fixture
def family(world):
    return make_family(world)


def log_in(
    client,
    idp,
    cpr,
    *,
    level=SUBSTANTIAL,
    subject="https://data.gov.dk/model/core/eid/person/uuid/1",
):
    start = client.get("/sso/test-nemlogin/login/")
    assert start.status_code == 302
    request, relay = idp.read_request(start["Location"])
    attributes = {CPR: [cpr.replace("-", "")], LOA: [level]}
    xml = idp.respond(request, subject=subject, attributes=attributes)
    return client.post("/sso/test-nemlogin/saml/acs/", {"SAMLResponse": xml, "RelayState": relay})


def assert_refused_with(client, response, message):
    assert response.status_code == 302
    assert response["Location"] == "/borger/login/?fejl=1"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert '<main id="main"' in html
    assert "_auth_user_id" not in client.session


def test_a_citizen_logs_in_to_their_plan_with_nemlogin(client, nemlogin, family):
    response = log_in(client, nemlogin, family.mother.citizen.cpr)
    assert response["Location"] == "/borger/"
    family.mother.citizen.refresh_from_db()
    assert int(client.session["_auth_user_id"]) == family.mother.citizen.user_id
    assert family.mother.citizen.user.role == Role.CITIZEN
    assert client.get(f"/borger/plan/{family.plan.pk}/").status_code == 200
    event = AuditEvent.objects.get(object_type="session.login")
    assert event.object_id == "saml:test-nemlogin"
    assert family.mother.citizen.cpr not in event.path


def test_a_login_below_betydelig_is_refused_with_the_explanation(client, nemlogin, family):
    response = log_in(
        client,
        nemlogin,
        family.mother.citizen.cpr,
        level="https://data.gov.dk/concept/core/nsis/loa/Low",
    )
    assert_refused_with(client, response, "Betydelig")


def test_a_login_without_a_level_is_refused(client, nemlogin, family):
    response = log_in(client, nemlogin, family.mother.citizen.cpr, level="")
    assert_refused_with(client, response, "Betydelig")


def test_an_unknown_cpr_number_is_told_to_call_the_municipality(client, nemlogin, family):
    response = log_in(client, nemlogin, "020203-0000")
    assert_refused_with(client, response, "Vi kunne ikke finde en plan til dig")


def test_an_expired_assertion_asks_the_citizen_to_log_in_again(client, nemlogin, family):
    nemlogin.clock_behind = 20
    response = log_in(client, nemlogin, family.mother.citizen.cpr)
    assert_refused_with(client, response, "tog for lang tid")


def test_a_tampered_signature_is_refused(client, nemlogin, family, keys):
    nemlogin.key_file, nemlogin.cert_file = keys["impostor"]
    response = log_in(client, nemlogin, family.mother.citizen.cpr)
    assert_refused_with(client, response, "Det virkede ikke at logge ind")


def test_a_replayed_response_is_refused(client, nemlogin, family):
    start = client.get("/sso/test-nemlogin/login/")
    request, _ = nemlogin.read_request(start["Location"])
    xml = nemlogin.respond(
        request,
        subject="urn:person:1",
        attributes={CPR: [family.mother.citizen.cpr.replace("-", "")], LOA: [SUBSTANTIAL]},
    )
    assert (
        client.post("/sso/test-nemlogin/saml/acs/", {"SAMLResponse": xml})["Location"] == "/borger/"
    )
    client.logout()
    response = client.post("/sso/test-nemlogin/saml/acs/", {"SAMLResponse": xml})
    assert_refused_with(client, response, "Det virkede ikke at logge ind")


def test_logging_out_ends_the_session_at_nemlogin_too(client, nemlogin, family):
    log_in(client, nemlogin, family.mother.citizen.cpr, subject="urn:person:mother")
    response = client.post("/borger/logud/")
    # The citizen's logout button carries on to the single logout, keeping the POST.
    assert response.status_code == 307
    assert response["Location"] == "/sso/logud/"
    response = client.post(response["Location"])
    assert response["Location"].startswith("https://idp.test/slo?")
    assert "_auth_user_id" not in client.session
    logout_request, _ = nemlogin.read_logout(response["Location"])
    assert nemlogin.logouts == ["urn:person:mother"]
    back = client.get(nemlogin.logout_answer(logout_request))
    assert back["Location"] == "/borger/logget-ud/"
    assert "Du er logget ud" in client.get(back["Location"]).content.decode()


def test_the_citizens_login_page_offers_nemlogin(client, nemlogin):
    html = client.get("/borger/login/").content.decode()
    assert "Log ind med MitID via NemLog-in" in html
    assert 'href="/sso/test-nemlogin/login/"' in html
