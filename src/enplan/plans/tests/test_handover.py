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


def test_the_new_coordinator_joins_the_network_and_the_old_one_leaves_it(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.plans.models import Actor
    from enplan.plans.tests.factories import ActorFactory

    ActorFactory(
        plan=world.plan,
        professional=world.coordinator,
        started_on=timezone.localdate() - timedelta(days=30),
    )
    successor = ProfessionalFactory(department=world.department)
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/handover/",
        {"to_coordinator": successor.pk, "note": "Overdraget", "version": world.plan.version},
    )
    today = timezone.localdate()
    assert Actor.objects.active_on(today).filter(plan=world.plan, professional=successor).exists()
    old = Actor.objects.get(plan=world.plan, professional=world.coordinator)
    assert old.ended_on == today - timedelta(days=1)


def test_the_previous_coordinator_may_stay_in_the_network(client, world):
    from django.utils import timezone

    from enplan.plans.models import Actor

    successor = ProfessionalFactory(department=world.department)
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/handover/",
        {
            "to_coordinator": successor.pk,
            "note": "Jeg fortsætter som sagsbehandler",
            "previous_stays_in_network": "on",
            "version": world.plan.version,
        },
    )
    today = timezone.localdate()
    assert (
        Actor.objects.active_on(today)
        .filter(plan=world.plan, professional=world.coordinator)
        .exists()
    )
    # Within the consent, so the plan stays on their caseload.
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 200
