import pytest

from enplan.plans.models import MemberRole, PlanKind
from enplan.plans.tests.factories import PlanFactory, PlanMemberFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_records_the_citizens_own_words_and_shared_goals(client, world):
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/",
        {
            "wishes": "Jeg vil gerne have et job med mennesker.",
            "goal_areas": ["job", "health"],
            "version": 1,
        },
    )
    world.member.refresh_from_db()
    assert world.member.wishes == "Jeg vil gerne have et job med mennesker."
    assert world.member.goal_areas == ["job", "health"]
    response = client.get(f"/plans/{world.plan.pk}/")
    assert "Jeg vil gerne have et job med mennesker." in response.text
    assert "Job, Sundhed" in response.text


def test_an_unknown_goal_area_is_refused(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/",
        {"wishes": "", "goal_areas": ["astrology"], "version": 1},
    )
    assert "Marker en gyldig valgmulighed" in response.text


def test_the_coordinator_records_custody(client, world):
    plan = PlanFactory(coordinator=world.coordinator, kind=PlanKind.HOUSEHOLD)
    mother = PlanMemberFactory(plan=plan, role=MemberRole.PARENT)
    father = PlanMemberFactory(plan=plan, role=MemberRole.PARTNER)
    child = PlanMemberFactory(plan=plan, role=MemberRole.CHILD)
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{plan.pk}/members/{child.pk}/custody/", {"custodians": [mother.pk, father.pk]}
    )
    assert set(child.custodians.all()) == {mother, father}
    response = client.get(f"/plans/{plan.pk}/")
    assert mother.citizen.full_name in response.text


def test_a_professional_does_not_see_a_household_member_outside_the_consent(client, world):
    plan = PlanFactory(
        coordinator=world.coordinator, kind=PlanKind.HOUSEHOLD, title="Familien Test"
    )
    covered = PlanMemberFactory(plan=plan, role=MemberRole.PARENT, citizen__first_name="Dorte")
    other = PlanMemberFactory(plan=plan, role=MemberRole.PARTNER, citizen__first_name="Kurt")
    from enplan.plans.tests.factories import ActorFactory, ConsentFactory, GoalFactory

    ActorFactory(plan=plan, professional=world.actor)
    ConsentFactory(plan=plan, given_by=covered, departments=[world.department])
    GoalFactory(plan=plan, member=other, title="Kurts hemmelige mål")
    ConsentFactory(plan=plan, given_by=other, departments=[world.other_department])
    client.force_login(world.actor.user)
    response = client.get(f"/plans/{plan.pk}/")
    assert "Dorte" in response.text
    assert "Kurt" not in response.text
    assert "Kurts hemmelige mål" not in response.text
    assert client.get(f"/plans/{plan.pk}/members/{other.pk}/wishes/").status_code == 404
