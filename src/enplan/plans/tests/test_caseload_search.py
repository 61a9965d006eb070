"""Searching the caseload by a person's name finds a household's plan only through the
members whose part the professional may see: the search must not tell that a person they
may not see belongs to the household."""

import pytest

from enplan.citizen.tests.factories import make_family

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(world):
    return make_family(world)  # Peter, the partner, gave no consent


def found(client, professional, query):
    client.force_login(professional.user)
    response = client.get("/plans/", {"q": query})
    return [row.plan for row in response.context["rows"]]


def test_an_actor_finds_the_plan_by_a_member_they_may_see(client, family):
    assert family.plan in found(client, family.actor, "Mona")


def test_an_actor_does_not_find_the_plan_by_a_member_they_may_not_see(client, family):
    assert family.plan not in found(client, family.actor, "Peter")


def test_the_coordinator_finds_the_plan_by_any_member(client, family):
    assert family.plan in found(client, family.coordinator, "Peter")
