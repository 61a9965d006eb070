"""The map as it was on a chosen day, and where the actors' perspectives on a relation differ."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from enplan.network.tests.factories import RelationRatingFactory
from enplan.plans.models import Actor
from enplan.plans.tests.factories import PrivateActorFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def days_ago(n):
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def changed(world):
    """A neighbour who helped at first and has left; a grandmother who came in later."""
    PrivateActorFactory(
        plan=world.plan, name="Naboen Kaj", started_on=days_ago(90), ended_on=days_ago(30)
    )
    PrivateActorFactory(plan=world.plan, name="Mormor Åse", started_on=days_ago(10))
    return world


def svg_text(response) -> str:
    root = ElementTree.fromstring(response.content)
    return " ".join(t.text or "" for t in root.iter(f"{SVG}text"))


def test_the_map_of_an_earlier_day_shows_who_was_there_then_and_not_who_came_later(client, changed):
    client.force_login(changed.coordinator.user)
    url = f"/plans/{changed.plan.pk}/organisation/"
    then = client.get(url, {"on": days_ago(60).isoformat()})
    now = client.get(url)
    assert then.status_code == now.status_code == 200
    map_then = then.text.split('class="network-map__svg"', 1)[1].split("</svg>", 1)[0]
    map_now = now.text.split('class="network-map__svg"', 1)[1].split("</svg>", 1)[0]
    assert "Naboen Kaj" in map_then
    assert "Mormor Åse" not in map_then
    assert "Mormor Åse" in map_now
    assert "Naboen Kaj" not in map_now
    # Today's page still names the neighbour, as someone who has left.
    assert "Naboen Kaj" in now.text


def test_the_exports_draw_the_chosen_day_and_name_it_in_the_file(client, changed):
    client.force_login(changed.coordinator.user)
    day = days_ago(60)
    response = client.get(f"/plans/{changed.plan.pk}/organisation/map.svg", {"on": day.isoformat()})
    text = svg_text(response)
    assert "Naboen Kaj" in text
    assert "Mormor Åse" not in text
    assert f"{day:%Y-%m-%d}.svg" in response["Content-Disposition"]


def test_a_day_in_the_future_shows_todays_map(client, changed):
    client.force_login(changed.coordinator.user)
    response = client.get(
        f"/plans/{changed.plan.pk}/organisation/map.svg",
        {"on": (timezone.localdate() + timedelta(days=400)).isoformat()},
    )
    assert f"{timezone.localdate():%Y-%m-%d}.svg" in response["Content-Disposition"]
    assert "Mormor Åse" in svg_text(response)


def test_where_perspectives_differ_the_map_marks_it_and_the_table_shows_each_view(client, world):
    professional = Actor.objects.get(plan=world.plan, professional=world.actor)
    grandmother = PrivateActorFactory(plan=world.plan, name="Mormor Åse", started_on=days_ago(5))
    RelationRatingFactory(first=professional, second=grandmother, rater=professional, level="good")
    RelationRatingFactory(
        first=professional,
        second=grandmother,
        rater=grandmother,
        level="poor",
        comment="Jeg bliver ikke spurgt.",
    )
    client.force_login(world.coordinator.user)
    svg = client.get(f"/plans/{world.plan.pk}/organisation/map.svg")
    root = ElementTree.fromstring(svg.content)
    marks = root.findall(f".//{SVG}g[@data-disagreement]")
    assert len(marks) == 1
    # The line is drawn by the weakest view, with the pattern for "poor".
    (line,) = root.findall(f".//{SVG}path[@data-pair]")
    assert (line.get("data-level"), line.get("stroke-dasharray")) == ("poor", "1 6")

    page = client.get(f"/plans/{world.plan.pk}/organisation/").text
    assert "Forskellige vurderinger" in page
    assert "Jeg bliver ikke spurgt." in page
    assert f"<strong>{world.actor.name}</strong>: god" in page
    assert "<strong>Mormor Åse</strong>: lav" in page


def test_when_the_perspectives_agree_nothing_is_marked(client, world):
    professional = Actor.objects.get(plan=world.plan, professional=world.actor)
    grandmother = PrivateActorFactory(plan=world.plan, name="Mormor Åse", started_on=days_ago(5))
    for rater in (professional, grandmother):
        RelationRatingFactory(first=professional, second=grandmother, rater=rater, level="medium")
    client.force_login(world.coordinator.user)
    root = ElementTree.fromstring(
        client.get(f"/plans/{world.plan.pk}/organisation/map.svg").content
    )
    assert root.findall(f".//{SVG}g[@data-disagreement]") == []
    (line,) = root.findall(f".//{SVG}path[@data-pair]")
    assert line.get("stroke-dasharray") == "10 6"
