"""The calendar file for a meeting."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from enplan.core.models import AuditEvent
from enplan.meetings.models import MeetingStatus

pytestmark = pytest.mark.django_db


def test_the_uid_is_of_the_configured_site_domain_not_a_host_and_port(
    client, world, cycle, settings
):
    settings.ENPLAN_SITE_DOMAIN = "enplan.boegeby.dk"
    client.force_login(world.actor.user)
    response = client.get(reverse("meetings:ics", args=[cycle.meeting.pk]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["UID"]) == f"meeting-{cycle.meeting.pk}@enplan.boegeby.dk"
    assert "127.0.0.1" not in response.content.decode()


def test_the_calendar_file_has_the_local_time_and_no_citizens_name(client, world, cycle):
    cycle.meeting.starts_at = timezone.make_aware(datetime(2026, 3, 29, 10, 0))  # summer time
    cycle.meeting.place = "Rådhuset, lokale 3"
    cycle.meeting.save()
    client.force_login(world.actor.user)
    response = client.get(reverse("meetings:ics", args=[cycle.meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="moede-2026-03-29.ics"' in response["Content-Disposition"]
    body = response.content.decode()
    assert "TZID=Europe/Copenhagen:20260329T100000" in body
    assert "BEGIN:VTIMEZONE" in body
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["LOCATION"]) == "Rådhuset, lokale 3"
    assert event["SEQUENCE"] == cycle.meeting.version
    for secret in (
        world.plan.title,
        world.member.citizen.first_name,
        world.member.citizen.last_name,
    ):
        assert secret not in body
    assert AuditEvent.objects.filter(action="export", object_type="meetings.meeting").exists()


def test_a_cancelled_meeting_is_cancelled_in_the_calendar_too(client, world, cycle):
    cycle.meeting.status = MeetingStatus.CANCELLED
    cycle.meeting.save()
    client.force_login(world.coordinator.user)
    body = client.get(reverse("meetings:ics", args=[cycle.meeting.pk])).content.decode()
    assert "STATUS:CANCELLED" in body


def test_a_meeting_without_an_end_lasts_an_hour_in_the_calendar(client, world, cycle):
    cycle.meeting.starts_at = timezone.make_aware(datetime(2026, 3, 29, 10, 0))
    cycle.meeting.ends_at = None
    cycle.meeting.save()
    client.force_login(world.coordinator.user)
    response = client.get(reverse("meetings:ics", args=[cycle.meeting.pk]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)


def test_a_meeting_with_an_end_keeps_it_in_the_calendar(client, world, cycle):
    cycle.meeting.starts_at = timezone.make_aware(datetime(2026, 3, 29, 10, 0))
    cycle.meeting.ends_at = timezone.make_aware(datetime(2026, 3, 29, 12, 30))
    cycle.meeting.save()
    client.force_login(world.coordinator.user)
    response = client.get(reverse("meetings:ics", args=[cycle.meeting.pk]))
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event.decoded("DTEND") == cycle.meeting.ends_at
