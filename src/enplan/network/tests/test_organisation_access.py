"""The citizen's organisation is part of the plan: every page and export follows the
plan's access rule, and every one writes its audit event."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditAction, AuditEvent
from enplan.network.tests.factories import DevelopmentPointFactory
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans.models import Actor

pytestmark = pytest.mark.django_db

# url name -> extra kwargs
URLS = {
    "network:map": lambda o: {},
    "network:map_svg": lambda o: {},
    "network:map_png": lambda o: {},
    "network:actor_add": lambda o: {},
    "network:actor_end": lambda o: {"actor_pk": o["actor"].pk},
    "network:rate": lambda o: {},
    "network:point_create": lambda o: {},
    "network:point_edit": lambda o: {"point_pk": o["point"].pk},
}
EXPORTS = {"network:map_svg", "network:map_png"}


@pytest.fixture
def objects(world):
    return {
        "actor": Actor.objects.get(plan=world.plan, professional=world.actor),
        "point": DevelopmentPointFactory(plan=world.plan),
    }


def url(world, objects, name):
    return reverse(name, kwargs={"pk": world.plan.pk, **URLS[name](objects)})


@pytest.mark.parametrize("name", URLS)
def test_a_professional_not_on_the_plan_gets_404(client, world, objects, name):
    client.force_login(world.outsider.user)
    assert client.get(url(world, objects, name)).status_code == 404
    assert client.post(url(world, objects, name), {}).status_code in (404, 405)


@pytest.mark.parametrize("name", URLS)
def test_an_actor_outside_the_consent_gets_404(client, world, objects, name):
    client.force_login(world.uncovered_actor.user)
    assert client.get(url(world, objects, name)).status_code == 404


@pytest.mark.parametrize("name", URLS)
def test_a_professional_of_another_municipality_gets_404(client, world, objects, name):
    client.force_login(ProfessionalFactory().user)
    assert client.get(url(world, objects, name)).status_code == 404


@pytest.mark.parametrize("name", URLS)
def test_a_team_leader_gets_404(client, leader, world, objects, name):
    client.force_login(leader)
    assert client.get(url(world, objects, name)).status_code == 404


@pytest.mark.parametrize("name", URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, world, objects, name):
    response = client.get(url(world, objects, name))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", URLS)
def test_the_coordinator_and_an_actor_in_the_network_can_open_every_page(
    client, world, objects, name
):
    for professional in (world.coordinator, world.actor):
        client.force_login(professional.user)
        assert client.get(url(world, objects, name)).status_code == 200


def test_opening_the_map_is_audited_as_a_view_of_the_plan(client, world, objects):
    client.force_login(world.actor.user)
    client.get(url(world, objects, "network:map") + "?on=2026-01-01")
    event = AuditEvent.objects.get(user=world.actor.user)
    assert event.action == AuditAction.VIEW
    assert event.plan_id == world.plan.pk
    assert event.path.endswith("?on=2026-01-01")


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_export_is_audited_as_an_export(client, world, objects, name):
    client.force_login(world.coordinator.user)
    client.get(url(world, objects, name))
    event = AuditEvent.objects.get(user=world.coordinator.user)
    assert event.action == AuditAction.EXPORT
    assert event.plan_id == world.plan.pk
    assert event.path == url(world, objects, name)


def test_a_refused_request_writes_no_audit_event(client, world, objects):
    client.force_login(world.outsider.user)
    client.get(url(world, objects, "network:map_png"))
    assert not AuditEvent.objects.filter(user=world.outsider.user).exists()
