"""The caseload and the plan page run the same, fixed number of queries whether a plan has
one of everything or fifty."""

import pytest

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    GoalFactory,
    InterventionFactory,
    LogEntryFactory,
    PlanFactory,
    PlanMemberFactory,
    PrivateActorFactory,
)

pytestmark = pytest.mark.django_db

# Session, user, professional, the page of plans, its count, the audit event of the
# listing, and the unread notices. Sorted by the plans' own columns (name, review date),
# the ids of all the plans come instead of the count, and the page's plans after them:
# as many queries either way.
CASELOAD_QUERIES = 7 + CHAIN_QUERIES
# A search first takes the ids of the user's plans, then looks for the name among them.
CASELOAD_SEARCH_QUERIES = CASELOAD_QUERIES + 1
# What every page of the plan reads: session, user, professional, the plan, its audit
# event, the members the user may see (with their ids and whether each has a consent in
# force, in one query), the interventions (for the summary's cost and the deviations), and
# the unread notices. Each part of the plan is read only on a page that shows it.
PLAN_BASE_QUERIES = 8 + CHAIN_QUERIES
# The plan's first page: the latest log entries (not counted: the whole log is on its own
# page), plus the next meeting (upcoming and recent meetings, evaluations).
PLAN_PAGE_QUERIES = PLAN_BASE_QUERIES + 1 + 3
# Each section page: what the section itself reads. The goals, the interventions with
# what the list shows of each (the summary's have their department only) and the goals
# they support, the network, the consents (with their departments, areas and
# the members they cover), the log's count and page, the meetings (upcoming and recent
# meetings, evaluations), the relational coordination (the plan's survey rounds), the
# staircase (step model, steps, registrations, the model choice).
SECTION_PAGE_QUERIES = {
    "goals": PLAN_BASE_QUERIES + 1,
    "interventions": PLAN_BASE_QUERIES + 2,
    "network": PLAN_BASE_QUERIES + 1,
    "consent": PLAN_BASE_QUERIES + 4,
    "log": PLAN_BASE_QUERIES + 2,
    "meetings": PLAN_BASE_QUERIES + 3,
    "coordination": PLAN_BASE_QUERIES + 3,
    "progress": PLAN_BASE_QUERIES + 4,
}


def grow(world, n):
    plan = world.plan
    for i in range(n):
        goal = GoalFactory(plan=plan, member=world.member)
        intervention = InterventionFactory(
            plan=plan, member=world.member, department=world.department
        )
        intervention.goals.add(goal)
        LogEntryFactory(plan=plan, goal=goal, intervention=intervention)
        ActorFactory(plan=plan, member=world.member)
        PrivateActorFactory(plan=plan)
        other = PlanFactory(coordinator=world.coordinator)
        PlanMemberFactory(plan=other)
        InterventionFactory(plan=other, status="active")
        LogEntryFactory(plan=other)
        if i % 10 == 0:
            ConsentFactory(plan=plan, given_by=world.member, departments=[world.department])


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("sort", ["-quiet", "review"])
def test_the_caseload_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, n, sort
):
    grow(world, n)
    client.force_login(world.coordinator.user)
    with django_assert_num_queries(CASELOAD_QUERIES):
        response = client.get("/plans/", {"sort": sort})
    assert len(response.context["rows"]) == min(n + 1, 50)


@pytest.mark.parametrize("n", [1, 50])
def test_the_caseload_search_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, n
):
    grow(world, n)
    client.force_login(world.coordinator.user)
    with django_assert_num_queries(CASELOAD_SEARCH_QUERIES):
        response = client.get("/plans/?q=Jensen")
    assert len(response.context["rows"]) >= 1


@pytest.mark.parametrize("n", [1, 50])
def test_the_plan_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, n):
    grow(world, n)
    client.force_login(world.coordinator.user)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = client.get(f"/plans/{world.plan.pk}/")
    assert len(response.context["page"].interventions) == n


@pytest.mark.parametrize("n", [1, 50])
def test_the_plan_page_for_a_network_actor_runs_the_same_queries(
    client, world, django_assert_num_queries, n
):
    grow(world, n)
    client.force_login(world.actor.user)
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        client.get(f"/plans/{world.plan.pk}/")


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("section", sorted(SECTION_PAGE_QUERIES))
def test_each_section_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, n, section
):
    grow(world, n)
    client.force_login(world.coordinator.user)
    with django_assert_num_queries(SECTION_PAGE_QUERIES[section]):
        response = client.get(f"/plans/{world.plan.pk}/{section}/")
    assert response.status_code == 200
    assert response.context["current"].key == section


@pytest.mark.parametrize("n", [1, 50])
def test_the_version_history_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, n
):
    grow(world, n)
    client.force_login(world.coordinator.user)
    with django_assert_num_queries(20 + CHAIN_QUERIES):
        client.get(f"/plans/{world.plan.pk}/history/")
