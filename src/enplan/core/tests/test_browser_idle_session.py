"""In the browser: a minute before an idle session ends, a dialog says so and offers to
stay logged in (WCAG 2.2.1); left alone, the page logs out. Timings shortened by settings.
The pages run under the strict CSP, and the browser reports no violation of it."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in
from enplan.core.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def short_sessions(settings):
    settings.ENPLAN_IDLE_SECONDS_STAFF = 8
    settings.ENPLAN_IDLE_WARNING_SECONDS = 5
    settings.ENPLAN_IDLE_RECORD_EVERY = 0


def test_the_idle_warning_lets_the_user_stay_and_otherwise_logs_out(
    page, live_server, world, short_sessions
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    UserFactory(municipality=world.municipality, username="sagsbehandler")
    log_in(page, live_server, "sagsbehandler", "test-password-1")
    dialog = page.get_by_role("dialog", name="Du bliver logget ud om 1 minut")
    expect(dialog).to_be_visible(timeout=8000)
    assert_accessible(page)
    page.get_by_role("button", name="Bliv logget ind").click()
    expect(dialog).to_be_hidden()
    assert "/login/" not in page.url

    # Left alone, the warning comes back and the page logs out.
    expect(dialog).to_be_visible(timeout=8000)
    page.wait_for_url(lambda url: "/login/" in url, timeout=15000)
    expect(page.get_by_role("button", name="Log ind")).to_be_visible()
    assert violations == []
