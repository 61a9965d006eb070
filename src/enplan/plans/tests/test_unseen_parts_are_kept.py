"""Partial visibility never deletes: what a form could not show the user (a member's part
outside their consent) is kept as it is when they save it."""

import pytest

from enplan.network.models import DevelopmentPoint
from enplan.network.tests.factories import DevelopmentPointFactory
from enplan.plans.models import MemberRole
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    GoalFactory,
    InterventionFactory,
    PlanMemberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kenneth(world):
    """A second member whose consent covers another department than the actor's."""
    member = PlanMemberFactory(
        plan=world.plan, role=MemberRole.PARTNER, citizen__first_name="Kenneth"
    )
    ConsentFactory(plan=world.plan, given_by=member, departments=[world.other_department])
    return member


def test_saving_a_household_effort_keeps_its_link_to_a_goal_the_user_cannot_see(
    client, world, kenneth
):
    own_goal = GoalFactory(plan=world.plan, member=world.member, title="Sannes mål")
    kenneths_goal = GoalFactory(plan=world.plan, member=kenneth, title="Kenneths mål")
    effort = InterventionFactory(
        plan=world.plan, department=world.department, legislation=world.legislation
    )
    effort.goals.set([own_goal, kenneths_goal])
    client.force_login(world.actor.user)
    form = client.get(f"/plans/{world.plan.pk}/interventions/{effort.pk}/").text
    assert "Kenneths mål" not in form
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/{effort.pk}/",
        {
            "title": "Nyt navn",
            "department": world.department.pk,
            "legislation": world.legislation.pk,
            "status": "planned",
            "goals": [own_goal.pk],
            "version": effort.version,
        },
    )
    assert response.status_code == 302
    effort.refresh_from_db()
    assert effort.title == "Nyt navn"
    assert set(effort.goals.all()) == {own_goal, kenneths_goal}


def test_the_coordinator_who_sees_every_goal_can_still_unlink_one(client, world, kenneth):
    kenneths_goal = GoalFactory(plan=world.plan, member=kenneth)
    effort = InterventionFactory(
        plan=world.plan, department=world.department, legislation=world.legislation
    )
    effort.goals.set([kenneths_goal])
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/interventions/{effort.pk}/",
        {
            "title": effort.title,
            "department": world.department.pk,
            "legislation": world.legislation.pk,
            "status": "planned",
            "version": effort.version,
        },
    )
    assert not effort.goals.exists()


def test_saving_a_development_point_keeps_a_responsible_person_the_user_cannot_see(
    client, world, kenneth
):
    kenneths_mentor = ActorFactory(plan=world.plan, member=kenneth, role="Mentor")
    point = DevelopmentPointFactory(plan=world.plan, responsible=kenneths_mentor)
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/organisation/points/{point.pk}/",
        {"text": "Færre møder", "status": "open", "version": point.version},
    )
    assert response.status_code == 302
    point = DevelopmentPoint.objects.get(pk=point.pk)
    assert point.text == "Færre møder"
    assert point.responsible == kenneths_mentor
