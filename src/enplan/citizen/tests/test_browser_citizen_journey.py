"""The demo mother's journey in a real browser, on a phone and on a computer: log in with
Test-MitID, read the plan, say what matters, add a person, withdraw consent for one
department and see that its professional no longer sees the plan, see that access in Min
log, and download the PDF. And the same start with the keyboard alone."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in
from enplan.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.ENPLAN_TEST_MITID = True


def check_both_widths(page):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page)


def log_in_as_sanne(page, live_server):
    page.goto(f"{live_server.url}/borger/login/")
    page.get_by_role("link", name="Test-MitID (kun til test)").click()
    page.get_by_label("Sanne Bak").check()
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1, name="Min plan")).to_be_visible()


def test_the_demo_mother_runs_her_own_plan(page, browser, live_server, demo, development):
    plan = Plan.objects.get(title="Familien Bak")
    page.goto(f"{live_server.url}/borger/login/")
    check_both_widths(page)
    page.get_by_role("link", name="Test-MitID (kun til test)").click()
    check_both_widths(page)
    page.get_by_label("Sanne Bak").check()
    page.get_by_role("button", name="Log ind").click()

    # Min plan: the coordinator first, then her own words, goals, help and meetings.
    expect(page.get_by_role("heading", level=1, name="Min plan")).to_be_visible()
    coordinator = page.locator(".coordinator")
    expect(coordinator).to_contain_text("Mette Lund")
    expect(page.locator("#wishes")).to_contain_text("Jeg vil gerne have ro på")
    expect(page.locator("#help")).to_contain_text("Mentorstøtte")
    expect(page.locator("#help")).not_to_contain_text("Virksomhedspraktik")  # Kenneth's
    next_meeting = plan.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    expect(page.locator("#meetings")).to_contain_text(next_meeting.place)
    check_both_widths(page)

    # The most important thing, in her own words.
    page.get_by_role("link", name="Skriv med dine egne ord").click()
    check_both_widths(page)
    page.get_by_label("Det vigtigste for mig").fill("Ro på hjemme. Og en uddannelse.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status").first).to_contain_text("Vi har gemt det, du skrev.")
    expect(page.locator("#wishes")).to_contain_text("Ro på hjemme. Og en uddannelse.")

    # A person she leans on, kept from the professionals.
    page.get_by_role("link", name="Tilføj en person").click()
    check_both_widths(page)
    page.get_by_label("Navn").fill("Jannie")
    page.get_by_label("Hvem er personen for dig?").fill("Min nabo")
    page.get_by_label("Nej, kun jeg kan se personen").check()
    page.get_by_role("button", name="Tilføj person").click()
    expect(page.locator("#network")).to_contain_text("Jannie")
    expect(page.locator("#network")).to_contain_text("Kun du kan se det")

    # The UU counsellor works with Emma and sees the plan, today.
    counsellor = browser.new_page()
    log_in(counsellor, live_server, "mikkel.storm")
    assert counsellor.goto(f"{live_server.url}/plans/{plan.pk}/network/").status == 200
    expect(counsellor.locator("#network")).not_to_contain_text("Jannie")

    # Sanne says no to the UU.
    page.get_by_role("link", name="Samtykke").click()
    expect(page.get_by_role("heading", level=1, name="Hvem må se min plan")).to_be_visible()
    check_both_widths(page)
    page.get_by_role("link", name="Sig nej til Ungdommens Uddannelsesvejledning").click()
    check_both_widths(page)
    page.get_by_role("button", name="Ja, sig nej").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Ungdommens Uddannelsesvejledning kan ikke se din plan mere."
    )
    uu = page.locator(".consent-item", has_text="Ungdommens Uddannelsesvejledning")
    expect(uu).to_contain_text("Må ikke se din plan")

    # At once, the counsellor no longer finds the plan.
    assert counsellor.goto(f"{live_server.url}/plans/{plan.pk}/").status == 404
    counsellor.close()

    # Min log shows that the UU opened the plan.
    page.get_by_role("link", name="Min log").click()
    check_both_widths(page)
    page.get_by_label("Hvem").select_option(
        label="Ungdommens Uddannelsesvejledning, Center for Uddannelse og Pædagogik"
    )
    page.get_by_role("button", name="Vis", exact=True).click()
    row = page.locator(".access-log li").first
    expect(row).to_contain_text("Mikkel Storm åbnede din plan")
    expect(row).to_contain_text("Ungdommens Uddannelsesvejledning")

    # My data: what is held and why, and the plan as a PDF.
    page.get_by_role("link", name="Mine data").click()
    expect(page.get_by_role("heading", level=1, name="Mine data")).to_be_visible()
    check_both_widths(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent min plan (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    expect(page.get_by_role("heading", level=1, name="Tilgængelighedserklæring")).to_be_visible()
    check_both_widths(page)


def tab_to(page, text, *, limit=120):
    """Press Tab until the focused element's own text or label is `text`."""
    page.wait_for_load_state()
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " const label = e.labels && e.labels[0] ? e.labels[0].innerText : '';"
            " const own = e.tagName === 'TEXTAREA' ? '' : (e.textContent || e.value || '');"
            " return [own.replace(/\\s+/g, ' ').trim(), label.replace(/\\s+/g, ' ').trim()]; }"
        )
        if any(f == text or f.startswith(text + " (") for f in focused):
            return
    raise AssertionError(f"Could not reach {text!r} with the Tab key")


def follow(page):
    """Press Enter on the focused link or button, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_journey_works_with_the_keyboard_alone(page, live_server, demo, development):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/borger/login/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Gå til indhold")
    tab_to(page, "Test-MitID (kun til test)")
    follow(page)
    expect(page.get_by_role("heading", level=1, name="Test-MitID")).to_be_visible()
    # The first choice; the arrow keys then move within the group.
    tab_to(page, "Fatima Ali, 45 år, Bøgeby Kommune")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Sanne Bak")).to_be_checked()
    tab_to(page, "Log ind")
    follow(page)
    expect(page.get_by_role("heading", level=1, name="Min plan")).to_be_visible()

    tab_to(page, "Skriv med dine egne ord")
    follow(page)
    tab_to(page, "Det vigtigste for mig")
    page.keyboard.press("Control+A")
    page.keyboard.type("Skrevet med tastaturet.")
    tab_to(page, "Gem")
    follow(page)
    expect(page.locator("#wishes")).to_contain_text("Skrevet med tastaturet.")

    tab_to(page, "Samtykke")
    follow(page)
    tab_to(page, "Sig nej til Bøgeby Skole")
    follow(page)
    tab_to(page, "Ja, sig nej")
    follow(page)
    expect(page.get_by_role("status").first).to_contain_text(
        "Bøgeby Skole kan ikke se din plan mere."
    )
