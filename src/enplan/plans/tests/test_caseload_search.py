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


@pytest.mark.parametrize("typed", ["Nørgaard", "norgaard", "NOERGAARD", "nørgård", "ørga"])
def test_a_name_is_found_whatever_its_case_accents_and_danish_letters(client, family, typed):
    mona = family.plan.members.get(citizen__first_name="Mona").citizen
    mona.last_name = "Nørgaard"
    mona.save(update_fields=["last_name"])
    assert family.plan in found(client, family.actor, typed)


def test_a_name_that_is_not_there_finds_nothing(client, family):
    assert found(client, family.coordinator, "Zacharias") == []


@pytest.mark.parametrize("dash", [True, False])
def test_a_citizen_is_found_by_cpr_number_with_or_without_the_dash(client, family, dash):
    mona = family.plan.members.get(citizen__first_name="Mona").citizen
    typed = mona.cpr if dash else mona.cpr.replace("-", "")
    assert family.plan in found(client, family.actor, typed)


def test_a_cpr_number_does_not_find_a_member_the_actor_may_not_see(client, family):
    peter = family.plan.members.get(citizen__first_name="Peter").citizen
    assert family.plan not in found(client, family.actor, peter.cpr.replace("-", ""))
