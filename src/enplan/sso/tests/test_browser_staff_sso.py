"""A caseworker logs in through the municipality's own login in a real browser: the login
page offers it, the OpenID provider on loopback lets her through, she lands in Én plan, and
logs out at the provider too. Someone without a right gets an accessible Danish page, and
the citizens' login page offers NemLog-in."""

import copy

import pytest
from playwright.sync_api import expect

from enplan.citizen import mitid
from enplan.citizen.tests.oidc_provider import Provider
from enplan.core.models import Role
from enplan.core.tests.browser import assert_accessible
from enplan.sso.models import Audience, IdentityProvider, Protocol, RightMapping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def entra(world, live_server, settings):
    provider = Provider(post_logout_redirect_uris=[f"{live_server.url}/login/"])
    provider.extra_claims = {"roles": ["Enplan.Caseworker"], "name": "Lise Hansen"}
    provider.next_cpr = "010190-1234"
    provider.start()
    # The CSP lets the logout form lead on to https addresses; this provider is plain http
    # on loopback, so it is let in by its own address, as a test provider only.
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(provider.issuer)
    settings.CONTENT_SECURITY_POLICY = policy
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
    RightMapping.objects.create(
        municipality=world.municipality,
        provider=row,
        right="Enplan.Caseworker",
        role=Role.PROFESSIONAL,
        department=world.department,
    )
    yield provider
    provider.stop()
    mitid.discovery.cache_clear()


def test_a_caseworker_logs_in_and_out_with_the_organisations_login(page, live_server, entra):
    page.goto(f"{live_server.url}/login/")
    assert_accessible(page)
    page.get_by_role("link", name="Log ind med organisationens login").click()
    page.wait_for_url(lambda url: url.startswith(live_server.url) and "/login/" not in url)
    expect(page.get_by_text("Lise Hansen").first).to_be_visible()
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(f"{live_server.url}/login/")
    assert entra.logouts  # the provider was asked to end its session too
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind i Én plan")


def test_someone_without_a_right_gets_an_accessible_danish_page(page, live_server, entra):
    entra.extra_claims["roles"] = ["Something.Else"]
    page.goto(f"{live_server.url}/login/")
    page.get_by_role("link", name="Log ind med organisationens login").click()
    expect(page.get_by_role("alert")).to_contain_text("giver dig ikke adgang til Én plan")
    assert_accessible(page)
    page.get_by_role("link", name="Tilbage til login").click()
    page.wait_for_url(f"{live_server.url}/login/")


def test_the_citizens_login_page_with_nemlogin_is_accessible(page, live_server, world):
    IdentityProvider.objects.create(
        municipality=world.municipality,
        name="NemLog-in",
        slug="test-nemlogin",
        audience=Audience.CITIZEN,
        protocol=Protocol.SAML,
    )
    page.goto(f"{live_server.url}/borger/login/")
    expect(page.get_by_role("link", name="Log ind med MitID via NemLog-in")).to_be_visible()
    assert_accessible(page)
