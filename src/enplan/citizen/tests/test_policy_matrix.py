"""The citizen rules of the policy, as a matrix of who × what.

The household: Mona (38, mother, custody of Tilde and Carl), Peter (35, partner, custody of
Carl only), Tilde (16, her own login from 15) and Carl (9, too young for a login).
"""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from enplan.citizen import selectors
from enplan.citizen.tests.factories import citizen_of_age, with_login
from enplan.core.tests.factories import MunicipalityFactory
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans import services as plan_services
from enplan.plans.models import PlanKind
from enplan.plans.tests.factories import (
    GoalFactory,
    InterventionFactory,
    LogEntryFactory,
    PlanFactory,
    PlanMemberFactory,
    PrivateActorFactory,
)

pytestmark = pytest.mark.django_db

WHO = ["mother", "partner", "teen"]
PARTS = ["mother", "partner", "teen", "child", "household"]

# Whose parts each of them sees, when nobody has chosen to share.
SEES = {
    "mother": {"mother", "teen", "child", "household"},
    "partner": {"partner", "child", "household"},
    "teen": {"teen", "household"},
}


@pytest.fixture
def parts(family):
    """One goal, intervention and private person in every part of the plan."""
    made = {}
    for name in PARTS:
        member = None if name == "household" else getattr(family, name)
        made[name] = {
            "goal": GoalFactory(plan=family.plan, member=member, title=f"Mål for {name}"),
            "intervention": InterventionFactory(
                plan=family.plan, member=member, department=family.department
            ),
            "actor": PrivateActorFactory(plan=family.plan, member=member, name=f"Ven af {name}"),
        }
    return made


def seen(family, who) -> dict:
    user = with_login(getattr(family, who))
    scope = plan_access.citizen_scope(user, family.plan)
    page = selectors.my_plan(family.plan, scope)
    return {
        "goal": {row.goal.pk for row in page.goals},
        "intervention": {i.pk for i in page.interventions},
        "actor": {a.pk for a in page.private_people},
        "wishes": {p.member.pk for p in page.parts},
    }


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("part", PARTS)
@pytest.mark.parametrize("thing", ["goal", "intervention", "actor"])
def test_who_sees_which_part(family, parts, who, part, thing):
    expected = part in SEES[who]
    assert (parts[part][thing].pk in seen(family, who)[thing]) is expected


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("part", ["mother", "partner", "teen", "child"])
def test_whose_own_words_each_sees(family, who, part):
    expected = part in SEES[who]
    assert (getattr(family, part).pk in seen(family, who)["wishes"]) is expected


def test_a_child_under_15_has_no_way_in(family):
    user = with_login(family.child)
    assert not plan_access.citizen_plans(user).exists()
    with pytest.raises(Http404):
        plan_access.citizen_scope(user, family.plan)


def test_an_adult_who_shares_their_part_is_seen_by_the_other_members(family, parts):
    family.partner.shares_with_household = True
    family.partner.save()
    assert parts["partner"]["goal"].pk in seen(family, "mother")["goal"]
    assert parts["partner"]["goal"].pk in seen(family, "teen")["goal"]


def test_a_young_persons_part_is_never_shared_beyond_their_custodians(family, parts):
    family.teen.shares_with_household = True  # only adults can share
    family.teen.save()
    assert parts["teen"]["goal"].pk not in seen(family, "partner")["goal"]


def test_a_young_person_can_hide_their_own_writing_from_their_parents(family, parts):
    teen_user = with_login(family.teen)
    own_note = LogEntryFactory(plan=family.plan, citizen_author=family.teen, author=teen_user)
    own_friend = PrivateActorFactory(plan=family.plan, member=family.teen, added_by=teen_user)
    family.teen.hides_writing_from_custodians = True
    family.teen.save()
    mother = with_login(family.mother)
    scope = plan_access.citizen_scope(mother, family.plan)
    page = selectors.my_plan(family.plan, scope)
    # The professionals' parts about Tilde stay visible to her mother...
    assert parts["teen"]["goal"].pk in {row.goal.pk for row in page.goals}
    # ...but not what Tilde wrote herself.
    assert own_note.pk not in {e.pk for e in page.recent}
    assert own_friend.pk not in {a.pk for a in page.private_people}
    assert next(p for p in page.parts if p.member == family.teen).wishes_hidden
    # Tilde herself sees it all.
    teen_page = selectors.my_plan(family.plan, plan_access.citizen_scope(teen_user, family.plan))
    assert own_note.pk in {e.pk for e in teen_page.recent}


