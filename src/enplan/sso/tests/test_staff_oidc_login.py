"""A professional logs in through the municipality's Entra ID (OpenID Connect): a real
OpenID provider on loopback (the one the MitID tests run) issues signed ID tokens; the app
roles in them decide the role and the department, as KOMBIT's rights do."""

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
import requests

from enplan.citizen import mitid
from enplan.citizen.tests.oidc_provider import Provider
from enplan.core.models import AuditEvent, Role
from enplan.sso.models import Audience, ExternalIdentity, IdentityProvider, Protocol, RightMapping

pytestmark = pytest.mark.django_db

PERSON = "010190-1234"  # who the provider says logs in (the provider's `sub` is derived from it)


@pytest.fixture
def entra(world):
    provider = Provider(post_logout_redirect_uris=["http://testserver/login/"])
    provider.extra_claims = {"roles": ["Enplan.Caseworker"], "name": "Lise Hansen"}
    provider.start()
    mitid.discovery.cache_clear()
    row = IdentityProvider.objects.create(
        municipality=world.municipality,
        name="Entra ID",
        slug="test-entra",
        audience=Audience.STAFF,
        protocol=Protocol.OIDC,
        oidc_issuer=provider.issuer,
        oidc_client_id=provider.client_id,
        oidc_client_secret=provider.client_secret,
    )
    for right, role, department in [
        ("Enplan.Caseworker", Role.PROFESSIONAL, world.department),
        ("Enplan.TeamLeader", Role.LEADER, None),
    ]:
        RightMapping.objects.create(
            municipality=world.municipality,
            provider=row,
            right=right,
            role=role,
            department=department,
        )
    yield provider
    provider.stop()
    mitid.discovery.cache_clear()


def to_provider_and_back(client, provider) -> str:
    provider.next_cpr = PERSON
    start = client.get("/sso/test-entra/login/?next=/plans/")
    assert start.status_code == 302
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    query = parse_qs(urlparse(start["Location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    answer = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    callback = urlparse(answer.headers["Location"])
    assert callback.path == "/sso/oidc/callback/"
    return f"{callback.path}?{callback.query}"


def assert_refused(response, message, status=400):
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert '<main id="main"' in html
    assert 'href="/login/"' in html


def test_a_caseworker_logs_in_with_entra_id_and_is_created(client, entra, world):
    response = client.get(to_provider_and_back(client, entra))
    assert response.status_code == 302
    assert response["Location"] == "/plans/"
    user = ExternalIdentity.objects.select_related("user").get().user
    assert user.role == Role.PROFESSIONAL
    assert user.get_full_name() == "Lise Hansen"
    assert user.professional.department == world.department
    assert int(client.session["_auth_user_id"]) == user.pk
    assert AuditEvent.objects.filter(
        object_type="session.login", object_id="oidc:test-entra"
    ).exists()


def test_a_team_leader_role_claim_makes_a_team_leader(client, entra):
    entra.extra_claims["roles"] = ["Enplan.Caseworker", "Enplan.TeamLeader"]
    client.get(to_provider_and_back(client, entra))
    assert ExternalIdentity.objects.get().user.role == Role.LEADER


def test_no_mapped_role_is_refused_and_deactivates_a_known_user(client, entra):
    client.get(to_provider_and_back(client, entra))
    client.logout()
    entra.extra_claims["roles"] = ["Something.Else"]
    assert_refused(client.get(to_provider_and_back(client, entra)), "giver dig ikke adgang", 403)
    assert not ExternalIdentity.objects.get().user.is_active


def test_an_id_token_for_another_client_is_refused(client, entra):
    entra.audience_override = "someone-else"
    assert_refused(client.get(to_provider_and_back(client, entra)), "Det virkede ikke at logge ind")
    assert not ExternalIdentity.objects.exists()


def test_an_expired_id_token_asks_to_log_in_again(client, entra):
    entra.token_lifetime, entra.issued_ago = -120, 420
    assert_refused(client.get(to_provider_and_back(client, entra)), "tog for lang tid")


def test_the_same_answer_used_twice_does_not_log_in_again(client, entra):
    callback = to_provider_and_back(client, entra)
    assert client.get(callback)["Location"] == "/plans/"
    client.logout()
    assert_refused(client.get(callback), "Det virkede ikke at logge ind")


def test_a_tampered_state_is_refused_with_a_page(client, entra):
    query = parse_qs(urlparse(to_provider_and_back(client, entra)).query)
    query["state"] = [query["state"][0] + "x"]
    response = client.get("/sso/oidc/callback/?" + urlencode(query, doseq=True))
    assert_refused(response, "Det virkede ikke at logge ind")


def test_a_cancelled_login_says_so(client, entra):
    entra.error_next = "access_denied"
    assert_refused(client.get(to_provider_and_back(client, entra)), "Du afbrød login")


def test_a_provider_that_does_not_answer_gets_a_page(client, entra):
    entra.stop()
    mitid.discovery.cache_clear()
    response = client.get("/sso/test-entra/login/")
    assert_refused(response, "svarer ikke lige nu")
    entra.start()  # for the fixture's teardown


def test_logging_out_ends_the_session_at_the_provider_too(client, entra):
    client.get(to_provider_and_back(client, entra))
    response = client.post("/logout/")
    assert "_auth_user_id" not in client.session
    url = urlparse(response["Location"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{entra.issuer}/end_session"
    back = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert back.headers["Location"] == "http://testserver/login/"
    assert AuditEvent.objects.filter(object_type="session.logout").count() == 1
