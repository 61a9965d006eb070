"""The main journey in a real browser: open the household's network map, add a private
person the family named, rate a collaboration and see its colour change; the page passes
axe-core."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GREEN, RED = "#146c2e", "#a1141e"


def _open_the_map(page):
    # The plan opens on its overview; the section menu leads to the map page, the section's page.
    page.get_by_role("navigation", name="Planens dele").get_by_role(
        "link", name="Borgerens organisation"
    ).click()


def rate(page, *, level, first="Ole Nabo (Nabo, hjælper med indkøb)"):
    form = page.locator("#map-form form")
    expect(form).to_be_visible()
    form.get_by_label("Set fra").select_option(
        label="Grethe Bak (Mormor, henter børnene om onsdagen)"
    )
    form.get_by_label("Samarbejdet mellem").select_option(label=first)
    form.get_by_label("og (skal udfyldes)", exact=True).select_option(
        label="Grethe Bak (Mormor, henter børnene om onsdagen)"
    )
    form.get_by_label(level, exact=True).check()
    form.get_by_role("button", name="Registrér vurdering").click()


def test_the_family_adds_a_neighbour_and_rates_the_collaboration(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    _open_the_map(page)
    expect(page.get_by_role("heading", level=1, name="Borgerens organisation")).to_be_visible()
    expect(page.locator("#organisation")).to_contain_text("Fagpersoner i fast kontakt")
    expect(page.get_by_role("img", name="Borgerens organisation: Familien Bak")).to_be_visible()
    # The household's 20+ contacts in their areas, the coordinator and the private network.
    expect(page.locator("#people tbody tr")).to_have_count(24)
    expect(page.locator("#relations")).to_contain_text("Forskellige vurderinger")
    assert_accessible(page)
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("link", name="Tilføj person").click()
    form = page.locator("#map-form form")
    expect(form).to_be_visible()
    form.get_by_label("Privat person").check()
    form.get_by_label("Navn", exact=True).fill("Ole Nabo")
    form.get_by_label("Rolle i borgerens liv").fill("Nabo, hjælper med indkøb")
    form.get_by_label("Tilføjet af borgeren eller familien").check()
    form.get_by_role("button", name="Tilføj", exact=True).click()
    expect(page.locator("#people tbody")).to_contain_text("Ole Nabo")
    expect(page.locator("svg.network-map__svg")).to_contain_text("Ole Nabo ★")

    page.get_by_role("link", name="Vurder et samarbejde").click()
    rate(page, level="God")
    row = page.locator("#relations tbody tr", has_text="Ole Nabo")
    expect(row).to_contain_text("God")
    relation = page.locator(f'svg path[data-pair="{row.get_attribute("data-pair")}"]')
    expect(relation).to_have_attribute("stroke", GREEN)

    row.get_by_role("link", name="Vurder igen").click()
    rate(page, level="Lav")
    expect(row).to_contain_text("Lav")
    expect(relation).to_have_attribute("stroke", RED)
    expect(relation).to_have_attribute("stroke-dasharray", "1 6")
    assert page.evaluate("window.stillTheSamePage") is True
    assert_accessible(page)


def test_the_map_as_it_was_at_the_start_shows_who_has_left_since(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    _open_the_map(page)
    expect(page.locator("svg.network-map__svg")).not_to_contain_text("Jens Kofoed")
    page.get_by_role("link", name="Som ved start").click()
    expect(page.locator(".notice")).to_contain_text("Du ser kortet, som det var den")
    expect(page.locator("svg.network-map__svg")).to_contain_text("Jens Kofoed")
    assert_accessible(page)
