"""Small groups: any figure computed from fewer than 5 citizens, or from fewer than 5 plans
(five members of one household are one case), shows "<5" on the page and in every export."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation.models import Step
from enplan.plans.models import PlanKind
from enplan.plans.tests.factories import PlanFactory, PlanMemberFactory
from enplan.progress.figures import COUNT, SHARE, Figure
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db

QUERY = "?start=2025-03-01&end=2025-03-31&group=all"


@pytest.fixture
def small_groups():
    """Five citizens on step 1 (five plans), four on step 2, and a household of five on
    step 3: one plan."""
    municipality = MunicipalityFactory()
    s1, s2, s3 = Step.objects.filter(model__municipality=municipality).order_by("order")

    def citizen(step, plan=None):
        plan = plan or PlanFactory(coordinator__department__area__municipality=municipality)
        member = PlanMemberFactory(plan=plan)
        StepRegistrationFactory(member=member, step=step, entered_on=date(2025, 3, 10))

    for _ in range(5):
        citizen(s1)
    for _ in range(4):
        citizen(s2)
    household = PlanFactory(
        coordinator__department__area__municipality=municipality, kind=PlanKind.HOUSEHOLD
    )
    for _ in range(5):
        citizen(s3, household)
    return UserFactory(municipality=municipality, role=Role.LEADER)


def test_a_figure_from_fewer_than_five_citizens_or_plans_is_suppressed():
    assert Figure(4, 4, 4, COUNT).text == "<5"
    assert Figure(4, 4, 4, COUNT).export_value == "<5"
    assert Figure(5, 5, 1, COUNT).text == "<5"  # one household of five
    assert Figure(0, 0, 0, COUNT).text == "<5"
    assert Figure(5, 5, 5, COUNT).text == "5"
    assert Figure(5, 5, 5, COUNT).export_value == 5
    # A share is computed from its whole group: 1 of 8 is shown, rounded half up.
    assert Figure(0.125, 8, 8, SHARE).text == "13 %"
    assert Figure(0.125, 8, 8, SHARE).export_value == 13


def _row(rows, label):
    return next(row for row in rows if row and row[0].startswith(label))


def test_the_page_shows_the_same_suppressed_figures_as_the_exports(client, small_groups):
    client.force_login(small_groups)
    page = client.get("/progress/steering/" + QUERY).text
    csv_text = client.get("/progress/steering/steps.csv" + QUERY).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(csv_text), delimiter=";"))
    workbook = load_workbook(
        io.BytesIO(client.get("/progress/steering/steps.xlsx" + QUERY).content)
    )
    sheet = list(workbook.worksheets[1].iter_rows(values_only=True))

    # Column 3 is "citizens at the end of the period".
    assert _row(rows, "1.")[2] == "5"
    assert _row(rows, "2.")[2] == "<5"
    assert _row(rows, "3.")[2] == "<5"  # five citizens, but one household
    assert _row(sheet, "1.")[2] == 5
    assert _row(sheet, "2.")[2] == "<5"
    assert _row(sheet, "3.")[2] == "<5"
    page_cells = page.split('id="table-steps"')[1].split("</table>")[0]
    assert '<td class="numeric">5</td>' in page_cells
    assert page_cells.count('<td class="numeric">&lt;5</td>') > 2


def test_every_export_carries_the_mark_and_never_a_small_number(client, small_groups):
    client.force_login(small_groups)
    for table in ("steps", "movements", "continuity", "cost"):
        text = client.get(f"/progress/steering/{table}.csv" + QUERY).content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        header = next(i for i, row in enumerate(rows) if row == []) + 2
        for row in rows[header:]:
            for cell in row[1:]:
                assert cell not in {"1", "2", "3", "4"}, (table, row)
    workbook = load_workbook(io.BytesIO(client.get("/progress/steering/all.xlsx" + QUERY).content))
    assert len(workbook.worksheets) == 5
    for sheet in workbook.worksheets[1:]:
        for row in sheet.iter_rows(min_row=3, values_only=True):
            for cell in row[1:]:
                assert cell not in {1, 2, 3, 4}, (sheet.title, row)
    movements = list(workbook.worksheets[2].iter_rows(values_only=True))
    assert _row(movements, "Nye på trappen")[1] == 14
