"""No "<5" on the dashboard can be worked out by subtraction: when a total is shown, a
second figure is hidden too ("skjult"), the same on the page, in the charts and in every
export. Hand-computed on a small staircase (period March 2025, each citizen their own plan):

    step 1 (≤183 days): 10 citizens, 3 of them since 01.06.2024 (303 days: past the
                        limit), 7 new on 10.03.2025
    step 2 (≤183 days):  8 citizens, new on 10.03.2025, none past the limit
    step 3 (no limit):   4 citizens, new on 10.03.2025

On the staircase: 22. Without the rule, step 3's "<5" would be 22 - 10 - 8 = 4, the
3 past the limit on step 1 would be its share 30 % × 10, and the new on step 3 would be
19 - 7 - 8 = 4.
"""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation.models import Step
from enplan.organisation.tests.factories import AreaFactory, DepartmentFactory
from enplan.plans.tests.factories import InterventionFactory, PlanFactory, PlanMemberFactory
from enplan.progress import steering
from enplan.progress.steering import Group
from enplan.progress.tests.conftest import MARCH, at
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db

QUERY = f"?start={MARCH.start}&end={MARCH.end}&group=all"


@pytest.fixture
def staircase():
    municipality = MunicipalityFactory()
    s1, s2, s3 = Step.objects.filter(model__municipality=municipality).order_by("order")

    def citizen(step, day):
        plan = PlanFactory(coordinator__department__area__municipality=municipality)
        member = PlanMemberFactory(plan=plan)
        StepRegistrationFactory(member=member, step=step, entered_on=day)

    for _ in range(3):
        citizen(s1, date(2024, 6, 1))
    for _ in range(7):
        citizen(s1, date(2025, 3, 10))
    for _ in range(8):
        citizen(s2, date(2025, 3, 10))
    for _ in range(4):
        citizen(s3, date(2025, 3, 10))
    return UserFactory(municipality=municipality, role=Role.LEADER)


def by_step(figures, attribute):
    return [getattr(row, attribute).text for row in figures.steps]


def test_a_second_step_is_hidden_so_the_small_one_cannot_be_subtracted(staircase):
    figures = steering.steering_figures(staircase, period=MARCH, group=Group())
    assert figures.movements.on_staircase.text == "22"
    # The smaller of the shown steps (8) goes: 22 - 10 = 12 people on steps 2 and 3.
    assert by_step(figures, "on_step") == ["10", "skjult", "<5"]
    # New: 19 in all, 7 + 8 + "<5" → the 7 is hidden too.
    assert figures.movements.new.text == "19"
    assert by_step(figures, "new_on") == ["skjult", "8", "<5"]
    # The values are still there for the sums; only what is shown changes.
    assert [row.on_step.value for row in figures.steps] == [10, 8, 4]


def test_a_share_never_gives_a_hidden_count_back(staircase):
    figures = steering.steering_figures(staircase, period=MARCH, group=Group())
    s1, s2, _s3 = figures.steps
    # 3 of 10 past the limit: "<5", so the 30 % is hidden as well.
    assert (s1.overdue.text, s1.overdue_share.text) == ("<5", "skjult")
    assert s1.overdue_share.value == 0.3
    # Step 2's own count is hidden, so its share is too.
    assert s2.overdue_share.text == "skjult"
    # 3 past the limit of 18 on limited steps: 17 % × 18 would give the 3 back.
    assert figures.movements.overdue_share.text == "skjult"


def _row(rows, label):
    return next(row for row in rows if row and str(row[0]).startswith(label))


def test_page_charts_and_exports_hide_the_same_cells(client, staircase):
    client.force_login(staircase)
    page = client.get("/progress/steering/" + QUERY).text
    table = page.split('id="table-steps"')[1].split("</table>")[0]
    assert table.count('<td class="numeric">skjult</td>') >= 3
    # The chart of citizens per step writes the same marks beside its bars.
    assert '<text x="' in page
    assert 'chart-text--value">skjult</text>' in page
    assert 'chart-text--value">for få</text>' in page

    text = client.get("/progress/steering/steps.csv" + QUERY).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    # Columns: step, limit, on the step, past the limit, share, new, up, down, ended, median.
    assert _row(rows, "1.")[2:6] == ["10", "<5", "skjult", "skjult"]
    assert _row(rows, "2.")[2] == "skjult"
    assert _row(rows, "3.")[2] == "<5"

    workbook = load_workbook(io.BytesIO(client.get("/progress/steering/all.xlsx" + QUERY).content))
    sheet = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert list(_row(sheet, "1.")[2:6]) == [10, "<5", "skjult", "skjult"]
    assert _row(sheet, "2.")[2] == "skjult"
    movements = list(workbook.worksheets[2].iter_rows(values_only=True))
    assert _row(movements, "Andel over tidsgrænsen")[1] == "skjult"
    about = [row[1] for row in workbook.worksheets[0].iter_rows(values_only=True)]
    assert any(cell and "skjult" in cell for cell in about)


def test_an_area_with_fewer_than_five_plans_cannot_be_subtracted_from_the_cost_total():
    """Work: 6 plans at 1.000 a month; Social: 5 plans at 2.000; Health: 2 plans at
    3.000. In total 13 plans and 6.000 + 10.000 + 6.000 = 22.000 a month, 264.000 a year.
    Without the rule, Health would be 264.000 - 72.000 - 120.000 = 72.000."""
    municipality = MunicipalityFactory()
    leader = UserFactory(municipality=municipality, role=Role.LEADER)
    for name, plans, cost in (("Work", 6, 1000), ("Social", 5, 2000), ("Health", 2, 3000)):
        department = DepartmentFactory(area=AreaFactory(municipality=municipality, name=name))
        for _ in range(plans):
            plan = PlanFactory(
                coordinator__department__area__municipality=municipality,
                created_at=at(2025, 1, 6, 9),
            )
            PlanMemberFactory(plan=plan)
            InterventionFactory(
                plan=plan,
                department=department,
                status="active",
                agreed_start=date(2025, 1, 6),
                actual_start=date(2025, 1, 6),
                monthly_cost=Decimal(cost),
            )
    figures = steering.steering_figures(leader, period=MARCH, group=Group())
    by_area = {row.label: row for row in figures.cost_by_area}
    assert figures.cost_total.at_end.text == "264.000 kr."
    assert by_area["Work"].at_end.text == "72.000 kr."
    assert by_area["Health"].at_end.text == "<5"
    # Social, the smaller shown area, is hidden in all three columns.
    social = by_area["Social"]
    assert [social.at_start.text, social.at_end.text, social.difference.text] == ["skjult"] * 3
    assert social.at_end.value == Decimal("120000.00")
    # The average per plan rests on the total, which is still shown.
    assert figures.cost_per_plan.at_end.text == "20.308 kr."
