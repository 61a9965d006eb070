"""Every steering figure against a hand-computed expectation on the March data set
(conftest.py), including stays across month boundaries and plans that start or end in
the period. Values are compared before suppression; test_suppression.py checks the "<5"."""

from datetime import date
from decimal import Decimal

import pytest

from enplan.plans.models import Intervention
from enplan.progress import steering
from enplan.progress.steering import AREA, MODEL, TEAM, Group
from enplan.progress.tests.conftest import MARCH

pytestmark = pytest.mark.django_db


def raw(figure):
    value = figure.value
    if value is not None and not isinstance(value, int):
        value = round(float(value), 4)
    return value, figure.citizens, figure.plans


def figures_for(march, group=None, period=MARCH):
    return steering.steering_figures(march.leader, period=period, group=group or Group())


def row(figures, step):
    return next(r for r in figures.steps if r.step == step)


def test_citizens_on_each_step_at_the_end_of_the_period(march):
    figures = figures_for(march)
    s = march.steps
    # s1: C, D (down on 20.03), E (new), H2 (new); G is on the other model's t1.
    assert raw(row(figures, s["s1"]).on_step) == (4, 4, 4)
    # s2: A, B and I moved up in March.
    assert raw(row(figures, s["s2"]).on_step) == (3, 3, 3)
    # s3: H1; F ended its course on 25.03.
    assert raw(row(figures, s["s3"]).on_step) == (1, 1, 1)
    # G's move to t2 on 05.04 is after the period, so G is still on t1.
    assert raw(row(figures, s["t1"]).on_step) == (1, 1, 1)
    assert raw(row(figures, s["t2"]).on_step) == (0, 0, 0)
    # Nine citizens on eight plans: the household counts once among the plans.
    assert raw(figures.movements.on_staircase) == (9, 9, 8)


def test_overdue_is_time_on_the_current_step_past_its_limit_at_the_end(march):
    figures = figures_for(march)
    s = march.steps
    # C: 01.08.2024–31.03.2025 is 242 days > 183. D (11), E (26), H2 (19) are within.
    assert raw(row(figures, s["s1"]).overdue) == (1, 1, 1)
    assert raw(row(figures, s["s1"]).overdue_share) == (0.25, 4, 4)
    assert raw(row(figures, s["s2"]).overdue) == (0, 0, 0)
    # G: 01.12.2024–31.03.2025 is 120 days > t1's 92.
    assert raw(row(figures, s["t1"]).overdue) == (1, 1, 1)
    # A step without a limit has no overdue figure.
    assert row(figures, s["s3"]).overdue_share.value is None
    # Of the eight citizens on a step with a limit (all but H1), C and G are overdue.
    assert raw(figures.movements.overdue_share) == (0.25, 8, 8)


def test_movements_up_down_new_and_ended_in_the_period(march):
    figures = figures_for(march)
    s = march.steps
    assert raw(figures.movements.up) == (4, 4, 4)  # A, B, I to s2; H1 to s3
    assert raw(figures.movements.down) == (1, 1, 1)  # D back to s1
    assert raw(figures.movements.new) == (2, 2, 2)  # E and H2 (H1 was new in February)
    assert raw(figures.movements.ended) == (1, 1, 1)  # F, from s3
    assert raw(row(figures, s["s2"]).moved_up_to) == (3, 3, 3)
    assert raw(row(figures, s["s3"]).moved_up_to) == (1, 1, 1)
    assert raw(row(figures, s["s1"]).moved_down_to) == (1, 1, 1)
    assert raw(row(figures, s["s1"]).new_on) == (2, 2, 2)
    assert raw(row(figures, s["s3"]).left_from) == (1, 1, 1)
    assert raw(row(figures, s["s2"]).left_from) == (0, 0, 0)


def test_median_days_on_a_step_counts_stays_that_ended_in_the_period(march):
    figures = figures_for(march)
    s = march.steps
    # s1 stays ended in March: I 36 (20.02–28.03), B 42 (20.01–03.03), A 160 → median 42.
    assert raw(row(figures, s["s1"]).median_days) == (42.0, 3, 3)
    # s2: H1 42 (01.02–15.03) and D 186 (15.09–20.03): an even count → (42 + 186) / 2.
    assert raw(row(figures, s["s2"]).median_days) == (114.0, 2, 2)
    # s3: F 205 (01.09.2024–25.03.2025, ended by leaving the staircase).
    assert raw(row(figures, s["s3"]).median_days) == (205.0, 1, 1)
    # G's stay on t1 ends only in April: no finished stay in March.
    assert raw(row(figures, s["t1"]).median_days) == (None, 0, 0)


def test_meeting_attendance_no_shows_and_evaluations(march):
    c = figures_for(march).continuity
    # Held in March: A's on 05.03 and B's at 23:30 on 31.03 (local time).
    assert raw(c.meetings_held) == (2, 2, 2)
    # Recorded: A yes, a1 yes, a2 no, B no, b1 yes. E's planned meeting is not recorded yet.
    assert raw(c.attendance) == (0.6, 2, 2)
    # The citizens: A came, B did not.
    assert raw(c.citizen_no_show) == (0.5, 2, 2)
    # Only A's evaluation is from March; C's from 28.02 is not.
    assert [raw(figure) for _label, figure in c.evaluations] == [
        (8.0, 1, 1),
        (7.0, 1, 1),
        (9.0, 1, 1),
        (8.0, 1, 1),
    ]


