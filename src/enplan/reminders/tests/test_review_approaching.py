"""A plan's review date approaching."""

from datetime import date

import pytest

from enplan.core.models import Notification
from enplan.reminders.services import send_due_reminders
from enplan.reminders.tests.conftest import local

pytestmark = pytest.mark.django_db


def test_the_coordinator_is_reminded_once_when_the_review_is_two_weeks_away(world, settings):
    settings.ENPLAN_REVIEW_SOON_DAYS = 14
    world.plan.review_date = date(2026, 12, 15)
    world.plan.save()
    assert not send_due_reminders(local(2026, 11, 30, 23, 30)).sent
    assert send_due_reminders(local(2026, 12, 1, 0, 15)).sent["reviews_approaching"] == 1
    assert not send_due_reminders(local(2026, 12, 10, 9)).sent
    notice = Notification.objects.get(user=world.coordinator.user)
    assert notice.text == "Planen Maja Holm skal følges op den 15.12.2026."


def test_a_moved_review_date_is_reminded_again(world):
    world.plan.review_date = date(2026, 12, 15)
    world.plan.save()
    send_due_reminders(local(2026, 12, 10, 9))
    world.plan.review_date = date(2027, 1, 5)
    world.plan.save()
    assert send_due_reminders(local(2027, 1, 1, 9)).sent["reviews_approaching"] == 1


def test_a_review_date_already_passed_is_not_reminded(world):
    world.plan.review_date = date(2026, 12, 1)
    world.plan.save()
    assert not send_due_reminders(local(2026, 12, 2, 9)).sent
