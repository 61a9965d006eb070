"""The main journey in a real browser: the coordinator starts a round for the household's
professionals, three of them answer, the round closes, and the diagram shows."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FAMILY = ["Mette Lund", "Camilla Friis", "Thomas Bech"]


def _switch_user(page, live_server, username):
    page.context.clear_cookies()
    log_in(page, live_server, username)


def _open_coordination_section(page):
    # The plan opens on its overview; the rounds are on the section's own page.
    page.get_by_role("navigation", name="Planens dele").get_by_role(
        "link", name="Relationel koordinering"
    ).click()
    expect(page.get_by_role("heading", level=2, name="Relationel koordinering")).to_be_visible()


def _answer(page, live_server, username, title):
    _switch_user(page, live_server, username)
    page.get_by_role("link", name="Relationel koordinering").click()
    assert_accessible(page)
    page.get_by_role("row", name=title).get_by_role("link", name="Svar").click()
    # One compact row per dimension in each of the two workgroups, and the progress.
    questions = page.locator("fieldset.rc-grid__row")
    expect(questions).to_have_count(14)
    expect(page.get_by_text("Gruppe 2 af 2")).to_be_visible()
    progress = page.locator("[data-rc-progress]")
    for index in range(14):
        label = "Ved ikke" if index == 3 else "4 Ofte"
        questions.nth(index).get_by_label(label).check()
        if index == 6:
            expect(progress).to_contain_text("Du har svaret om 1 af 2 arbejdsgrupper")
    expect(progress).to_contain_text("Du har svaret om 2 af 2 arbejdsgrupper")
    page.get_by_role("button", name="Send dine svar").click()
    expect(page.get_by_text("Tak. Dine svar er sendt.")).to_be_visible()


def test_a_coordinator_runs_a_round_and_sees_the_diagram(page, live_server, demo):
    title = "Familien Bak – test i browseren"
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    _open_coordination_section(page)
    page.get_by_role("link", name="Start en måling").click()
    expect(page.get_by_role("heading", name="Start en måling")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Plan", exact=True).select_option(label="Familien Bak")
    page.get_by_label("Målingens navn").fill(title)
    page.get_by_label("Egne grupper").check()
    page.get_by_role("button", name="Start målingen").click()
    # Before anyone is invited: the departments too small ever to be shown.
    warning = page.get_by_role("alert").filter(has_text="kan aldrig vises")
    expect(warning).to_contain_text("Ingen er inviteret endnu.")
    assert_accessible(page)
    page.get_by_label("Invitér alligevel: deres tal bliver aldrig vist").check()
    page.get_by_role("button", name="Start målingen").click()

    expect(page.get_by_role("heading", name="Grupper og svarpersoner")).to_be_visible()
    assert_accessible(page)
    for row in page.locator("tbody tr").all():
        name = row.locator("th").inner_text().split("\n")[0]
        row.get_by_role("combobox").fill("Børn og familie" if name in FAMILY else "Øvrige")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Grupperne er gemt.")).to_be_visible()
    expect(page.get_by_role("row", name="Børn og familie")).to_contain_text("0 %")
    assert_accessible(page)
    page.get_by_role("link", name="Importér svar").click()
    expect(page.get_by_role("heading", name="Importér svar")).to_be_visible()
    assert_accessible(page)

    for username in ("koordinator", "camilla.friis", "thomas.bech"):
        _answer(page, live_server, username, title)
    expect(page.get_by_role("heading", name="Om Øvrige")).to_be_visible()
    assert_accessible(page)

    _switch_user(page, live_server, "koordinator")
    page.get_by_role("link", name="Relationel koordinering").click()
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("row", name="Børn og familie")).to_contain_text("100 %")
    page.get_by_role("link", name="Luk målingen").click()
    assert_accessible(page)
    page.get_by_role("button", name="Luk målingen").click()

    expect(page.get_by_text("Målingen er lukket. Resultaterne er klar.")).to_be_visible()
    diagram = page.get_by_role("img", name="Netværksdiagram over relationerne mellem grupperne")
    expect(diagram).to_be_visible()
    expect(page.locator(".rc-node--medium")).to_have_count(1)  # 4,00 within the group
    expect(page.locator("path.rc-edge--medium")).to_have_count(1)  # 4,00 to the others
    table = page.get_by_role("table", name="Diagrammet som tabel")
    rows = table.locator("tbody tr")
    expect(rows.filter(has=page.locator("th", has_text="Børn og familie"))).to_contain_text(
        "4,00 ■ middel"
    )
    expect(rows.filter(has=page.locator("th", has_text="Øvrige"))).to_contain_text("for få svar")
    assert_accessible(page)

    page.get_by_role("link", name="Udskriftsvenlig side").click()
    expect(
        page.get_by_role("img", name="Netværksdiagram over relationerne mellem grupperne")
    ).to_be_visible()
    assert_accessible(page)


def test_the_coordinator_compares_the_demo_rounds_before_and_after(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    _open_coordination_section(page)
    page.get_by_role("link", name="Familien Bak – ni måneder efter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Familien Bak – ni måneder efter")
    page.get_by_role("link", name="Før og efter").click()
    expect(page.get_by_role("heading", name="Før og efter")).to_be_visible()
    row = page.get_by_role("row", name="Jobcentret → Børn og familie")
    expect(row).to_contain_text("lav")
    expect(row).to_contain_text("høj")
    expect(row).to_contain_text("bedre")
    assert_accessible(page)
