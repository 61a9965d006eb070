"""Min log in the demo, in a real browser: when a professional has opened Sanne's plan,
her log says so in one plain sentence, with who, what and the day, and the organisation
and the time below it."""

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from enplan.citizen.tests.test_browser_citizen_journey import development, log_in_as_sanne
from enplan.core.models import User
from enplan.core.tests.browser import assert_accessible, log_in
from enplan.plans.models import Plan

__all__ = ["development"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_min_log_tells_sanne_in_a_sentence_who_opened_her_plan(
    page, browser, live_server, demo, development
):
    plan = Plan.objects.get(title="Familien Bak")
    professional = User.objects.select_related("professional__department").get(username="fagperson")
    colleague = browser.new_page()
    log_in(colleague, live_server, "fagperson")
    assert colleague.goto(f"{live_server.url}/plans/{plan.pk}/").status == 200
    colleague.close()

    log_in_as_sanne(page, live_server)
    page.get_by_role("link", name="Min log").click()
    expect(page.get_by_role("heading", level=1, name="Min log")).to_be_visible()
    with translation.override("da"):
        today = formats.date_format(timezone.localdate(), "j. F")
    sentence = f"{professional.get_full_name()} åbnede din plan den {today}."
    row = page.locator(".access-log li", has_text=sentence).first
    expect(row).to_be_visible()
    expect(row.locator("strong")).to_have_text(f"{professional.get_full_name()} åbnede din plan")
    expect(row).to_contain_text(professional.professional.department.name)
    expect(row.locator("time")).to_contain_text(timezone.localdate().strftime("%d.%m.%Y"))
    assert_accessible(page)
