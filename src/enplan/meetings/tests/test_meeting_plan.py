"""Planning a meeting: kind, time, place or video, invitations, agenda and conversations."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enplan.core.models import AuditEvent
from enplan.meetings.models import Meeting, MeetingStatus
from enplan.meetings.tests.factories import ConversationTypeFactory
from enplan.plans.models import Actor

pytestmark = pytest.mark.django_db


def form_data(world, **overrides):
    actor = Actor.objects.get(plan=world.plan, professional=world.actor)
    data = {
        "kind": "network",
        "day": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "start_time": "10:00",
        "end_time": "11:30",
        "place": "Rådhuset, lokale 3",
        "video_link": "",
        "purpose": "Hvad er vigtigst for Maja nu?",
        "members": [world.member.pk],
        "actors": [actor.pk],
        "agenda": "1. Velkommen\n- Siden sidst\n\nAftaler",
    }
    data.update(overrides)
    return data


def test_a_coordinator_plans_a_network_meeting_with_invitations_and_agenda(client, world):
    conversation = ConversationTypeFactory(municipality=world.municipality, name="Jobsamtale")
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:create", args=[world.plan.pk]),
        form_data(world, conversation_types=[conversation.pk]),
    )
    meeting = Meeting.objects.get(plan=world.plan)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert meeting.status == MeetingStatus.PLANNED
    assert timezone.localtime(meeting.starts_at).strftime("%H:%M") == "10:00"
    assert [i.title for i in meeting.agenda_items.all()] == ["Velkommen", "Siden sidst", "Aftaler"]
    assert {p.member_id for p in meeting.participants.all()} == {world.member.pk, None}
    assert list(meeting.conversation_types.all()) == [conversation]
    assert AuditEvent.objects.filter(object_type="meetings.meeting", action="create").count() == 1


def test_the_meeting_page_lists_the_invited_and_the_agenda(client, world):
    client.force_login(world.coordinator.user)
    client.post(reverse("meetings:create", args=[world.plan.pk]), form_data(world))
    meeting = Meeting.objects.get(plan=world.plan)
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    assert world.member.citizen.full_name in page
    assert world.actor.name in page
    assert "Siden sidst" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"place": ""}, "Skriv, hvor mødet holdes, eller giv et videolink."),
        ({"members": []}, "Et netværksmøde med borgeren skal have borgeren inviteret."),
        ({"kind": "bilateral", "members": []}, "Vælg præcis to."),
        ({"kind": "professionals"}, "Borgeren inviteres ikke til et møde kun for fagpersoner."),
        ({"end_time": "09:00"}, "Mødet slutter, før det begynder."),
        ({"day": ""}, "Dette felt er påkrævet."),
    ],
)
def test_bad_input_is_explained_in_danish_and_saves_nothing(client, world, overrides, message):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:create", args=[world.plan.pk]), form_data(world, **overrides)
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Meeting.objects.exists()


def test_a_video_link_is_enough_without_a_place(client, world):
    client.force_login(world.coordinator.user)
    client.post(
        reverse("meetings:create", args=[world.plan.pk]),
        form_data(world, place="", video_link="https://video.example/rum-12"),
    )
    assert Meeting.objects.get().video_link == "https://video.example/rum-12"


def test_an_actor_on_the_plan_may_convene_a_meeting(client, world):
    client.force_login(world.actor.user)
    client.post(reverse("meetings:create", args=[world.plan.pk]), form_data(world))
    assert Meeting.objects.get().created_by == world.actor.user


def test_another_plans_actor_cannot_be_invited(client, world):
    from enplan.plans.tests.factories import ActorFactory

    elsewhere = ActorFactory(professional__department=world.department)
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:create", args=[world.plan.pk]),
        form_data(world, actors=[elsewhere.pk]),
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()


def test_the_new_meeting_form_suggests_an_agenda_and_the_adult_citizen(client, world):
    client.force_login(world.coordinator.user)
    page = client.get(reverse("meetings:create", args=[world.plan.pk])).text
    assert "Velkommen: hvad er vigtigst for dig i dag?" in page
    assert f'value="{world.member.pk}"' in page


def test_the_printable_agenda_lists_the_items_the_conversations_and_the_invited(client, world):
    conversation = ConversationTypeFactory(municipality=world.municipality, name="Jobsamtale")
    client.force_login(world.coordinator.user)
    client.post(
        reverse("meetings:create", args=[world.plan.pk]),
        form_data(world, conversation_types=[conversation.pk]),
    )
    meeting = Meeting.objects.get(plan=world.plan)
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).text
    assert "Netværksmøde med borgeren" in page
    assert "Rådhuset, lokale 3" in page
    assert "Jobsamtale" in page
    items = page.split('<ol class="agenda">', 1)[1].split("</ol>", 1)[0]
    assert items.index("Velkommen") < items.index("Siden sidst") < items.index("Aftaler")
    invited = page.split("Inviterede", 2)[2]
    assert world.member.citizen.full_name in invited
    assert world.actor.name in invited
    assert f"<dt>Indkaldt af</dt><dd>{world.coordinator.name}" in page


def test_an_agenda_convened_by_another_professional_names_them_and_the_coordinator(client, world):
    client.force_login(world.actor.user)
    client.post(reverse("meetings:create", args=[world.plan.pk]), form_data(world))
    meeting = Meeting.objects.get(plan=world.plan)
    page = client.get(reverse("meetings:agenda", args=[meeting.pk])).text
    assert f"<dt>Indkaldt af</dt><dd>{world.actor.user.display_name}</dd>" in page
    assert f"<dt>Borgerens koordinator</dt><dd>{world.coordinator.name}" in page
