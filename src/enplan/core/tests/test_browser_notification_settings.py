"""In a real browser: a coordinator chooses a daily summary for the citizens' comments."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_chooses_how_to_be_told(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("link", name="Vælg hvordan du får besked").click()
    expect(page.get_by_role("heading", level=1, name="Sådan får du besked")).to_be_visible()
    assert_accessible(page)
    group = page.get_by_role("group", name="Borgeren har skrevet eller givet samtykke")
    group.get_by_label("Én e-mail om dagen med en oversigt").check()
    page.get_by_role("button", name="Gem valg").click()
    expect(page.get_by_text("Dine valg for beskeder er gemt.")).to_be_visible()
    group = page.get_by_role("group", name="Borgeren har skrevet eller givet samtykke")
    expect(group.get_by_label("Én e-mail om dagen med en oversigt")).to_be_checked()
    assert_accessible(page)
