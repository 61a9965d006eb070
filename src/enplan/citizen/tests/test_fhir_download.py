"""The citizen's data as a FHIR R4 Bundle: valid, theirs, with their own access log."""

import pytest
from fhir.resources.R4B import get_fhir_model_class

from enplan.citizen.tests.factories import with_login
from enplan.core.models import AuditAction, AuditEvent
from enplan.plans.fhir import CPR_SYSTEM
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_the_fhir_bundle_is_valid_and_holds_my_plan_and_my_log(client, family):
    GoalFactory(plan=family.plan, member=family.mother, title="Mit mål")
    GoalFactory(plan=family.plan, member=family.partner, title="Peters mål")
    client.force_login(family.coordinator.user)
    client.get(f"/plans/{family.plan.pk}/")
    client.force_login(with_login(family.mother))
    response = client.get(f"/borger/plan/{family.plan.pk}/mine-data/fhir.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    bundle = response.json()
    get_fhir_model_class("Bundle").model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    for resource in resources:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    goals = [r["description"]["text"] for r in resources if r["resourceType"] == "Goal"]
    assert goals == ["Mit mål"]
    cprs = [
        i["value"]
        for r in resources
        if r["resourceType"] == "Patient"
        for i in r["identifier"]
        if i["system"] == CPR_SYSTEM
    ]
    assert cprs == [family.mother.citizen.cpr.replace("-", "")]
    assert any(r["resourceType"] == "AuditEvent" for r in resources)
    assert AuditEvent.objects.filter(
        plan_id=family.plan.pk, action=AuditAction.EXPORT, user__citizen=family.mother.citizen
    ).exists()
