"""A municipality's own question texts and levels, set in the administration."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enplan.coordination import selectors, services
from enplan.coordination.models import CoordinationSettings, DimensionQuestion
from enplan.coordination.tests.conftest import answer_as
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_default_questions_are_our_own_plain_danish(client, world, plan_round):
    client.force_login(world.actor.user)
    page = client.get(reverse("coordination:answer", args=[plan_round.round.pk])).text
    assert "Får du besked fra dem i tide, når der sker noget vigtigt?" in page
    for label in ("1 Aldrig", "2 Sjældent", "3 Nogle gange", "4 Ofte", "5 Altid", "Ved ikke"):
        assert label in page


def test_a_municipality_can_replace_a_question(client, world, plan_round):
    DimensionQuestion.objects.create(
        municipality=world.municipality, dimension="timely", text="Vores egen formulering?"
    )
    client.force_login(world.actor.user)
    page = client.get(reverse("coordination:answer", args=[plan_round.round.pk])).text
    assert "Vores egen formulering?" in page
    assert "Får du besked fra dem i tide" not in page


def test_a_municipality_can_set_its_own_levels(world, plan_round):
    for professional in plan_round.respondents[:3]:
        answer_as(professional, plan_round.round, score=4)
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    group = plan_round.round.groups.get().name
    assert selectors.compute_results(plan_round.round).tie(group, group).level == "medium"
    CoordinationSettings.objects.create(
        municipality=world.municipality, within_high=Decimal("3.9"), within_medium=Decimal("3.0")
    )
    assert selectors.compute_results(plan_round.round).tie(group, group).level == "high"


def test_the_admin_refuses_a_second_text_for_the_same_dimension(client, world):
    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    DimensionQuestion.objects.create(municipality=world.municipality, dimension="respect", text="A")
    client.force_login(admin)
    response = client.post(
        reverse("admin:coordination_dimensionquestion_add"),
        {"dimension": "respect", "text": "B"},
    )
    assert response.status_code == 200
    assert "Din kommune har allerede" in response.text
    assert DimensionQuestion.objects.count() == 1
    client.post(
        reverse("admin:coordination_dimensionquestion_add"), {"dimension": "timely", "text": "C"}
    )
    assert DimensionQuestion.objects.get(text="C").municipality == world.municipality
