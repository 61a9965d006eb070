"""Setting up an authenticator app in a real browser, with the code computed from the key
the page shows (as the app computes it), and the Sikkerhed pages checked with axe-core."""

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from enplan.core.models import Role
from enplan.core.tests.browser import assert_accessible, log_in
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.mfa.tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_from_key(key_text: str) -> str:
    key = base64.b32decode(key_text.replace(" ", ""))
    return f"{TOTP(key).token():06d}"


def test_the_key_holder_sets_up_an_app_and_is_asked_for_it_next_time(page, live_server):
    UserFactory(municipality=MunicipalityFactory(), role=Role.KEY_HOLDER, username="ida")
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill("ida")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opsæt totrinsbekræftelse")

    page.get_by_role("link", name="Tilføj en app").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilføj en godkendelsesapp")
    expect(page.get_by_role("img", name="QR-kode til din app")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Tilføj appen").click()
    expect(page.locator(".field__error")).to_contain_text("Dette felt er påkrævet")
    page.get_by_label("Kode fra appen").fill("abcdef")
    page.get_by_role("button", name="Tilføj appen").click()
    expect(page.locator(".field__error")).to_contain_text("Koden er ikke rigtig")
    assert_accessible(page)
    # A person takes longer than the one second that a wrong code makes the next one wait.
    page.wait_for_timeout(1100)

    page.get_by_label("Kode fra appen").fill(_code_from_key(page.locator("#app-key").inner_text()))
    page.get_by_label("Navn på enheden").fill("Min telefon")
    page.get_by_role("button", name="Tilføj appen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gendannelseskoder")
    page.get_by_role("link", name="Fortsæt").click()
    expect(page).to_have_url(f"{live_server.url}/targeting/")

    page.get_by_role("link", name="Sikkerhed").click()
    expect(page.get_by_role("cell", name="Min telefon", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Fjern Min telefon").click()
    assert_accessible(page)
    page.get_by_label("Din adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Fjern").click()
    expect(page.locator(".form-errors")).to_contain_text("Din rolle kræver totrinsbekræftelse")

    page.get_by_role("button", name="Log ud").click()
    log_in(page, live_server, "ida", password=PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/targeting/")
