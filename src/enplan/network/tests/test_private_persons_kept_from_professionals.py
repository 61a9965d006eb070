"""A private person the citizen chose to keep from the professionals is hidden from every
professional, the coordinator included: on the map, in its downloads, in the printed plan,
in the forms that pick people from the network, and behind their own address."""

import pytest
from django.urls import reverse

from enplan.meetings.models import Participant
from enplan.meetings.tests.factories import MeetingFactory
from enplan.network.tests.factories import DevelopmentPointFactory, RelationRatingFactory
from enplan.plans.models import Actor
from enplan.plans.tests.factories import PrivateActorFactory

pytestmark = pytest.mark.django_db

HIDDEN = "Hemmelige Hanne"


@pytest.fixture
def hidden(world):
    return PrivateActorFactory(
        plan=world.plan, name=HIDDEN, role="Veninde", visible_to_professionals=False
    )


@pytest.fixture
def coordinator(client, world):
    client.force_login(world.coordinator.user)
    return client


@pytest.mark.parametrize("page", ["", "map.svg"])
def test_the_map_and_its_svg_do_not_show_a_person_kept_from_the_professionals(
    coordinator, world, hidden, page
):
    response = coordinator.get(f"/plans/{world.plan.pk}/organisation/{page}")
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()


def test_the_map_does_not_count_or_draw_relations_of_a_person_kept_from_the_professionals(
    coordinator, world, hidden
):
    actor = Actor.objects.get(plan=world.plan, professional=world.actor)
    first, second = sorted([actor, hidden], key=lambda a: a.pk)
    RelationRatingFactory(first=first, second=second, rater=actor, comment="Svært samarbejde")
    response = coordinator.get(f"/plans/{world.plan.pk}/organisation/")
    assert response.context["page"].counts["relations"] == 0
    assert "Svært samarbejde" not in response.content.decode()


def test_the_printed_plan_does_not_show_a_person_kept_from_the_professionals(
    coordinator, world, hidden
):
    response = coordinator.get(f"/plans/{world.plan.pk}/print/")
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()


@pytest.mark.parametrize("name", ["network:actor_end", "plans:actor_end"])
def test_a_person_kept_from_the_professionals_cannot_be_opened_or_ended_by_their_id(
    coordinator, world, hidden, name
):
    url = reverse(name, kwargs={"pk": world.plan.pk, "actor_pk": hidden.pk})
    assert coordinator.get(url).status_code == 404
    assert coordinator.post(url, {"ended_on": "2026-01-01"}).status_code == 404
    hidden.refresh_from_db()
    assert hidden.ended_on is None


@pytest.mark.parametrize("name", ["network:rate", "network:point_create"])
def test_the_forms_that_pick_people_from_the_network_do_not_offer_them(
    coordinator, world, hidden, name
):
    response = coordinator.get(reverse(name, kwargs={"pk": world.plan.pk}))
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()


def test_a_development_point_cannot_be_given_to_them_by_their_id(coordinator, world, hidden):
    response = coordinator.post(
        reverse("network:point_create", kwargs={"pk": world.plan.pk}),
        {"text": "Ring til hende", "responsible": hidden.pk},
    )
    assert response.status_code == 200  # the form again, with an error
    assert not world.plan.development_points.exists()


def test_editing_a_development_point_does_not_offer_them(coordinator, world, hidden):
    point = DevelopmentPointFactory(plan=world.plan)
    response = coordinator.get(
        reverse("network:point_edit", kwargs={"pk": world.plan.pk, "point_pk": point.pk})
    )
    assert HIDDEN not in response.content.decode()


def test_the_meeting_form_does_not_offer_to_invite_them(coordinator, world, hidden):
    response = coordinator.get(reverse("meetings:create", args=[world.plan.pk]))
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()


def test_a_meeting_page_does_not_name_them_even_if_they_were_invited(coordinator, world, hidden):
    meeting = MeetingFactory(plan=world.plan, created_by=world.coordinator.user)
    Participant.objects.create(municipality=world.municipality, meeting=meeting, actor=hidden)
    response = coordinator.get(reverse("meetings:detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert HIDDEN not in response.content.decode()
