"""Need-to-know, view by view: every URL of a plan answers 404 to anyone who may not see
the plan, and coordinator-only actions answer 403 to the rest of the network."""

import pytest

from enplan.core.models import AuditEvent
from enplan.plans.tests.urls_under_test import PLAN_URLS, WRITABLE_URLS, furnish, url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    return furnish(world.plan, world.member, world.department)


@pytest.mark.parametrize("name", PLAN_URLS)
def test_a_professional_not_on_the_plan_gets_404(client, world, objects, name):
    client.force_login(world.outsider.user)
    assert client.get(url_for(name, objects)).status_code == 404


@pytest.mark.parametrize("name", WRITABLE_URLS)
def test_a_professional_not_on_the_plan_cannot_post_either(client, world, objects, name):
    client.force_login(world.outsider.user)
    assert client.post(url_for(name, objects), {"title": "x"}).status_code == 404


@pytest.mark.parametrize("name", PLAN_URLS)
def test_an_actor_outside_the_consent_gets_404(client, world, objects, name):
    client.force_login(world.uncovered_actor.user)
    assert client.get(url_for(name, objects)).status_code == 404


@pytest.mark.parametrize("name", PLAN_URLS)
def test_a_team_leader_gets_404(client, leader, objects, name):
    client.force_login(leader)
    assert client.get(url_for(name, objects)).status_code == 404


@pytest.mark.parametrize("name", PLAN_URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, objects, name):
    response = client.get(url_for(name, objects))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", PLAN_URLS)
def test_the_coordinator_can_open_every_page(client, world, objects, name):
    client.force_login(world.coordinator.user)
    assert client.get(url_for(name, objects)).status_code == 200


@pytest.mark.parametrize("name", PLAN_URLS)
def test_an_actor_can_open_the_network_pages_but_not_the_coordinators(client, world, objects, name):
    client.force_login(world.actor.user)
    expected = 403 if PLAN_URLS[name][1] else 200
    assert client.get(url_for(name, objects)).status_code == expected


def test_a_refused_request_writes_no_view_event(client, world, objects):
    client.force_login(world.outsider.user)
    client.get(url_for("plans:detail", objects))
    assert not AuditEvent.objects.filter(user=world.outsider.user).exists()
