"""What the citizen writes under "Det vil jeg tale om" is on the next meeting's agenda,
marked as hers, and is ticked off in the meeting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.citizen.models import MeetingTopic
from enplan.citizen.tests.factories import network_meeting, with_login
from enplan.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def write(client, family, text):
    client.force_login(with_login(family.mother))
    client.post(f"/borger/plan/{family.plan.pk}/moeder/emne/", {"text": text})
    return MeetingTopic.objects.get(text=text)


def test_the_topic_is_on_the_next_meetings_agenda_marked_as_hers(client, family):
    meeting = network_meeting(family, starts_at=timezone.now() + timedelta(days=3))
    write(client, family, "Min økonomi")
    client.force_login(family.coordinator.user)
    html = client.get(f"/meetings/{meeting.pk}/").text
    assert "Det vil borgeren tale om" in html
    assert "Min økonomi" in html
    assert "Skrevet af Mona" in html
    assert "Min økonomi" in client.get(f"/meetings/{meeting.pk}/agenda/").text


def test_a_topic_written_before_any_meeting_goes_on_the_next_one_only(client, family):
    write(client, family, "Skolen")
    later = network_meeting(family, starts_at=timezone.now() + timedelta(days=20))
    sooner = network_meeting(family, starts_at=timezone.now() + timedelta(days=5))
    client.force_login(family.coordinator.user)
    assert "Skolen" in client.get(f"/meetings/{sooner.pk}/").text
    assert "Skolen" not in client.get(f"/meetings/{later.pk}/").text


def test_the_coordinator_ticks_it_off_in_the_meeting(client, family):
    meeting = network_meeting(family, starts_at=timezone.now() - timedelta(minutes=10))
    topic = write(client, family, "Min økonomi")
    MeetingTopic.objects.filter(pk=topic.pk).update(meeting=meeting)
    client.force_login(family.coordinator.user)
    response = client.post(f"/meetings/{meeting.pk}/topics/{topic.pk}/talked-about/")
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.talked_about_at is not None
    assert topic.meeting == meeting
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, object_type="citizen.meetingtopic", object_id=str(topic.pk)
    ).exists()
    html = client.get(f"/meetings/{meeting.pk}/").text
    assert "Talt om " in html
    assert "Sæt flueben: talt om" not in html


def test_someone_outside_the_plan_neither_sees_nor_ticks_off_the_topic(client, family, world):
    meeting = network_meeting(family, starts_at=timezone.now() + timedelta(days=3))
    topic = write(client, family, "Min økonomi")
    client.force_login(world.outsider.user)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    response = client.post(f"/meetings/{meeting.pk}/topics/{topic.pk}/talked-about/")
    assert response.status_code == 404
    topic.refresh_from_db()
    assert topic.talked_about_at is None


def test_the_citizen_cannot_tick_off_on_the_staffs_side(client, family):
    meeting = network_meeting(family, starts_at=timezone.now() + timedelta(days=3))
    topic = write(client, family, "Min økonomi")
    response = client.post(f"/meetings/{meeting.pk}/topics/{topic.pk}/talked-about/")
    assert response.status_code == 404
    topic.refresh_from_db()
    assert topic.talked_about_at is None


def test_only_the_meetings_runner_ticks_off(client, family):
    meeting = network_meeting(family, starts_at=timezone.now() + timedelta(days=3))
    topic = write(client, family, "Min økonomi")
    client.force_login(family.actor.user)
    assert "Min økonomi" in client.get(f"/meetings/{meeting.pk}/").text
    response = client.post(f"/meetings/{meeting.pk}/topics/{topic.pk}/talked-about/")
    assert response.status_code == 403
    topic.refresh_from_db()
    assert topic.talked_about_at is None
