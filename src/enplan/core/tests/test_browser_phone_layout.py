"""On a phone (390 px), a professional's pages fit the screen: the menu wraps instead of
running off the side, lists stack into cards that still say what each value is, and
grids of figures scroll inside their own box rather than widening the page."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_coordinators_pages_fit_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "koordinator")
    expect(page.get_by_role("link", name="Find borgere")).to_be_visible()
    assert page_width(page) <= PHONE["width"]

    page.get_by_role("link", name="Familien Bak").click()
    expect(page.get_by_role("heading", level=1, name="Familien Bak")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)

    # The goals are a section page of their own, reached from the plan's menu.
    menu = page.get_by_role("navigation", name="Planens dele")
    goals = menu.get_by_role("link", name="Mål", exact=True)
    goals.click()
    expect(goals).to_have_attribute("aria-current", "page")
    assert page_width(page) <= PHONE["width"]
    # The goals table stacks into cards; each value carries its column's name.
    first_goal = page.locator("#goals tbody tr").first
    expect(first_goal.locator("td").first).to_have_attribute("data-label", "For")
    assert_accessible(page)

    from enplan.coordination.models import SurveyRound

    round_ = SurveyRound.objects.filter(plan__title="Familien Bak").order_by("opens_on").first()
    page.goto(f"{live_server.url}/coordination/{round_.pk}/results/")
    matrix = page.locator(".rc-matrix")
    expect(matrix).to_be_visible()
    # The matrix keeps its columns and scrolls inside its own box.
    assert matrix.evaluate("table => getComputedStyle(table.tHead).display") != "none"
    assert page_width(page) <= PHONE["width"]
    assert_accessible(page)


def test_a_team_leaders_steering_figures_fit_a_phone(page, live_server, demo):
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "leder")
    expect(page.get_by_role("heading", level=1, name="Styringsdata")).to_be_visible()
    assert page_width(page) <= PHONE["width"]
