"""The map as SVG and PNG, and in the printable plan: the same picture everywhere."""

from xml.etree import ElementTree

import pytest

from enplan.core.models import AuditAction, AuditEvent
from enplan.network.tests.factories import RelationRatingFactory
from enplan.plans.models import Actor
from enplan.plans.tests.factories import PrivateActorFactory

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def rated(world):
    first = Actor.objects.get(plan=world.plan, professional=world.actor)
    second = PrivateActorFactory(plan=world.plan, name="Mormor Åse")
    RelationRatingFactory(first=first, second=second, rater=first, level="poor")
    return world


def test_the_svg_is_a_well_formed_accessible_picture(client, rated):
    client.force_login(rated.coordinator.user)
    response = client.get(f"/plans/{rated.plan.pk}/organisation/map.svg")
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment;" in response["Content-Disposition"]
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text.startswith("Borgerens organisation: Maja Holm")
    assert "Mormor Åse" in response.content.decode()
    poor = root.findall(f".//{SVG}path[@data-level='poor']")
    assert len(poor) == 1
    assert poor[0].get("stroke-dasharray") == "1 6"


def test_the_same_day_gives_the_same_svg(client, rated):
    client.force_login(rated.coordinator.user)
    first = client.get(f"/plans/{rated.plan.pk}/organisation/map.svg").content
    second = client.get(f"/plans/{rated.plan.pk}/organisation/map.svg").content
    assert first == second


def test_the_png_is_the_map_drawn_at_twice_its_size(client, rated):
    client.force_login(rated.coordinator.user)
    response = client.get(f"/plans/{rated.plan.pk}/organisation/map.png")
    assert response["Content-Type"] == "image/png"
    png = response.content
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width == 2400


def test_the_printable_plan_holds_the_whole_plan_and_the_map(client, rated):
    client.force_login(rated.coordinator.user)
    response = client.get(f"/plans/{rated.plan.pk}/print/")
    html = response.content.decode()
    for heading in ("Mål", "Indsatser", "Borgerens organisation", "Samtykke", "Stafetlog"):
        assert f">{heading}</h2>" in html
    assert 'role="img"' in html
    assert "Mormor Åse" in html
    event = AuditEvent.objects.get(user=rated.coordinator.user)
    assert (event.action, event.plan_id) == (AuditAction.EXPORT, rated.plan.pk)


def test_ids_in_the_page_are_never_written_with_thousand_separators(client, rated):
    from enplan.network.models import RelationRating

    rating = RelationRating.objects.get()
    client.force_login(rated.coordinator.user)
    # Far above any id the suite's database has handed out (PostgreSQL's sequences are not
    # rolled back with a test), so that the pair stays in order.
    big = PrivateActorFactory(plan=rated.plan, id=91_234_567, name="Stor Id")
    RelationRatingFactory(first=rating.first, second=big, rater=big, level="good")
    html = client.get(f"/plans/{rated.plan.pk}/organisation/").content.decode()
    assert f'data-pair="{rating.first_id}-91234567"' in html
    assert "second=91234567" in html
    assert "91.234.567" not in html
