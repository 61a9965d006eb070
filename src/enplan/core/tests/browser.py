"""Helpers for browser tests: log in through the real form, and check a page with axe-core."""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError

from enplan.core.demo import DEMO_PASSWORD
from enplan.mfa.tests.codes import current_code

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

_axe = Axe()


def assert_accessible(page) -> None:
    """Fail with axe-core's own report if the page breaks a WCAG 2.1 A or AA rule.

    A click on a link or a form button returns before the next page has loaded, so
    axe could otherwise run on a document that is being replaced; it waits for the
    load and checks again once if the page was swapped under it.
    """
    page.wait_for_load_state("load")
    try:
        results = _axe.run(page, options=WCAG_21_AA)
    except PlaywrightError:
        page.wait_for_load_state("load")
        results = _axe.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def log_in(page, live_server, username, password=DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: urlsplit(url).path != "/login/")
    if urlsplit(page.url).path == "/login/kode/":
        # A user with an authenticator app is asked for its code, as a person would type it.
        page.get_by_label("Kode").fill(current_code(username))
        page.get_by_role("button", name="Fortsæt").click()
    # Each role lands on its own start page.
    page.wait_for_url(lambda url: url.startswith(live_server.url) and "/login/" not in url)
