"""Recording who came: a no-show is kept and counted."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enplan.meetings.models import MeetingStatus
from enplan.plans.models import LogEntry

pytestmark = pytest.mark.django_db


def test_attendance_is_recorded_with_the_no_show(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:record", args=[cycle.meeting.pk]),
        {"version": 1, f"p{cycle.citizen.pk}": "1", f"p{cycle.professional.pk}": "0"},
    )
    assert response.status_code == 302
    cycle.citizen.refresh_from_db()
    cycle.professional.refresh_from_db()
    cycle.meeting.refresh_from_db()
    assert (cycle.citizen.attended, cycle.professional.attended) == (True, False)
    assert cycle.meeting.status == MeetingStatus.HELD
    entry = LogEntry.objects.get(plan=world.plan)
    assert "1 deltog, 1 kom ikke" in entry.text
    page = client.get(reverse("meetings:detail", args=[cycle.meeting.pk])).text
    assert "Kom ikke" in page


def test_everyone_invited_must_be_recorded(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:record", args=[cycle.meeting.pk]),
        {"version": 1, f"p{cycle.citizen.pk}": "1"},
    )
    assert response.status_code == 200
    cycle.meeting.refresh_from_db()
    assert cycle.meeting.status == MeetingStatus.PLANNED


def test_a_meeting_that_has_not_started_cannot_be_recorded(client, world, cycle):
    cycle.meeting.starts_at = timezone.now() + timedelta(days=1)
    cycle.meeting.save()
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:record", args=[cycle.meeting.pk]),
        {"version": 1, f"p{cycle.citizen.pk}": "1", f"p{cycle.professional.pk}": "1"},
    )
    assert "Mødet er ikke begyndt endnu." in response.text
    cycle.citizen.refresh_from_db()
    assert cycle.citizen.attended is None
