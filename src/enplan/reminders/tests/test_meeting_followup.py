"""A meeting without the citizen's evaluation or a learning recap three days after."""

from datetime import datetime

import pytest

from enplan.core.models import Notification
from enplan.meetings.models import MeetingStatus
from enplan.meetings.tests.factories import (
    CitizenEvaluationFactory,
    LearningRecapFactory,
    MeetingFactory,
    ParticipantFactory,
)
from enplan.plans.tests.factories import PlanMemberFactory
from enplan.reminders.services import send_due_reminders
from enplan.reminders.tests.conftest import CPH, local

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    # Ends at 23:30 on 24 October, the night before summer time ends.
    meeting = MeetingFactory(
        plan=world.plan,
        starts_at=datetime(2026, 10, 24, 22, 0, tzinfo=CPH),
        ends_at=datetime(2026, 10, 24, 23, 30, tzinfo=CPH),
        status=MeetingStatus.HELD,
        created_by=world.coordinator.user,
    )
    ParticipantFactory(meeting=meeting, member=world.member, attended=True)
    return meeting


def test_the_convener_is_reminded_from_the_third_local_day(world, meeting):
    assert not send_due_reminders(local(2026, 10, 26, 23, 59)).sent
    assert send_due_reminders(local(2026, 10, 27, 0, 5)).sent["meetings_without_followup"] == 1
    notice = Notification.objects.get(user=world.coordinator.user)
    assert "mangler stadig borgerens evaluering og en læringsopsamling" in notice.text
    assert notice.url == f"/meetings/{meeting.pk}/"


def test_it_fires_at_most_once(world, meeting):
    send_due_reminders(local(2026, 10, 27, 8))
    assert not send_due_reminders(local(2026, 10, 28, 8)).sent
    assert Notification.objects.count() == 1


def test_no_reminder_when_evaluation_and_recap_are_recorded(world, meeting):
    CitizenEvaluationFactory(meeting=meeting, member=world.member)
    LearningRecapFactory(meeting=meeting)
    assert not send_due_reminders(local(2026, 10, 27, 8)).sent


def test_a_meeting_the_citizen_did_not_come_to_needs_only_the_recap(world, meeting):
    # Nobody can record an evaluation from a citizen who did not come, so none is asked for.
    meeting.participants.update(attended=False)
    send_due_reminders(local(2026, 10, 27, 8))
    assert Notification.objects.get().text.endswith("mangler stadig en læringsopsamling.")


def test_no_reminder_when_the_citizen_did_not_come_and_the_recap_is_written(world, meeting):
    meeting.participants.update(attended=False)
    LearningRecapFactory(meeting=meeting)
    assert not send_due_reminders(local(2026, 10, 27, 8)).sent


def test_the_evaluation_is_asked_for_while_one_invited_citizen_came(world, meeting):
    other = PlanMemberFactory(plan=world.plan)
    ParticipantFactory(meeting=meeting, member=other, attended=False)
    LearningRecapFactory(meeting=meeting)
    send_due_reminders(local(2026, 10, 27, 8))
    assert Notification.objects.get().text.endswith("mangler stadig borgerens evaluering.")


def test_a_meeting_for_professionals_needs_only_the_recap(world):
    meeting = MeetingFactory(
        plan=world.plan,
        kind="professionals",
        starts_at=local(2026, 10, 1, 10),
        status=MeetingStatus.HELD,
    )
    send_due_reminders(local(2026, 10, 4, 8))
    assert Notification.objects.get().text.endswith("mangler stadig en læringsopsamling.")
    LearningRecapFactory(meeting=meeting)
    Notification.objects.all().delete()
    assert not send_due_reminders(local(2026, 10, 5, 8)).sent


def test_a_cancelled_or_long_past_meeting_is_not_reminded(world, meeting):
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    assert not send_due_reminders(local(2026, 10, 27, 8)).sent
    meeting.status = MeetingStatus.HELD
    meeting.save()
    assert not send_due_reminders(local(2027, 3, 1, 8)).sent


def test_the_coordinator_is_reminded_when_the_convener_no_longer_sees_the_plan(world, meeting):
    meeting.created_by = world.outsider.user
    meeting.save()
    send_due_reminders(local(2026, 10, 27, 8))
    assert Notification.objects.get().user == world.coordinator.user
