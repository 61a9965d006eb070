"""Every call is audited as the system, so the citizen's Min log shows the system's name
and what it did."""

import pytest

from enplan.citizen import selectors as citizen_selectors
from enplan.core.models import AuditAction, AuditEvent, Role
from enplan.core.tests.factories import UserFactory
from enplan.plans import access as plan_access

pytestmark = pytest.mark.django_db


def test_reading_a_plan_is_audited_as_the_system_with_its_department(momentum, world):
    momentum.get(f"/api/v1/plans/{world.plan.pk}/interventions")
    event = AuditEvent.objects.get(plan_id=world.plan.pk, action=AuditAction.VIEW)
    assert event.user == momentum.system.user
    assert event.actor_role == "Jobcentrets system (Momentum)"
    assert event.actor_organisation == "Jobcentret, Center for Arbejdsmarked"
    assert event.path == f"/api/v1/plans/{world.plan.pk}/interventions"


def test_listing_plans_is_audited_as_a_listing(momentum, world):
    momentum.get("/api/v1/plans")
    event = AuditEvent.objects.get(object_type="api.plans")
    assert event.user == momentum.system.user


def test_the_fhir_bundle_is_audited_as_an_export(momentum, world):
    momentum.get(f"/api/v1/plans/{world.plan.pk}/fhir")
    assert AuditEvent.objects.filter(
        plan_id=world.plan.pk, action=AuditAction.EXPORT, user=momentum.system.user
    ).exists()


def test_min_log_shows_the_systems_name_and_what_it_did(momentum, world):
    momentum.post(f"/api/v1/plans/{world.plan.pk}/log", {"text": "Samtale holdt."})
    citizen = world.member.citizen
    user = UserFactory(municipality=world.municipality, role=Role.CITIZEN)
    citizen.user = user
    citizen.save()
    scope = plan_access.citizen_scope(user, world.plan)
    rows = [
        citizen_selectors.access_row(e)
        for e in citizen_selectors.access_events(user, world.plan, scope)
    ]
    written = [r for r in rows if r.role == "Jobcentrets system (Momentum)"]
    assert written, rows
    assert written[0].organisation == "Jobcentret, Center for Arbejdsmarked"
    assert str(written[0].purpose) == "Skrev et notat i planen"
