"""Every view of a meeting, and every change, writes its audit event with the plan."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "action", "object_type"),
    [
        ("meetings:detail", "view", "meetings.meeting"),
        ("meetings:agenda", "view", "meetings.meeting"),
        ("meetings:ics", "export", "meetings.meeting"),
    ],
)
def test_reading_a_meeting_is_audited(client, world, cycle, name, action, object_type):
    client.force_login(world.actor.user)
    client.get(reverse(name, args=[cycle.meeting.pk]))
    event = AuditEvent.objects.get(user=world.actor.user)
    assert (event.action, event.object_type, event.plan_id) == (action, object_type, world.plan.pk)
    assert event.object_id == str(cycle.meeting.pk)


def test_the_plans_meeting_list_is_audited_as_a_view_of_the_plan(client, world, cycle):
    client.force_login(world.actor.user)
    client.get(reverse("meetings:plan_meetings", args=[world.plan.pk]))
    event = AuditEvent.objects.get(user=world.actor.user)
    assert (event.action, event.object_type) == ("view", "plans.plan")


def test_recording_attendance_and_an_evaluation_link_are_audited(client, world, cycle):
    client.force_login(world.coordinator.user)
    client.post(
        reverse("meetings:record", args=[cycle.meeting.pk]),
        {"version": 1, f"p{cycle.citizen.pk}": "1", f"p{cycle.professional.pk}": "1"},
    )
    client.post(
        reverse("meetings:evaluation_link", args=[cycle.meeting.pk]), {"member": world.member.pk}
    )
    kinds = set(AuditEvent.objects.values_list("action", "object_type"))
    assert ("change", "meetings.meeting") in kinds
    assert ("create", "meetings.evaluationlink") in kinds


@pytest.mark.parametrize(
    "name",
    [
        "meetings:edit",
        "meetings:cancel",
        "meetings:record",
        "meetings:recap",
        "meetings:decision_create",
    ],
)
def test_opening_a_form_on_a_meeting_is_audited_as_a_view(client, world, cycle, name):
    client.force_login(world.coordinator.user)
    assert client.get(reverse(name, args=[cycle.meeting.pk])).status_code == 200
    event = AuditEvent.objects.get(user=world.coordinator.user)
    assert (event.action, event.object_type, event.plan_id) == (
        "view",
        "meetings.meeting",
        world.plan.pk,
    )


def test_opening_the_form_for_a_new_meeting_is_audited_as_a_view_of_the_plan(client, world):
    client.force_login(world.coordinator.user)
    assert client.get(reverse("meetings:create", args=[world.plan.pk])).status_code == 200
    event = AuditEvent.objects.get(user=world.coordinator.user)
    assert (event.action, event.object_type) == ("view", "plans.plan")
