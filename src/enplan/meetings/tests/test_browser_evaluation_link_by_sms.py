"""In a real browser: the coordinator sends the one-time link to the citizen's phone."""

import pytest
from playwright.sync_api import expect

from enplan.core import sms
from enplan.core.tests.browser import assert_accessible, log_in
from enplan.meetings.tests.test_browser_meeting_cycle import bak_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_sends_the_link_by_sms(page, live_server, demo):
    meeting = bak_meeting(demo, "network")
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/#evaluation")
    evaluation = page.locator("#evaluation")
    evaluation.get_by_label("Eller lav et engangslink til borgerens egen telefon").select_option(
        label="Kenneth"
    )
    evaluation.get_by_role("button", name="Lav link").click()
    expect(page.get_by_role("heading", name="Send linket som sms")).to_be_visible()
    mobile = page.get_by_label("Mobilnummer")
    mobile.fill("1234")
    page.get_by_role("button", name="Send som sms").click()
    expect(page.get_by_text("Skriv et dansk mobilnummer med 8 cifre").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Mobilnummer").fill("20 12 34 56")
    page.get_by_role("button", name="Send som sms").click()
    expect(page.get_by_text("Linket er sendt som sms.").first).to_be_visible()
    assert_accessible(page)
    link = page.get_by_role("textbox", name="Linket").input_value()
    assert sms.outbox[-1].to == "+4520123456"
    assert link in sms.outbox[-1].text
