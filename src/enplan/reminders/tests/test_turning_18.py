"""A child in a household turning 18 within 12 months."""

from datetime import date

import pytest

from enplan.core.demo import demo_cpr
from enplan.core.models import Notification
from enplan.plans.models import PlanKind
from enplan.plans.tests.factories import CitizenFactory, PlanMemberFactory
from enplan.reminders.services import send_due_reminders
from enplan.reminders.tests.conftest import local

pytestmark = pytest.mark.django_db


def child(world, birth_date, role="child"):
    world.plan.kind = PlanKind.HOUSEHOLD
    world.plan.save()
    citizen = CitizenFactory(
        municipality=world.municipality, cpr=demo_cpr(birth_date, 500), first_name="Emma"
    )
    return PlanMemberFactory(plan=world.plan, citizen=citizen, role=role)


def test_the_coordinator_is_reminded_a_year_before_the_18th_birthday(world):
    emma = child(world, date(2009, 6, 1))
    assert not send_due_reminders(local(2026, 5, 31, 23, 59)).sent
    # 00:30 on 1 June in Copenhagen is 31 May in UTC; the year is counted locally.
    assert send_due_reminders(local(2026, 6, 1, 0, 30)).sent["children_turning_18"] == 1
    notice = Notification.objects.get(user=world.coordinator.user)
    assert "Emma (Maja Holm) fylder 18 år den 01.06.2027" in notice.text
    assert notice.url.endswith(f"#member-{emma.pk}")
    assert not send_due_reminders(local(2026, 12, 1, 9)).sent


def test_no_reminder_for_an_adult_member_or_a_plan_of_ones_own(world):
    child(world, date(2009, 6, 1), role="parent")
    assert not send_due_reminders(local(2026, 6, 2, 9)).sent
    world.plan.kind = PlanKind.CITIZEN
    world.plan.save()
    child_member = world.plan.members.get(role="parent")
    child_member.role = "child"
    child_member.save()
    assert not send_due_reminders(local(2026, 6, 2, 9)).sent


def test_a_child_already_18_is_not_reminded(world):
    child(world, date(2008, 5, 1))
    assert not send_due_reminders(local(2026, 6, 2, 9)).sent
