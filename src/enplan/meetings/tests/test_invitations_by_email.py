"""The professionals invited get the invitation by e-mail with the calendar file, and an
update when the meeting moves or is cancelled; the e-mail names no citizen."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from enplan.meetings.models import Meeting
from enplan.meetings.tests.test_meeting_plan import form_data

pytestmark = pytest.mark.django_db


def calendar_of(message):
    [(name, content, mimetype)] = message.attachments
    assert name.endswith(".ics")
    assert mimetype.startswith("text/calendar")
    return Calendar.from_ical(content).walk("VEVENT")[0]


def test_planning_a_meeting_invites_the_professionals_with_the_calendar_file(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world.actor.email = "lars@kommune.example"
    world.actor.save()
    client.force_login(world.coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:create", args=[world.plan.pk]), form_data(world))
    meeting = Meeting.objects.get(plan=world.plan)
    [message] = mailoutbox
    assert message.to == ["lars@kommune.example"]
    assert message.subject.startswith("Invitation: Netværksmøde")
    assert f"/meetings/{meeting.pk}/" in message.body
    for name in (world.member.citizen.first_name, world.member.citizen.last_name):
        assert name not in message.subject
        assert name not in message.body
    event = calendar_of(message)
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")
    assert str(event["status"]) == "CONFIRMED"


def test_moving_and_cancelling_send_updates_of_the_same_event(
    client, world, cycle, mailoutbox, django_capture_on_commit_callbacks
):
    world.actor.email = "lars@kommune.example"
    world.actor.save()
    client.force_login(world.coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:edit", args=[cycle.meeting.pk]),
            form_data(world, place="Biblioteket", version=cycle.meeting.version),
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:cancel", args=[cycle.meeting.pk]), {"reason": "Syg", "version": 2}
        )
    changed, cancelled = mailoutbox
    assert changed.subject.startswith("Ændret:")
    assert "Biblioteket" in changed.body
    assert cancelled.subject.startswith("Aflyst:")
    first, second = calendar_of(changed), calendar_of(cancelled)
    assert str(first["uid"]) == str(second["uid"]) == f"meeting-{cycle.meeting.pk}@enplan.invalid"
    assert second["sequence"] > first["sequence"]
    assert str(second["status"]) == "CANCELLED"


def test_nobody_without_an_address_and_no_citizen_gets_an_e_mail(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    world.actor.email = ""
    world.actor.save()
    world.member.citizen.email = "maja@example.org"
    world.member.citizen.save()
    client.force_login(world.coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:create", args=[world.plan.pk]), form_data(world))
    assert Meeting.objects.filter(plan=world.plan).exists()
    assert mailoutbox == []


def test_the_citizen_is_told_in_en_plan_when_a_meeting_is_planned_moved_or_cancelled(
    client, world, django_capture_on_commit_callbacks
):
    from enplan.citizen.tests.factories import with_login
    from enplan.core.models import NoticeKind, Notification

    citizen_user = with_login(world.member)
    client.force_login(world.coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:create", args=[world.plan.pk]), form_data(world))
    meeting = Meeting.objects.get(plan=world.plan)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:edit", args=[meeting.pk]),
            form_data(world, place="Biblioteket", version=meeting.version),
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("meetings:cancel", args=[meeting.pk]), {"reason": "Syg", "version": 2})
    texts = list(
        Notification.objects.filter(user=citizen_user, kind=NoticeKind.MEETING)
        .order_by("id")
        .values_list("text", flat=True)
    )
    assert len(texts) == 3
    assert texts[0].startswith("Du er inviteret til et møde den ")
    assert texts[1].startswith("Dit møde er ændret. Det er nu den ")
    assert texts[2].endswith("er aflyst.")
    # The reason and the place stay inside Én plan's meeting page.
    assert not any("Syg" in text or "Biblioteket" in text for text in texts)
