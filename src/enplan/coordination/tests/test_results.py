"""Results: hidden until the round closes, group figures only, and the same figures on
the page, in the CSV and in the XLSX."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from openpyxl import load_workbook

from enplan.coordination import services
from enplan.coordination.scoring import CSV_COLUMNS
from enplan.coordination.tests.conftest import answer_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world, plan_round):
    round_ = plan_round.round
    for professional, score in zip(plan_round.respondents[:3], (5, 4, 3), strict=True):
        answer_as(professional, round_, score=score)
    return round_


def test_results_are_not_shown_while_the_round_is_open(client, world, answered):
    client.force_login(world.coordinator.user)
    response = client.get(reverse("coordination:results", args=[answered.pk]))
    assert "Resultaterne vises, når målingen er lukket" in response.text
    assert "4,00" not in response.text
    assert client.get(reverse("coordination:export_csv", args=[answered.pk])).status_code == 404


def test_closing_asks_first_and_then_shows_the_results(client, world, answered):
    client.force_login(world.coordinator.user)
    close = reverse("coordination:close", args=[answered.pk])
    assert "Det kan ikke fortrydes" in client.get(close).text
    answered.refresh_from_db()
    assert answered.closed_at is None
    response = client.post(close, follow=True)
    assert "Målingen er lukket. Resultaterne er klar." in response.text
    assert "4,00" in response.text  # (5 + 4 + 3) / 3 within the department
    assert '<svg viewBox="0 0 900 700" role="img"' in response.text


def test_the_diagram_shows_level_by_line_style_and_has_a_table(client, world, answered):
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    page = client.get(reverse("coordination:results", args=[answered.pk])).text
    assert "rc-node--medium" in page  # 4.0 within the group
    assert "Diagrammet som tabel" in page
    assert '<desc id="rc-diagram-desc">' in page


def test_the_csv_has_exactly_the_columns_of_the_issue(client, world, answered):
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(
        reverse("coordination:export_csv", args=[answered.pk]) + "?format=machine"
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[0] == [
        "from_group",
        "to_group",
        "respondents",
        "score",
        "level",
        "frequent",
        "timely",
        "accurate",
        "problem_solving",
        "shared_goals",
        "shared_knowledge",
        "respect",
    ]
    group = answered.groups.get().name
    assert rows[1] == [group, group, "3", "4.00", "medium", *["4.00"] * 7]
    assert response["Content-Disposition"].startswith("attachment;")


def test_the_csv_opens_in_danish_excel_with_danish_headers_and_decimal_commas(
    client, world, answered
):
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(reverse("coordination:export_csv", args=[answered.pk]))
    assert response.content.startswith("\ufeff".encode())  # the BOM: æøå survive
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Fra gruppe", "Til gruppe", "Svarpersoner", "Score", "Niveau"]
    assert not any(header in rows[0] for header in CSV_COLUMNS)
    group = answered.groups.get().name
    assert rows[1] == [group, group, "3", "4,00", "middel", *["4,00"] * 7]


def test_the_xlsx_holds_the_same_figures(client, world, answered):
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(reverse("coordination:export_xlsx", args=[answered.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header, first = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert header[:5] == ["Fra gruppe", "Til gruppe", "Svarpersoner", "Score", "Niveau"]
    assert first[2:5] == [3, 4.0, "middel"]


def test_a_round_with_two_answers_shows_too_few_everywhere(client, world, plan_round):
    round_ = plan_round.round
    for professional in plan_round.respondents[:2]:
        answer_as(professional, round_)
    services.round_close(user=world.coordinator.user, round_=round_)
    client.force_login(world.coordinator.user)
    page = client.get(reverse("coordination:results", args=[round_.pk])).text
    assert "For få svar til at vise" in page
    assert "4,00" not in page
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("coordination:export_csv", args=[round_.pk]) + "?format=machine"
                ).content.decode()
            )
        )
    )
    assert rows[1][2:] == ["2", *[""] * 9]


def test_drafts_do_not_count(client, world, plan_round):
    round_ = plan_round.round
    for professional in plan_round.respondents[:2]:
        answer_as(professional, round_)
    answer_as(plan_round.respondents[2], round_, submit=False)
    services.round_close(user=world.coordinator.user, round_=round_)
    client.force_login(world.coordinator.user)
    assert (
        "For få svar til at vise"
        in client.get(reverse("coordination:results", args=[round_.pk])).text
    )


def test_the_printable_page_has_everything_on_one_page(client, world, answered):
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    page = client.get(reverse("coordination:print", args=[answered.pk])).text
    for heading in ("Netværksdiagram", "De svageste relationer først", "Svarprocent"):
        assert heading in page
    # The print button is wired up by the site's script, as the CSP allows no inline script.
    assert re.search(r"<button[^>]*\bdata-print\b[^>]*>Udskriv</button>", page)
    assert "enplan/js/app.js" in page
    assert "onclick" not in page
    app_js = Path(finders.find("enplan/js/app.js")).read_text()
    assert 'closest("[data-print]")' in app_js
    assert "window.print()" in app_js


def test_before_and_after_compares_two_rounds_of_the_same_plan(client, world, plan_round):
    first = plan_round.round
    for professional in plan_round.respondents[:3]:
        answer_as(professional, first, score=3)
    services.round_close(user=world.coordinator.user, round_=first)
    second = services.round_create(
        user=world.coordinator.user,
        title="Maja – efter",
        scope="plan",
        plan=world.plan,
        grouping="department",
        closes_on=first.closes_on,
    )
    for professional in plan_round.respondents[:3]:
        answer_as(professional, second, score=5)
    services.round_close(user=world.coordinator.user, round_=second)
    client.force_login(world.coordinator.user)
    page = client.get(reverse("coordination:compare", args=[second.pk])).text
    assert "3,00" in page
    assert "5,00" in page
    assert "+2,00" in page
    assert "bedre" in page


def test_a_group_name_never_becomes_a_formula_in_the_xlsx(client, world, answered):
    answered.groups.update(name="=HYPERLINK(1)")
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(reverse("coordination:export_xlsx", args=[answered.pk]))
    cell = load_workbook(io.BytesIO(response.content)).worksheets[0]["A2"]
    assert cell.data_type == "s"
    assert cell.value == "=HYPERLINK(1)"


def test_no_name_typed_by_a_user_becomes_a_formula_on_the_xlsx_about_sheet(client, world, answered):
    answered.groups.update(name="=HYPERLINK(1)")
    type(answered).objects.filter(pk=answered.pk).update(title='=HYPERLINK("http://x")')
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(reverse("coordination:export_xlsx", args=[answered.pk]))
    about = load_workbook(io.BytesIO(response.content)).worksheets[1]
    typed = [c for row in about.iter_rows() for c in row if str(c.value).startswith("=")]
    assert typed, "the round's title and the group names are on the sheet"
    assert all(c.data_type == "s" for c in typed)


def test_a_group_name_never_becomes_a_formula_in_the_csv(client, world, answered):
    answered.groups.update(name="=cmd|' /C calc'!A0")
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(reverse("coordination:export_csv", args=[answered.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][3] == "4,00"  # figures stay numbers


@pytest.mark.parametrize("name", ["coordination:export_csv", "coordination:export_xlsx"])
def test_the_file_name_of_a_plans_round_does_not_name_the_family(client, world, answered, name):
    # The round is named after the plan ("Maja – start"); a file name travels further than
    # the file's content is meant to (downloads folders, e-mail attachments).
    services.round_close(user=world.coordinator.user, round_=answered)
    client.force_login(world.coordinator.user)
    response = client.get(reverse(name, args=[answered.pk]))
    disposition = response["Content-Disposition"]
    assert f"relationel-koordinering-{answered.pk}." in disposition
    assert "maja" not in disposition.lower()