def test_share_of_interventions_started_by_the_agreed_date(march):
    c = figures_for(march).continuity
    # Agreed in March: A on the day, B two days early, C five days late, D not started;
    # E's cancelled one does not count.
    assert raw(c.started_as_agreed) == (0.5, 4, 4)


def test_professionals_per_plan_and_coordinator_changes(march):
    c = figures_for(march).continuity
    # On 31.03: A has two professionals (one ending that day), B one (from that day);
    # C's ended on 30.03, and private persons are not professionals.
    assert raw(c.professionals_per_plan) == (1.5, 2, 2)
    # Per citizen, every citizen of the nine plans counts, those with none as 0:
    # (2 + 1) professionals over ten citizens (H is a household of two, with none).
    assert raw(c.professionals_per_citizen) == (0.3, 10, 9)
    # Hand-overs on 01.03 00:10 and 15.03; the one at 00:30 on 01.04 is April's.
    assert raw(c.coordinator_changes) == (2, 2, 2)
    # Two of the nine plans that existed by the end of March, whose ten citizens count.
    assert raw(c.plans_with_coordinator_change) == (0.2222, 10, 9)


def test_annual_cost_at_plan_start_and_at_the_end_per_area_and_in_total(march):
    figures = figures_for(march)
    by_area = {row.label: row for row in figures.cost_by_area}
    # Work: A 10.000 (ended 31.01), C 5.000 (from C's start, 01.08.2024, its first
    # registration), F 4.000 (ended 25.03): 19.000 a month at the start, 5.000 at the end.
    assert raw(by_area["Work"].at_start) == (228000.0, 3, 3)
    assert raw(by_area["Work"].at_end) == (60000.0, 3, 3)
    # Social: A 2.000 and C 1.000 started in March. The cancelled 9.999 never counts.
    assert raw(by_area["Social"].at_start) == (0.0, 2, 2)
    assert raw(by_area["Social"].at_end) == (36000.0, 2, 2)
    # Health: E's 3.000 ended on 01.03, the day E's plan started, so it counts at the start.
    assert raw(by_area["Health"].at_start) == (36000.0, 1, 1)
    assert raw(by_area["Health"].at_end) == (0.0, 1, 1)
    # In total, over all nine plans that had started by 31.03.
    assert raw(figures.cost_total.at_start) == (264000.0, 10, 9)
    assert raw(figures.cost_total.at_end) == (96000.0, 10, 9)
    assert figures.cost_total.difference.value == Decimal("-168000.00")
    assert raw(figures.cost_per_plan.at_start) == (29333.33, 10, 9)
    assert raw(figures.cost_per_plan.at_end) == (10666.67, 10, 9)


def test_an_intervention_marked_ended_without_an_end_date_no_longer_costs(march):
    # Recorded before the end date was required: C's 5.000 marked ended, no date.
    c_work = march.plans["C"].interventions.get(monthly_cost=Decimal(5000))
    Intervention.objects.filter(pk=c_work.pk).update(status="ended", status_reason="Slut")
    by_area = {row.label: row for row in figures_for(march).cost_by_area}
    # Work at the end: only C's 5.000 was left, and it no longer counts, at the start
    # either, so C is no longer among the work area's plans (A and F are).
    assert raw(by_area["Work"].at_end) == (0.0, 2, 2)
    assert raw(by_area["Work"].at_start) == (168000.0, 2, 2)


def test_a_group_per_area_is_the_plans_with_an_effort_from_the_area(march):
    group = Group(kind=AREA, pk=march.areas["Work"].pk)
    figures = figures_for(march, group)
    # A, C, D and F have a work effort (B's is cancelled); F has left the staircase.
    assert raw(figures.movements.on_staircase) == (3, 3, 3)
    assert raw(figures.cost_total.at_start) == (228000.0, 4, 4)


def test_a_group_per_coordinator_team_is_the_coordinators_department(march):
    figures = figures_for(march, Group(kind=TEAM, pk=march.teams["one"].pk))
    assert raw(figures.movements.on_staircase) == (3, 3, 3)  # A, B, C
    assert raw(figures.movements.up) == (2, 2, 2)  # A, B


def test_a_group_per_step_model_shows_that_models_steps_only(march):
    figures = figures_for(march, Group(kind=MODEL, pk=march.second_model.pk))
    assert [r.step for r in figures.steps] == [march.steps["t1"], march.steps["t2"]]
    assert raw(figures.movements.on_staircase) == (1, 1, 1)
    assert raw(figures.movements.overdue_share) == (1.0, 1, 1)


def test_the_end_of_a_period_is_never_after_today(march):
    period = steering.Period(date(2025, 3, 1), date(2999, 12, 31))
    assert period.last_day < date(2999, 1, 1)
    figures = figures_for(march, period=period)
    # Today, G has moved on to t2, and everyone's time runs to today.
    assert raw(row(figures, march.steps["t2"]).on_step) == (1, 1, 1)