def test_what_a_young_person_writes_is_seen_by_the_parents_unless_they_hide_it(family):
    teen_user = with_login(family.teen)
    note = LogEntryFactory(plan=family.plan, citizen_author=family.teen, author=teen_user)
    scope = plan_access.citizen_scope(with_login(family.mother), family.plan)
    assert note.pk in {e.pk for e in selectors.my_plan(family.plan, scope).recent}


@pytest.mark.parametrize("who", WHO)
def test_internal_notes_are_never_shown_to_a_citizen(family, who):
    shared = LogEntryFactory(plan=family.plan, text="Delt notat")
    internal = LogEntryFactory(plan=family.plan, text="Internt notat", is_internal=True)
    scope = plan_access.citizen_scope(with_login(getattr(family, who)), family.plan)
    shown = {e.pk for e in selectors.my_plan(family.plan, scope).recent}
    assert shared.pk in shown
    assert internal.pk not in shown


def test_a_note_about_another_adults_goal_is_theirs(family):
    partner_goal = GoalFactory(plan=family.plan, member=family.partner)
    note = LogEntryFactory(plan=family.plan, goal=partner_goal)
    scope = plan_access.citizen_scope(with_login(family.mother), family.plan)
    assert note.pk not in {e.pk for e in selectors.my_plan(family.plan, scope).recent}


@pytest.mark.parametrize(
    ("who", "for_whom", "allowed"),
    [
        ("mother", "mother", True),
        ("mother", "child", True),  # a parent writes for a young child in their custody
        ("mother", "teen", False),  # from 15 the young person writes for themselves
        ("mother", "partner", False),
        ("partner", "child", True),
        ("partner", "teen", False),
        ("teen", "teen", True),
        ("teen", "mother", False),
    ],
)
def test_who_writes_whose_words(family, who, for_whom, allowed):
    scope = plan_access.citizen_scope(with_login(getattr(family, who)), family.plan)
    assert scope.can_write_for(getattr(family, for_whom)) is allowed


def test_custody_ends_at_18_whatever_the_plan_still_records(family, world):
    grown_up = PlanMemberFactory(
        plan=family.plan, citizen=citizen_of_age(family.municipality, 18, "Frida"), order=4
    )
    grown_up.custodians.set([family.mother])
    goal = GoalFactory(plan=family.plan, member=grown_up, title="Fridas eget mål")

    scope = plan_access.citizen_scope(with_login(family.mother), family.plan)

    assert grown_up.pk not in scope.children_ids
    assert not scope.can_write_for(grown_up)
    assert goal.pk not in seen(family, "mother")["goal"]
    with pytest.raises(ValidationError) as refused:
        plan_services.consent_record(
            user=world.coordinator.user,
            plan=family.plan,
            given_by=family.mother,
            covers=[family.mother, grown_up],
            given_on=date.today(),
            method="written",
            departments=[family.department],
            areas=[],
        )
    assert "covers" in refused.value.message_dict


@pytest.mark.parametrize(("who", "allowed"), [("mother", True), ("partner", True), ("teen", False)])
def test_adults_manage_consent_young_people_do_not(family, who, allowed):
    scope = plan_access.citizen_scope(with_login(getattr(family, who)), family.plan)
    assert scope.can_manage_consent is allowed


def test_a_private_person_kept_from_the_professionals_is_hidden_even_from_the_coordinator(
    family,
):
    hidden = PrivateActorFactory(plan=family.plan, visible_to_professionals=False)
    shown = PrivateActorFactory(plan=family.plan)
    actors = plan_access.professional_actors(family.plan.actors.all())
    assert hidden not in actors
    assert shown in actors


def test_a_citizen_reaches_only_their_own_plan(family, world):
    other_plan = PlanFactory(coordinator=world.coordinator, kind=PlanKind.CITIZEN)
    PlanMemberFactory(plan=other_plan)
    user = with_login(family.mother)
    assert list(plan_access.citizen_plans(user)) == [family.plan]
    with pytest.raises(Http404):
        plan_access.citizen_plan_or_404(user, other_plan.pk)


def test_the_same_person_in_another_municipality_is_another_citizen(family):
    elsewhere = MunicipalityFactory()
    twin = citizen_of_age(elsewhere, 40, "Mona")
    twin.cpr = family.mother.citizen.cpr
    twin.save()
    user = with_login(family.mother)
    assert not plan_access.citizen_plans(user).exclude(municipality=family.municipality).exists()


@pytest.mark.parametrize("role", ["professional", "leader", "admin"])
def test_staff_are_no_citizens(family, world, role):
    user = world.coordinator.user
    user.role = role
    assert not plan_access.is_citizen(user)
    assert not plan_access.citizen_plans(user).exists()


def test_citizens_are_no_professionals(family):
    user = with_login(family.mother)
    assert not organisation_access.works_with_cases(user)
    assert not plan_access.plans_visible_to(user).exists()
