"""Mine borgere: each row's figures and the order of the rows are the same whichever way
the page was put together (the plain sorts cut the page from the plan ids first)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from enplan.plans.tests.factories import InterventionFactory, LogEntryFactory, PlanFactory

pytestmark = pytest.mark.django_db


def rows(client, world, **params):
    client.force_login(world.coordinator.user)
    return client.get("/plans/", params).context["rows"]


@pytest.fixture
def three_plans(world):
    today = timezone.localdate()
    soon = PlanFactory(coordinator=world.coordinator, title="Anna", review_date=today)
    later = PlanFactory(
        coordinator=world.coordinator, title="Bo", review_date=today + timedelta(days=90)
    )
    never = PlanFactory(coordinator=world.coordinator, title="Carl", review_date=None)
    InterventionFactory.create_batch(2, plan=later, status="active")
    InterventionFactory(plan=later, status="ended")
    LogEntryFactory(plan=later, occurred_on=today - timedelta(days=4))
    LogEntryFactory(plan=later, occurred_on=date(2026, 1, 1))
    return soon, later, never


def test_the_rows_sorted_by_review_date_carry_each_plans_own_figures(client, world, three_plans):
    soon, later, never = three_plans
    shown = [row for row in rows(client, world) if row.plan in three_plans]
    assert [row.plan for row in shown] == [soon, later, never]
    by_plan = {row.plan: row for row in shown}
    assert by_plan[later].active_interventions == 2
    assert by_plan[later].days_since_last_entry == 4
    assert by_plan[soon].active_interventions == 0
    assert by_plan[soon].days_since_last_entry is None
    assert by_plan[soon].review_is_due
    assert not by_plan[later].review_is_due


def test_the_rows_sorted_by_name_backwards_keep_their_figures(client, world, three_plans):
    soon, later, never = three_plans
    shown = [row for row in rows(client, world, sort="-name") if row.plan in three_plans]
    assert [row.plan for row in shown] == [never, later, soon]
    assert [row.active_interventions for row in shown] == [0, 2, 0]


def test_the_rows_sorted_by_active_interventions_put_the_busiest_last(client, world, three_plans):
    later = three_plans[1]
    shown = [
        row.plan for row in rows(client, world, sort="interventions") if row.plan in three_plans
    ]
    assert shown[-1] == later


def test_the_second_page_continues_where_the_first_ended(client, world, settings):
    settings.ENPLAN_CASELOAD_PAGE_SIZE = 2
    for name in ["D", "E", "F", "G"]:
        PlanFactory(coordinator=world.coordinator, title=name)
    first = [row.plan.title for row in rows(client, world, sort="name")]
    second = [row.plan.title for row in rows(client, world, sort="name", page=2)]
    assert len(first) == len(second) == 2
    assert first[-1] < second[0]
