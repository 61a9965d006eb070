"""Every endpoint runs the same number of queries for one row as for fifty."""

import pytest
from django.utils import timezone

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.meetings.models import Decision, Meeting
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    GoalFactory,
    InterventionFactory,
    LogEntryFactory,
    PlanFactory,
    PlanMemberFactory,
)

pytestmark = pytest.mark.django_db

# Authentication: the token and the system with its user and professional.
AUTH = 2
# Opening the plan (the plan's rule) and auditing it.
OPEN = 2 + CHAIN_QUERIES
# A page: its count and its rows.
PAGE = 2
# The members the user may see (for the log, consent and staircase rules).
MEMBERS = 1


def grow(world, n):
    plan = world.plan
    for _ in range(n):
        goal = GoalFactory(plan=plan, member=world.member)
        effort = InterventionFactory(plan=plan, member=world.member, department=world.department)
        effort.goals.add(goal)
        LogEntryFactory(plan=plan, goal=goal, intervention=effort)
        ActorFactory(plan=plan, member=world.member)
        meeting = Meeting.objects.create(
            municipality=world.municipality,
            plan=plan,
            kind="network",
            starts_at=timezone.now(),
            created_by=world.coordinator.user,
        )
        Decision.objects.create(
            municipality=world.municipality,
            meeting=meeting,
            text="Besluttet",
            effect="none",
            created_by=world.coordinator.user,
        )
        ConsentFactory(plan=plan, given_by=world.member, departments=[world.department])
        other = PlanFactory(coordinator=world.coordinator)
        member = PlanMemberFactory(plan=other)
        ConsentFactory(plan=other, given_by=member, departments=[world.department])


ENDPOINTS = {
    "/plans": AUTH + 1 + CHAIN_QUERIES + PAGE,
    "/plans/{plan}": AUTH + OPEN,
    "/plans/{plan}/members": AUTH + OPEN + PAGE,
    "/plans/{plan}/goals": AUTH + OPEN + PAGE,
    # and each effort's goals
    "/plans/{plan}/interventions": AUTH + OPEN + PAGE + 1,
    "/plans/{plan}/log": AUTH + OPEN + MEMBERS + PAGE,
    # the plan's members the system may see (the meetings' rule), and each meeting's decisions
    "/plans/{plan}/meetings": AUTH + OPEN + MEMBERS + PAGE + 1,
    "/plans/{plan}/actors": AUTH + OPEN + PAGE,
    # and each consent's members, departments and areas
    "/plans/{plan}/consents": AUTH + OPEN + MEMBERS + PAGE + 3,
    "/plans/{plan}/step-registrations": AUTH + OPEN + MEMBERS + PAGE,
}


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_each_endpoint_runs_a_fixed_number_of_queries(
    momentum, world, django_assert_num_queries, endpoint, n
):
    grow(world, n)
    path = "/api/v1" + endpoint.format(plan=world.plan.pk)
    with django_assert_num_queries(ENDPOINTS[endpoint]):
        response = momentum.get(path, {"page_size": 200})
    assert response.status_code == 200
