import pytest

from enplan.plans import services
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_the_history_shows_who_changed_which_field_from_what_to_what(client, world):
    goal = GoalFactory(plan=world.plan, title="Komme i job")
    services.goal_update(
        user=world.coordinator.user,
        plan=world.plan,
        goal=goal,
        version=goal.version,
        status="achieved",
    )
    # simple-history takes the user from the request; in a service call it is set explicitly.
    record = goal.history.first()
    record.history_user = world.coordinator.user
    record.save()
    client.force_login(world.actor.user)
    response = client.get(f"/plans/{world.plan.pk}/history/")
    entries = response.context["page_obj"].object_list
    change = next(e for e in entries if e.kind == "~" and e.object_name == "Komme i job")
    assert change.who == world.coordinator.user.get_full_name()
    assert [(c.label, c.before, c.after) for c in change.changes] == [
        ("Status", "Ikke startet", "Nået")
    ]
    assert "Versionshistorik" in response.text


def test_changes_made_through_the_page_are_attributed_to_the_user(client, world):
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/",
        {"wishes": "Et arbejde", "version": 1},
    )
    entries = client.get(f"/plans/{world.plan.pk}/history/").context["page_obj"].object_list
    change = next(e for e in entries if e.object_label == "Person i planen" and e.kind == "~")
    assert change.who == world.coordinator.user.get_full_name()
    assert change.object_name == world.member.citizen.full_name
    assert change.changes[0].after == "Et arbejde"


def test_the_history_leaves_out_household_members_the_user_may_not_see(client, world):
    from enplan.plans.models import MemberRole
    from enplan.plans.tests.factories import PlanMemberFactory

    hidden = PlanMemberFactory(plan=world.plan, role=MemberRole.PARTNER)
    GoalFactory(plan=world.plan, member=hidden, title="Skjult mål")
    client.force_login(world.actor.user)
    response = client.get(f"/plans/{world.plan.pk}/history/")
    assert "Skjult mål" not in response.text
    assert hidden.citizen.full_name not in response.text


def test_yes_no_and_amounts_read_as_danish_in_the_history(client, world):
    from decimal import Decimal

    from enplan.plans.tests.factories import InterventionFactory

    intervention = InterventionFactory(plan=world.plan, monthly_cost=Decimal("18500.00"))
    services.intervention_update(
        user=world.coordinator.user,
        plan=world.plan,
        intervention=intervention,
        version=intervention.version,
        monthly_cost=Decimal("1250.50"),
    )
    world.member.shares_with_household = True  # as the citizen's own page sets it
    world.member.save()
    client.force_login(world.coordinator.user)
    entries = client.get(f"/plans/{world.plan.pk}/history/").context["page_obj"].object_list
    shown = {
        (change.before, change.after)
        for entry in entries
        if entry.kind == "~"
        for change in entry.changes
    }
    assert ("18.500", "1.250,50") in shown
    assert ("Nej", "Ja") in shown
