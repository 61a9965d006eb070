"""A passkey in a real browser: Chromium's virtual authenticator (the WebAuthn domain of
the DevTools protocol) stands in for the fingerprint reader; the ceremonies, the
signatures and their checks are all real."""

import pytest
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect

from enplan.core.models import AuditEvent, Role
from enplan.core.tests.browser import assert_accessible
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.mfa.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    found = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, found["authenticatorId"]


def _password(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_an_administrator_sets_up_a_passkey_and_logs_in_with_it(page, live_server):
    admin = UserFactory(
        municipality=MunicipalityFactory(), role=Role.ADMIN, is_staff=True, username="anna"
    )
    cdp, authenticator = _virtual_authenticator(page)

    _password(page, live_server, "anna")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opsæt totrinsbekræftelse")
    assert_accessible(page)
    # Nothing else opens before the second factor.
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opsæt totrinsbekræftelse")

    page.get_by_role("button", name="Tilføj en adgangsnøgle").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gendannelseskoder")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert_accessible(page)
    assert WebAuthnCredential.objects.filter(user=admin, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(
        object_type="core.user", object_id=str(admin.pk), changed_fields=["second_factor.passkey"]
    ).exists()
    assert (
        len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"])
        == 1
    )
    page.get_by_role("link", name="Fortsæt").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.get_by_role("button", name="Log ud").click()
    _password(page, live_server, "anna")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indtast koden fra din app")
    assert_accessible(page)
    page.get_by_role("button", name="Brug adgangsnøgle").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    assert WebAuthnCredential.objects.get(user=admin).last_used_at is not None
