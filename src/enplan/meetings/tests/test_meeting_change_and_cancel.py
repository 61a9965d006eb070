"""Changing and cancelling a planned meeting, without lost updates."""

import pytest
from django.urls import reverse

from enplan.meetings.models import MeetingStatus
from enplan.meetings.tests.test_meeting_plan import form_data
from enplan.plans.models import LogEntry

pytestmark = pytest.mark.django_db


def test_a_change_is_saved_and_bumps_the_version(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:edit", args=[cycle.meeting.pk]),
        form_data(world, place="Biblioteket", version=cycle.meeting.version),
    )
    assert response.status_code == 302
    cycle.meeting.refresh_from_db()
    assert cycle.meeting.place == "Biblioteket"
    assert cycle.meeting.version == 2


def test_a_stale_change_shows_what_the_other_person_changed(client, world, cycle):
    client.force_login(world.coordinator.user)
    client.post(
        reverse("meetings:edit", args=[cycle.meeting.pk]),
        form_data(world, place="Biblioteket", version=1),
    )
    response = client.post(
        reverse("meetings:edit", args=[cycle.meeting.pk]),
        form_data(world, place="Skolen", version=1),
    )
    assert response.status_code == 200
    assert "Dine ændringer er ikke gemt." in response.text
    assert "Biblioteket" in response.text
    cycle.meeting.refresh_from_db()
    assert cycle.meeting.place == "Biblioteket"


def test_uninviting_keeps_participants_whose_attendance_is_recorded(world, cycle):
    from enplan.meetings import services

    cycle.professional.attended = False
    cycle.professional.save()
    services._set_participants(cycle.meeting, [], [world.member])
    assert cycle.meeting.participants.filter(pk=cycle.professional.pk).exists()


def test_cancelling_needs_a_reason_and_writes_it_in_the_log(client, world, cycle):
    client.force_login(world.coordinator.user)
    url = reverse("meetings:cancel", args=[cycle.meeting.pk])
    response = client.post(url, {"reason": "", "version": 1})
    assert "Dette felt er påkrævet." in response.text
    client.post(url, {"reason": "Maja er syg", "version": 1})
    cycle.meeting.refresh_from_db()
    assert cycle.meeting.status == MeetingStatus.CANCELLED
    assert LogEntry.objects.filter(plan=world.plan, text__contains="Maja er syg").exists()


def test_a_held_meeting_cannot_be_changed(client, world, cycle):
    cycle.meeting.status = MeetingStatus.HELD
    cycle.meeting.save()
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:edit", args=[cycle.meeting.pk]),
        form_data(world, place="Andetsteds", version=cycle.meeting.version),
    )
    assert "Kun et planlagt møde kan ændres." in response.text
