"""The team leader's journey in a real browser: the month's figures as charts and tables,
a download, and accessibility checked with axe-core. No case is ever in reach."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from enplan.core.tests.browser import assert_accessible, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_reads_the_months_figures_and_downloads_them(page, live_server, demo):
    log_in(page, live_server, "leder")
    page.get_by_role("link", name="Styringsdata").click()
    expect(page.get_by_role("heading", level=1, name="Styringsdata")).to_be_visible()
    # The charts have text alternatives, and their tables are right below them.
    movements = page.get_by_role("img", name="Bevægelser i perioden (borgere)")
    expect(movements).to_be_visible()
    expect(page.get_by_role("table", name="Borgere pr. trin")).to_be_visible()
    on_staircase = page.locator(".key-figures div", has_text="På trappen ved periodens slutning")
    expect(on_staircase.locator("dd")).to_have_text(re.compile(r"^\d+$"))
    assert_accessible(page)
    assert (
        page.locator("a[href*='/plans/']").evaluate_all(
            "links => links.filter(a => /\\/plans\\/\\d+/.test(a.getAttribute('href'))).length"
        )
        == 0
    )

    page.get_by_role("link", name="De seneste tolv måneder").click()
    expect(page.get_by_role("table", name="Møder og sammenhæng")).to_be_visible()
    shown = page.get_by_role("table", name="Bevægelser på trappen").locator("td").first.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="XLSX – Bevægelser på trappen").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    rows = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert rows[0][0] == "Bevægelser på trappen"
    assert str(rows[2][1]) == shown.replace(".", "")

    page.get_by_label("Planer", exact=True).select_option(label="Unge på vej mod uddannelse")
    page.get_by_role("button", name="Vis tal").click()
    expect(page.locator(".notice")).to_contain_text("Unge på vej mod uddannelse")
    assert_accessible(page)


def test_in_a_large_municipality_the_figures_arrive_on_the_page_by_themselves(
    page, live_server, demo, settings
):
    from django.core.management import call_command

    from enplan.progress.models import KeptSteeringFigures

    settings.ENPLAN_STEERING_QUEUE_FROM_PLANS = 0
    KeptSteeringFigures.objects.all().delete()
    log_in(page, live_server, "leder")
    page.get_by_role("link", name="Styringsdata").click()
    waiting = page.get_by_role("status").filter(has_text="Tallene beregnes…")
    expect(waiting).to_be_visible()
    assert_accessible(page)
    call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    # The page asks again every other second and puts the figures in by itself.
    expect(page.get_by_role("table", name="Borgere pr. trin")).to_be_visible(timeout=10_000)
    expect(waiting).to_have_count(0)
    # The status line stayed in place and says so, for a screen reader to announce.
    expect(page.locator("#steering-status")).to_have_text("Tallene er vist.")
    assert_accessible(page)
