"""A caseworker registers a step on the household plan without leaving the page, and sees
the citizen's path on the staircase change."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_registers_a_step_on_the_staircase(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    page.get_by_role("link", name="Trappetrin").click()
    section = page.locator("#progress")
    expect(section.get_by_role("heading", name="Sanne")).to_be_visible()
    expect(section.get_by_role("img", name="Vejen på trappen for Sanne")).to_be_visible()
    expect(section).to_contain_text("dage over grænsen")
    page.evaluate("window.stillTheSamePage = true")

    section.get_by_role("link", name="Registrér trin").click()
    form = page.locator("#progress-form form")
    expect(form).to_be_visible()
    assert_accessible(page)
    form.get_by_label("Borger").select_option(label="Sanne Bak")
    form.get_by_label("2. Praktik eller brobygning").check()
    form.get_by_label("Begrundelse").fill("Startet i praktik i Bøgeby Brugs.")
    form.get_by_role("button", name="Registrér").click()

    sanne = page.locator("#progress article", has_text="Sanne")
    expect(sanne).to_contain_text("2. Praktik eller brobygning siden")
    expect(sanne).to_contain_text("0 af højst 183 dage")
    expect(sanne).to_contain_text("Tidligere trin over tidsgrænsen")
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)
