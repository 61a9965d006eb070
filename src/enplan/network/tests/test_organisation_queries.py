"""The map page, its exports and the printable plan run the same, fixed number of queries
whether the network has two people or sixty, with hundreds of ratings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.meetings.models import Meeting, Participant
from enplan.network.tests.factories import DevelopmentPointFactory, RelationRatingFactory
from enplan.plans.models import Actor
from enplan.plans.tests.factories import ActorFactory, InterventionFactory, PrivateActorFactory

pytestmark = pytest.mark.django_db

# Session, user, professional, plan (policy), audit event, visible members (2: coordinator
# check is free, consent), members, actors, interventions, meetings, hand-overs, ratings,
# development points, unread notices.
MAP_PAGE_QUERIES = 14 + CHAIN_QUERIES


def grow(world, n):
    plan = world.plan
    actors = [Actor.objects.get(plan=plan, professional=world.actor)]
    for i in range(n):
        actors.append(ActorFactory(plan=plan, member=world.member if i % 2 else None))
        actors.append(PrivateActorFactory(plan=plan))
        InterventionFactory(
            plan=plan, member=world.member, department=world.department, status="active"
        )
        meeting = Meeting.objects.create(
            municipality=plan.municipality,
            plan=plan,
            kind="network",
            starts_at=timezone.now() - timedelta(days=i % 40),
            created_by=plan.created_by,
        )
        Participant.objects.create(
            municipality=plan.municipality, meeting=meeting, member=world.member
        )
        DevelopmentPointFactory(plan=plan, responsible=actors[-1])
    for i in range(len(actors) - 1):
        RelationRatingFactory(
            first=actors[i], second=actors[i + 1], rater=actors[i], level="medium"
        )
        RelationRatingFactory(
            first=actors[i], second=actors[i + 1], rater=actors[i + 1], level="poor"
        )


@pytest.mark.parametrize("n", [1, 30])
@pytest.mark.parametrize("who", ["coordinator", "actor"])
def test_the_map_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, n, who
):
    grow(world, n)
    client.force_login(getattr(world, who).user)
    with django_assert_num_queries(MAP_PAGE_QUERIES):
        response = client.get(f"/plans/{world.plan.pk}/organisation/")
    page = response.context["page"]
    # Everyone added, plus the two actors of the world; every pair rated twice, differently.
    assert page.counts["people"] == 2 * n + 2
    assert page.counts["relations"] == page.counts["disagreements"] == 2 * n


@pytest.mark.parametrize("n", [1, 30])
def test_the_svg_export_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries, n):
    grow(world, n)
    client.force_login(world.coordinator.user)
    with django_assert_num_queries(MAP_PAGE_QUERIES - 1):  # no notices on a download
        client.get(f"/plans/{world.plan.pk}/organisation/map.svg")


@pytest.mark.parametrize("n", [1, 30])
def test_the_printable_plan_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries, n
):
    grow(world, n)
    client.force_login(world.coordinator.user)
    # The plan's parts are read once each, as the printout shows them (`PlanPage`): no
    # count of log entries for pages, and none of the first page's shortcuts.
    with django_assert_num_queries(22 + CHAIN_QUERIES):
        client.get(f"/plans/{world.plan.pk}/print/")
