"""Helpers for browser tests: log in through the real form, and check a page with axe-core."""

from axe_playwright_python.sync_playwright import Axe

from enplan.core.demo import DEMO_PASSWORD

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

_axe = Axe()


def assert_accessible(page) -> None:
    """Fail with axe-core's own report if the page breaks a WCAG 2.1 A or AA rule."""
    results = _axe.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def log_in(page, live_server, username, password=DEMO_PASSWORD) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    # Each role lands on its own start page.
    page.wait_for_url(lambda url: url.startswith(live_server.url) and "/login/" not in url)
