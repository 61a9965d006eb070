"""Downloads: a tagged PDF a screen reader can read, all my data as JSON, and a meeting
for my own calendar."""

import contextlib
import json
import re
import zlib
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from enplan.citizen.tests.factories import network_meeting, with_login
from enplan.meetings.models import Meeting, MeetingKind
from enplan.plans.tests.factories import GoalFactory, LogEntryFactory, PrivateActorFactory

pytestmark = pytest.mark.django_db


def pdf_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams opened, to read its structure."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(match.group(1)))
    return b"\n".join(parts)


def test_the_plan_as_a_tagged_pdf_with_language_and_title(client, family):
    GoalFactory(plan=family.plan, member=family.mother, title="Et job")
    client.force_login(with_login(family.mother))
    response = client.get(f"/borger/plan/{family.plan.pk}/mine-data/plan.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="min-plan-')
    pdf = pdf_objects(response.content)
    assert response.content.startswith(b"%PDF-1.7")
    assert b"/StructTreeRoot" in pdf  # tagged
    assert b"/MarkInfo" in pdf
    assert b"/Lang (da)" in pdf
    assert b"/DisplayDocTitle true" in pdf
    assert b"pdfuaid:part" in pdf  # PDF/UA-1
    assert "Min plan – Familien Holm".encode("utf-16-be") in pdf or b"Familien Holm" in pdf


def test_the_json_holds_my_data_and_nothing_that_is_not_mine(client, family):
    GoalFactory(plan=family.plan, member=family.mother, title="Mit mål")
    GoalFactory(plan=family.plan, member=family.partner, title="Peters mål")
    LogEntryFactory(plan=family.plan, text="Delt notat")
    LogEntryFactory(plan=family.plan, text="Internt notat", is_internal=True)
    PrivateActorFactory(plan=family.plan, member=family.mother, name="Lise")
    client.force_login(with_login(family.mother))
    response = client.get(f"/borger/plan/{family.plan.pk}/mine-data/data.json")
    data = json.loads(response.content)
    assert data["me"]["cpr"] == family.mother.citizen.cpr
    assert data["plan"]["coordinator"]["name"] == family.coordinator.name
    assert [g["goal"] for g in data["goals"]] == ["Mit mål"]
    assert [e["text"] for e in data["log"]] == ["Delt notat"]
    assert "Lise" in [n["name"] for n in data["network"]]
    assert {m["name"] for m in data["members"]} == {"Mona Holm", "Tilde Holm", "Carl Holm"}
    assert data["consents"][0]["departments"] == ["Jobcentret"]
    assert "who_looked_at_my_data" in data


def test_a_meeting_goes_into_my_calendar(client, family):
    starts = timezone.now() + timedelta(days=4)
    meeting = network_meeting(
        family,
        starts_at=starts,
        place="Rådhuset, lokale 2",
        video_link="https://video.example/moede",
    )
    client.force_login(with_login(family.mother))
    response = client.get(f"/borger/plan/{family.plan.pk}/moeder/{meeting.pk}/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert (
        event.decoded("dtstart") == starts.replace(microsecond=0)
        or event.decoded("dtstart") == starts
    )
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=1)
    assert str(event["location"]) == "Rådhuset, lokale 2"
    assert str(event["summary"]) == "Møde om min plan"  # says nothing about the citizen
    assert family.coordinator.name in str(event["description"])


def test_my_calendar_file_is_in_danish_time_with_the_sites_own_uid(client, family, settings):
    from datetime import datetime

    settings.ENPLAN_SITE_DOMAIN = "enplan.boegeby.dk"
    meeting = network_meeting(family, starts_at=timezone.make_aware(datetime(2026, 3, 29, 10)))
    client.force_login(with_login(family.mother))
    response = client.get(f"/borger/plan/{family.plan.pk}/moeder/{meeting.pk}/kalender.ics")
    body = response.content.decode()
    assert "BEGIN:VTIMEZONE" in body
    assert "TZID:Europe/Copenhagen" in body
    assert "DTSTART;TZID=Europe/Copenhagen:20260329T100000" in body  # summer time, not UTC
    assert "Z\r\n" not in body.split("BEGIN:VEVENT")[1].split("DTSTAMP")[0]
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["uid"]) == f"meeting-{meeting.pk}@enplan.boegeby.dk"
    # The same event as in the professionals' file: calendars replace it, never double it.
    assert event["sequence"] == meeting.version


def test_a_meeting_among_professionals_is_not_the_citizens(client, family):
    meeting = Meeting.objects.create(
        municipality=family.municipality,
        plan=family.plan,
        kind=MeetingKind.PROFESSIONALS,
        starts_at=timezone.now() + timedelta(days=4),
        created_by=family.plan.created_by,
    )
    client.force_login(with_login(family.mother))
    page = client.get(f"/borger/plan/{family.plan.pk}/")
    assert meeting not in page.context["page"].meetings
    url = f"/borger/plan/{family.plan.pk}/moeder/{meeting.pk}/kalender.ics"
    assert client.get(url).status_code == 404
