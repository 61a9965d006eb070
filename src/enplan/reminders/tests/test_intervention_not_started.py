"""An intervention whose agreed start has passed without an actual start."""

from datetime import date

import pytest
from django.core import mail

from enplan.core.models import Notification
from enplan.plans.models import Consent
from enplan.reminders.services import send_due_reminders
from enplan.reminders.tests.conftest import local

pytestmark = pytest.mark.django_db


def test_the_coordinator_and_the_responsible_are_reminded_the_day_after(world, intervention):
    assert not send_due_reminders(local(2026, 3, 9, 23, 59)).sent
    result = send_due_reminders(local(2026, 3, 10, 0, 1))
    assert result.sent["interventions_not_started"] == 2
    notices = Notification.objects.order_by("user_id")
    assert {n.user for n in notices} == {world.coordinator.user, world.actor.user}
    notice = notices.first()
    assert "Mentorstøtte" in notice.text
    assert "09.03.2026" in notice.text
    assert notice.url.endswith(f"#intervention-{intervention.pk}")
    assert "Mentorstøtte" not in mail.outbox[0].body


def test_just_after_local_midnight_counts_as_the_next_day_although_utc_has_not_moved(
    world, intervention
):
    # 00:30 on 10 March in Copenhagen is 23:30 on 9 March in UTC.
    assert send_due_reminders(local(2026, 3, 10, 0, 30)).sent["interventions_not_started"] == 2


def test_it_fires_at_most_once(world, intervention):
    send_due_reminders(local(2026, 3, 10, 8))
    result = send_due_reminders(local(2026, 3, 11, 8))
    assert not result.sent
    assert result.already_sent == 2
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2


def test_a_new_agreed_start_that_also_passes_is_a_new_reminder(world, intervention):
    send_due_reminders(local(2026, 3, 10, 8))
    intervention.agreed_start = date(2026, 4, 1)
    intervention.save()
    assert not send_due_reminders(local(2026, 4, 1, 8)).sent
    assert send_due_reminders(local(2026, 4, 2, 8)).sent["interventions_not_started"] == 2


def test_no_reminder_once_it_has_started_or_for_a_closed_plan(world, intervention):
    intervention.actual_start = date(2026, 3, 9)
    intervention.status = "active"
    intervention.save()
    assert not send_due_reminders(local(2026, 3, 10, 8)).sent
    intervention.actual_start = None
    intervention.status = "planned"
    intervention.save()
    world.plan.status = "closed"
    world.plan.save()
    assert not send_due_reminders(local(2026, 3, 10, 8)).sent


def test_a_responsible_who_may_no_longer_see_the_plan_is_not_told_about_it(world, intervention):
    Consent.objects.filter(plan=world.plan).update(withdrawn_on=date(2026, 3, 1))
    result = send_due_reminders(local(2026, 3, 10, 8))
    assert result.sent["interventions_not_started"] == 1
    assert result.not_visible == 1
    assert not Notification.objects.filter(user=world.actor.user).exists()
