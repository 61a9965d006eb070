"""The main journey in a real browser: log in, open the household plan on its overview,
write a note without leaving the page, add an intervention on the interventions' page,
and check accessibility."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_keeps_the_household_plan_up_to_date(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    expect(page.get_by_role("heading", name="Mine borgere")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Familien Bak").click()
    expect(page.get_by_role("heading", level=1, name="Familien Bak")).to_be_visible()
    assert_accessible(page)
    # The overview: the day's actions are on the first screen (1280×800 by default).
    new_note = page.get_by_role("link", name="Nyt notat")
    for action in (new_note, page.get_by_role("link", name="Print / PDF")):
        box = action.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= 800
    expect(page.get_by_role("heading", name="Næste møde")).to_be_visible()
    # A marker that survives only if the page is never reloaded.
    page.evaluate("window.stillTheSamePage = true")

    new_note.click()
    log_form = page.locator("#log-form form")
    log_form.get_by_label("Type").select_option(label="Kontakt")
    log_form.get_by_label("Tekst").fill("Oliver vil gerne prøve løbeklubben på torsdag.")
    log_form.get_by_role("button", name="Tilføj til stafetloggen").click()

    first_entry = page.locator("#log .timeline__entry").first
    expect(first_entry).to_contain_text("Oliver vil gerne prøve løbeklubben på torsdag.")
    expect(first_entry).to_contain_text("Mette Lund")
    # The confirmation is seen, not only heard: a toast that is the polite live region.
    toast = page.locator("#status")
    expect(toast).to_be_visible()
    expect(toast).to_have_attribute("aria-live", "polite")
    expect(toast).to_contain_text("Notatet er tilføjet")
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)

    # The efforts are a page of their own, reached from the sticky section menu.
    menu = page.get_by_role("navigation", name="Planens dele")
    menu.get_by_role("link", name="Indsatser").click()
    expect(menu.get_by_role("link", name="Indsatser")).to_have_attribute("aria-current", "page")
    assert_accessible(page)
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_role("link", name="Ny indsats").click()
    form = page.locator("#interventions-form form")
    expect(form).to_be_visible()
    assert_accessible(page)
    form.get_by_label("Indsats").fill("Løbeklub med mentor")
    form.get_by_label("For", exact=True).select_option(label="Oliver Bak")
    form.get_by_label("Afdeling").select_option(label="Familierådgivningen")
    form.get_by_label("Lovgrundlag").select_option(label="Barnets lov")
    form.get_by_label("Aftalt start").fill("2026-12-01")
    form.get_by_label("Udgift pr. måned (kr.)").fill("1200")
    form.get_by_role("button", name="Gem").click()

    new_intervention = page.locator("#interventions li", has_text="Løbeklub med mentor")
    expect(new_intervention).to_be_visible()
    expect(new_intervention).to_contain_text("Barnets lov")
    expect(page.get_by_role("heading", name="Interventions")).to_have_count(0)
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)


def test_a_form_with_errors_explains_them_in_danish(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    page.get_by_role("navigation", name="Planens dele").get_by_role(
        "link", name="Indsatser"
    ).click()
    page.get_by_role("link", name="Ny indsats").click()
    form = page.locator("#interventions-form form")
    form.get_by_label("Indsats").fill("Uden afdeling")
    form.get_by_label("Status").select_option(label="Sat på pause")
    form.get_by_role("button", name="Gem").click()
    expect(page.locator("#interventions-form")).to_contain_text("Dette felt er påkrævet.")
    assert_accessible(page)
