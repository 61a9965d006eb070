"""The meeting cycle in a real browser, on the demo data: schedule a meeting, record a
decision that creates an intervention, the citizen's evaluation through the one-time link,
and the learning recap. Every page is checked with axe-core."""

import pytest
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in
from enplan.meetings.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bak_meeting(demo, kind, *, held=True):
    meetings = Meeting.objects.filter(plan__title="Familien Bak", kind=kind)
    meetings = meetings.filter(status="held") if held else meetings.filter(status="planned")
    return meetings.order_by("-starts_at").first()


def test_a_coordinator_schedules_a_meeting(page, live_server, demo):
    log_in(page, live_server, "koordinator")
    page.get_by_role("link", name="Familien Bak").click()
    page.get_by_role("navigation", name="Planens dele").get_by_role("link", name="Møder").click()
    section = page.locator("#meetings")
    expect(section.get_by_role("heading", name="Møder", exact=True)).to_be_visible()
    expect(section).to_contain_text("Tal om sidste evaluering på næste møde.")
    section.get_by_role("link", name="Planlæg møde").click()

    expect(page.get_by_role("heading", level=1, name="Planlæg møde")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Dato").fill("2026-12-14")
    page.get_by_label("Starter").fill("13:00")
    page.get_by_label("Slutter").fill("14:00")
    page.get_by_label("Sted").fill("Sundhedshuset, lokale 4")
    page.get_by_label("Opfølgning på sundhed").check()
    page.get_by_label("Pia Møller – Bostøtte, kommer to gange om ugen (Sanne)").check()
    page.get_by_role("button", name="Planlæg møde").click()

    expect(page.get_by_text("Mødet er planlagt.")).to_be_visible()
    expect(page.locator("#participants")).to_contain_text("Pia Møller")
    expect(page.locator("#participants")).to_contain_text("Sanne Bak")
    expect(page.locator("#agenda")).to_contain_text("Hvordan var mødet for dig?")
    assert_accessible(page)

    page.get_by_role("link", name="Dagsorden til udskrift").click()
    expect(page.get_by_role("heading", name="Dagsorden")).to_be_visible()
    expect(page.locator(".printable")).to_contain_text("Sundhedshuset, lokale 4")
    assert_accessible(page)


def test_a_decision_creates_an_intervention(page, live_server, demo):
    meeting = bak_meeting(demo, "network")
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Registrér en beslutning").click()
    page.get_by_role("link", name="Ny indsats").click()
    expect(page.get_by_text("Den nye indsats")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("textbox", name="Beslutning").fill(
        "Sanne får en fast kontaktperson i psykiatrien."
    )
    page.get_by_label("Indsats (skal udfyldes)").fill("Fast kontaktperson i psykiatrien")
    page.get_by_label("For", exact=True).select_option(label="Sanne Bak")
    page.get_by_label("Afdeling").select_option(label="Socialpsykiatrien")
    page.get_by_label("Lovgrundlag").select_option(label="Serviceloven")
    page.get_by_label("Aftalt start").fill("2026-12-07")
    page.get_by_role("button", name="Gem beslutning").click()

    decisions = page.locator("#decisions")
    expect(decisions).to_contain_text("Sanne får en fast kontaktperson i psykiatrien.")
    expect(decisions).to_contain_text("Fast kontaktperson i psykiatrien")
    assert_accessible(page)
    decisions.get_by_role("link", name="Fast kontaktperson i psykiatrien").click()
    expect(page.locator("#interventions")).to_contain_text("Fast kontaktperson i psykiatrien")
    # The decision is in the log, dated the day of the meeting.
    page.get_by_role("navigation", name="Planens dele").get_by_role(
        "link", name="Stafetlog"
    ).click()
    expect(page.locator("#log")).to_contain_text(
        "Besluttet på mødet den " + meeting.starts_at.astimezone().strftime("%d.%m.%Y")
    )


def test_the_citizen_answers_through_the_one_time_link(page, live_server, demo, browser):
    meeting = bak_meeting(demo, "network")
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/#evaluation")
    evaluation = page.locator("#evaluation")
    expect(evaluation).to_contain_text("Har ikke evalueret endnu: Kenneth")
    evaluation.get_by_label("Eller lav et engangslink til borgerens egen telefon").select_option(
        label="Kenneth"
    )
    evaluation.get_by_role("button", name="Lav link").click()
    expect(page.get_by_role("heading", name="Engangslink til Kenneth")).to_be_visible()
    assert_accessible(page)
    link = page.get_by_role("textbox", name="Linket").input_value()

    phone = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    citizen = phone.new_page()
    citizen.goto(link)
    expect(citizen.get_by_role("heading", name="Hej Kenneth")).to_be_visible()
    expect(citizen.locator("main")).not_to_contain_text("Nørgaard")
    expect(citizen.locator("main")).not_to_contain_text("Familien Bak")
    assert_accessible(citizen)
    citizen.get_by_role("button", name="Send mine svar").click()
    expect(citizen.get_by_text("Vælg et tal fra 0 til 10.").first).to_be_visible()
    for question, score in [
        ("Lyttede de andre til det, du sagde?", "8"),
        ("Handlede mødet om det, du synes er vigtigt?", "9"),
        ("Passede måden, mødet foregik på, til dig?", "7"),
        ("Fik du noget godt ud af mødet?", "8"),
    ]:
        citizen.get_by_role("group", name=question).get_by_label(score, exact=True).check()
    citizen.get_by_label("Er der andet, du vil sige?").fill("Rart at være færre.")
    citizen.get_by_role("button", name="Send mine svar").click()
    expect(citizen.get_by_role("heading", name="Tak, Kenneth")).to_be_visible()
    assert_accessible(citizen)
    citizen.goto(link)
    expect(citizen.locator("main")).to_contain_text("er allerede givet")
    expect(citizen.get_by_role("button", name="Send mine svar")).to_have_count(0)
    assert_accessible(citizen)
    phone.close()

    page.reload()
    expect(page.locator("#evaluation")).to_contain_text("Rart at være færre.")


def test_a_coordinator_writes_the_learning_recap(page, live_server, demo):
    meeting = bak_meeting(demo, "professionals")
    log_in(page, live_server, "koordinator")
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Skriv opsamling").click()
    expect(page.get_by_role("heading", name="Læringsopsamling")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hvad virkede").fill("Vi havde en fælles dagsorden på forhånd.")
    page.get_by_label("Hvad vi gør anderledes næste gang").fill("Inviter UU-vejlederen tidligere.")
    page.get_by_label("Forberedelse").check()
    page.get_by_label("Egne emneord").fill("overgange")
    page.get_by_role("button", name="Gem opsamling").click()
    recap = page.locator("#recap")
    expect(recap).to_contain_text("Vi havde en fælles dagsorden på forhånd.")
    expect(recap).to_contain_text("overgange")
    assert_accessible(page)

    page.get_by_role("link", name="Læringstemaer").click()
    expect(page.get_by_role("heading", level=1, name="Læringstemaer")).to_be_visible()
    expect(page.locator(".themes")).to_contain_text("Forberedelse")
    expect(page.locator("main")).not_to_contain_text("Sanne")
    assert_accessible(page)
