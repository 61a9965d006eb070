import pytest

from enplan.core.models import AuditEvent
from enplan.organisation.tests.factories import ExternalProfessionalFactory, ProfessionalFactory
from enplan.plans.models import CoordinatorHandover

pytestmark = pytest.mark.django_db


def test_the_coordinator_hands_over_with_a_note_and_loses_access(client, world):
    successor = ProfessionalFactory(department=world.department)
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/handover/",
        {
            "to_coordinator": successor.pk,
            "note": "Maja kender dig fra mødet i maj.",
            "version": world.plan.version,
        },
    )
    world.plan.refresh_from_db()
    assert world.plan.coordinator == successor
    handover = CoordinatorHandover.objects.get()
    assert handover.from_coordinator == world.coordinator
    assert handover.note == "Maja kender dig fra mødet i maj."
    assert world.plan.log_entries.filter(text__contains="overdraget").exists()
    assert AuditEvent.objects.filter(action="change", changed_fields=["coordinator"]).exists()
    # The previous coordinator is no actor on the plan, so they are sent to their caseload.
    assert response["Location"] == "/plans/"
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 404


def test_the_new_coordinator_must_have_a_login(client, world):
    gp = ExternalProfessionalFactory(municipality=world.municipality)
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/handover/",
        {"to_coordinator": gp.pk, "note": "x", "version": world.plan.version},
    )
    assert response.status_code == 200
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator


def test_a_network_actor_cannot_take_over_the_plan(client, world):
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/handover/",
        {"to_coordinator": world.actor.pk, "note": "x", "version": world.plan.version},
    )
    assert response.status_code == 403
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator
