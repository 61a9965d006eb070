"""Finding the citizens in a real browser, on the demo data, with axe-core on every page:
a nomination from a professional to the visitation team's decision, and a screening round
from scoring through review and re-identification to the invitation letter."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in
from enplan.targeting import pseudonyms
from enplan.targeting.demo import DEMO_PSEUDONYM_KEY, screening_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_user(page, live_server, username):
    page.context.clear_cookies()
    log_in(page, live_server, username)


def test_a_professional_nominates_a_citizen_and_the_visitation_team_accepts(
    page, live_server, demo
):
    log_in(page, live_server, "fagperson")
    page.get_by_role("link", name="Find borgere").click()
    expect(page.get_by_role("heading", level=1, name="Find borgere")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Indstil en borger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indstil en borger til én plan")
    page.get_by_role("button", name="Send indstilling").click()
    expect(page.locator(".form-errors")).to_contain_text("Ret de markerede felter")
    assert_accessible(page)

    page.get_by_label("CPR-nummer").fill("120394-8123")
    page.get_by_label("Fornavn").fill("Simon")
    page.get_by_label("Efternavn").fill("Brandt")
    page.get_by_label("Hele familien har brug for én plan").check()
    page.get_by_label("Hvorfor vil én plan hjælpe?").fill(
        "Simon vil gerne have et job og se sine børn mere. Han har møder i fire afdelinger."
    )
    page.get_by_label("Center for Arbejdsmarked").check()
    page.get_by_label("Center for Sociale Indsatser").check()
    page.get_by_role("button", name="Send indstilling").click()
    expect(page.get_by_role("heading", level=1, name="Simon Brandt")).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("Afventer beslutning")
    assert_accessible(page)

    switch_user(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/targeting/nominations/")
    expect(page.get_by_role("link", name="Simon Brandt")).to_be_visible()
    # The demo's two nominations of Nadia Holt are flagged as duplicates.
    expect(page.locator("tr", has_text="Nadia Holt").first).to_contain_text("1 gang mere")
    assert_accessible(page)

    page.get_by_role("link", name="Simon Brandt").click()
    assert_accessible(page)
    page.get_by_label("Godkend og invitér borgeren").check()
    page.get_by_label("Begrundelse").fill("Klart behov for én koordinator.")
    page.get_by_role("button", name="Gem beslutning").click()
    expect(page.get_by_role("heading", level=1, name="Invitation til én plan")).to_be_visible()
    expect(page.get_by_role("cell", name="120394-8123")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Opret plan og registrér samtykke").click()
    expect(page.get_by_label("CPR-nummer").first).to_have_value("120394-8123")
    assert_accessible(page)

    switch_user(page, live_server, "fagperson")
    page.goto(f"{live_server.url}/targeting/")
    expect(page.locator("tr", has_text="Simon Brandt")).to_contain_text(
        "Godkendt: borgeren er inviteret"
    )


def test_a_screening_round_from_scoring_to_the_invitation(page, live_server, demo):
    from enplan.targeting.models import Candidate, ScreeningRound

    screening_round = ScreeningRound.objects.get(municipality=demo)
    log_in(page, live_server, "fagperson")
    page.goto(f"{live_server.url}/targeting/")
    page.get_by_role("link", name="Screening efterår").click()
    expect(page.get_by_text("Screeningen er slået til.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Beregn point for runden").click()
    # Scoring cannot be undone: a page says what it does first.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beregn point for runden")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, beregn point").click()
    # Scoring runs on the task queue: the page says so and asks again until it is done.
    expect(page.locator("#scoring")).to_contain_text("Beregner…")
    assert_accessible(page)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    expect(page.locator("#scoring")).to_contain_text("6 husstande er foreslået", timeout=15000)
    page.locator("#scoring").get_by_role("link", name="Se kandidatlisten").click()
    expect(page.get_by_role("heading", level=1, name="Kandidatliste")).to_be_visible()
    assert_accessible(page)

    first = page.locator("article.candidate").first
    expect(first).to_contain_text("2.900")
    first.get_by_label("Godkend").check()
    first.get_by_label("Begrundelse").fill("Mange aktører omkring familien.")
    first.get_by_role("button", name="Gem beslutning").click()
    expect(page.locator(".messages")).to_contain_text("Kandidat 1: gemt.")
    # Four eyes: a second reviewer approves before the key holder may re-identify.
    expect(page.locator("article.candidate").first).to_contain_text("En anden bedømmer")
    assert_accessible(page)
    switch_user(page, live_server, "camilla.friis")
    page.goto(f"{live_server.url}/targeting/rounds/{screening_round.pk}/shortlist/")
    first = page.locator("article.candidate").first
    first.get_by_label("Godkend").check()
    first.get_by_label("Begrundelse").fill("Enig: mange aktører.")
    first.get_by_role("button", name="Gem beslutning").click()
    expect(page.locator("article.candidate").first).to_contain_text("Godkendt")
    assert_accessible(page)

    switch_user(page, live_server, "leder")
    page.goto(f"{live_server.url}/targeting/rounds/{screening_round.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Bilaget til konsekvensanalysen").click()
    expect(page.get_by_role("heading", name="6. Tjek af overrepræsentation")).to_be_visible()
    assert_accessible(page)

    # The key holder types the key and the household's CPR numbers from the department.
    candidate = Candidate.objects.get(round=screening_round, rank=1)
    key = DEMO_PSEUDONYM_KEY.encode()
    members = [
        p
        for p in screening_people()
        if pseudonyms.pseudonym(key, p["household_cpr"]) == candidate.household
    ]
    switch_user(page, live_server, "noegleholder")
    page.goto(f"{live_server.url}/targeting/rounds/{screening_round.pk}/reidentify/")
    assert_accessible(page)
    page.get_by_role("link", name="Genidentificér kandidat 1").click()
    page.get_by_label("Pseudonymiseringsnøgle").fill(DEMO_PSEUDONYM_KEY)
    for n, person in enumerate(members):
        row = page.locator("fieldset.member-row").nth(n)
        row.get_by_label("CPR-nummer").fill(person["cpr"])
        row.get_by_label("Fornavn").fill(person["first_name"])
        row.get_by_label("Efternavn").fill(person["last_name"])
    assert_accessible(page)
    page.get_by_role("button", name="Tjek og genidentificér").click()
    expect(page.locator(".messages")).to_contain_text("Genidentificeret.")
    assert_accessible(page)

    switch_user(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/targeting/invitations/")
    page.get_by_role("link", name=members[0]["first_name"], exact=False).first.click()
    expect(page.get_by_text("Fundet via: Screening")).to_be_visible()
    assert_accessible(page)


def test_the_published_rules_are_open_to_everyone(page, live_server, demo):
    page.goto(f"{live_server.url}/targeting/rules/{demo.code}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sådan finder vi borgere, der kan have brug for én plan"
    )
    expect(page.get_by_text("Gældende: version 2")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 1")
    assert_accessible(page)
