"""Need-to-know, tested on the plan's access rules themselves (`plans.access`). Each view has its
own access test too."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans import access as plan_access
from enplan.plans.models import MemberRole, PlanKind
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    GoalFactory,
    LogEntryFactory,
    PlanFactory,
    PlanMemberFactory,
)

pytestmark = pytest.mark.django_db


def visible(professional_or_user, plan) -> bool:
    """Whether the user sees the plan, asked both ways the rule is asked: among all their
    plans (lists) and about this one plan (its pages). The two must always agree."""
    user = getattr(professional_or_user, "user", professional_or_user)
    listed = plan_access.plans_visible_to(user).filter(pk=plan.pk).exists()
    try:
        opened = plan_access.visible_plan_or_404(user, plan.pk) == plan
    except Http404:
        opened = False
    assert opened == listed, "the plan's pages and the lists apply the rule differently"
    return listed


def test_the_coordinator_sees_the_plan(world):
    assert visible(world.coordinator, world.plan)


def test_an_active_actor_within_the_consent_sees_the_plan(world):
    assert visible(world.actor, world.plan)


def test_a_professional_who_is_not_on_the_plan_does_not_see_it(world):
    assert not visible(world.outsider, world.plan)


def test_an_actor_from_a_department_outside_the_consent_does_not_see_it(world):
    assert not visible(world.uncovered_actor, world.plan)


def test_consent_to_a_whole_area_covers_its_departments(world):
    ConsentFactory(plan=world.plan, given_by=world.member, areas=[world.other_department.area])
    assert visible(world.uncovered_actor, world.plan)


def test_an_actor_whose_involvement_has_ended_no_longer_sees_the_plan(world):
    actor = world.plan.actors.get(professional=world.actor)
    actor.ended_on = timezone.localdate() - timedelta(days=1)
    actor.started_on = actor.ended_on - timedelta(days=10)
    actor.save()
    assert not visible(world.actor, world.plan)


def test_an_actor_who_starts_in_the_future_does_not_see_the_plan_yet(world):
    newcomer = ProfessionalFactory(department=world.department)
    ActorFactory(
        plan=world.plan,
        professional=newcomer,
        started_on=timezone.localdate() + timedelta(days=3),
    )
    assert not visible(newcomer, world.plan)


def test_after_consent_is_withdrawn_only_the_coordinator_sees_the_plan(world):
    world.plan.consents.update(withdrawn_on=timezone.localdate())
    assert not visible(world.actor, world.plan)
    assert visible(world.coordinator, world.plan)


def test_a_plan_without_consent_is_visible_to_its_coordinator_only(world):
    plan = PlanFactory(coordinator=world.coordinator)
    ActorFactory(plan=plan, professional=world.actor)
    assert visible(world.coordinator, plan)
    assert not visible(world.actor, plan)


def test_leaders_and_administrators_see_no_plans_even_as_listed_actors(world):
    leader = UserFactory(municipality=world.municipality, role=Role.LEADER)
    ProfessionalFactory(department=world.department, user=leader)
    ActorFactory(plan=world.plan, professional=leader.professional)
    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    assert not visible(leader, world.plan)
    assert not visible(admin, world.plan)


def test_an_inactive_professional_record_sees_nothing(world):
    world.coordinator.is_active = False
    world.coordinator.save()
    assert not visible(world.coordinator, world.plan)


def test_a_professional_of_another_municipality_never_sees_the_plan(world):
    stranger = ProfessionalFactory()
    # Even if someone listed them as an actor by mistake.
    ActorFactory(plan=world.plan, professional=stranger)
    assert not visible(stranger, world.plan)


def test_visible_plan_or_404_hides_existence(world):
    with pytest.raises(Http404):
        plan_access.visible_plan_or_404(world.outsider.user, world.plan.pk)


class TestHouseholdMembers:
    @pytest.fixture
    def household(self, world):
        plan = PlanFactory(coordinator=world.coordinator, kind=PlanKind.HOUSEHOLD)
        mother = PlanMemberFactory(plan=plan, role=MemberRole.PARENT)
        father = PlanMemberFactory(plan=plan, role=MemberRole.PARENT)
        child = PlanMemberFactory(plan=plan, role=MemberRole.CHILD)
        child.custodians.set([mother, father])
        ActorFactory(plan=plan, professional=world.actor)
        ConsentFactory(
            plan=plan, given_by=mother, covers=[mother, child], departments=[world.department]
        )
        return plan, mother, father, child

    def test_a_professional_sees_only_the_members_whose_consent_covers_them(self, world, household):
        plan, mother, _father, child = household
        assert plan_access.visible_member_ids(world.actor.user, plan) == {mother.pk, child.pk}

    def test_the_coordinator_sees_every_member(self, world, household):
        plan, mother, father, child = household
        assert plan_access.visible_member_ids(world.coordinator.user, plan) == {
            mother.pk,
            father.pk,
            child.pk,
        }

    def test_the_second_parents_consent_adds_their_part(self, world, household):
        plan, _mother, father, _child = household
        ConsentFactory(plan=plan, given_by=father, covers=[father], departments=[world.department])
        assert father.pk in plan_access.visible_member_ids(world.actor.user, plan)

    def test_only_the_coordinators_ids_are_marked_as_every_member(self, world, household):
        plan = household[0]
        assert isinstance(
            plan_access.visible_member_ids(world.coordinator.user, plan), plan_access.EveryMember
        )
        assert plan_access.member_rule_applies(
            plan_access.visible_member_ids(world.actor.user, plan)
        )
        assert plan_access.member_rule_applies({m.pk for m in plan.members.all()})

    def test_leaving_out_the_member_rule_for_the_coordinator_leaves_out_nothing(
        self, world, household
    ):
        from enplan.plans.selectors import visible_log_entries

        plan, mother, father, child = household
        for member in (mother, father, child, None):
            goal = GoalFactory(plan=plan, member=member)
            LogEntryFactory(plan=plan, goal=goal, text=f"Om {member}")
            LogEntryFactory(plan=plan, citizen_author=member, text=f"Af {member}")
        every = plan_access.visible_member_ids(world.coordinator.user, plan)
        with_the_rule = set(visible_log_entries(plan, frozenset(every)))
        assert set(visible_log_entries(plan, every)) == with_the_rule
        assert len(with_the_rule) == 8
        # The actor's ids keep the rule: the father's part is not theirs.
        seen = plan_access.visible_member_ids(world.actor.user, plan)
        assert len(list(visible_log_entries(plan, seen))) == 6
