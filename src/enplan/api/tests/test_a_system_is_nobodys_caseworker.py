"""A department's system acts for its department, but it is no person: the forms never
offer it as responsible, coordinator or someone in the network."""

import pytest

from enplan.api.tests.conftest import issue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["interventions/new/", "handover/", "network/new/"])
def test_the_plans_forms_do_not_offer_the_system(client, world, page):
    issue(world)
    client.force_login(world.coordinator.user)
    response = client.get(f"/plans/{world.plan.pk}/{page}")
    assert response.status_code == 200
    assert "Jobcentrets system (Momentum)" not in response.text
    assert world.actor.name in response.text
