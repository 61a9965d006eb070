"""The plan in FHIR R4: every resource the product produces is valid.

`fhir.resources` validates against the R4B models (R4B changed none of the resources
mapped here from R4).
"""

import pytest
from fhir.resources.R4B import get_fhir_model_class

from enplan.plans.fhir import CPR_SYSTEM
from enplan.plans.tests.factories import GoalFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def valid(resource: dict):
    """The resource parsed and validated by the FHIR model of its type (raises if not)."""
    return get_fhir_model_class(resource["resourceType"]).model_validate(resource)


def test_the_plans_bundle_is_valid_fhir_with_every_part(momentum, world):
    goal = GoalFactory(plan=world.plan, member=world.member, target_date="2027-06-01")
    effort = InterventionFactory(
        plan=world.plan, department=world.department, status="paused", status_reason="Syg"
    )
    effort.goals.add(goal)
    response = momentum.get(f"/api/v1/plans/{world.plan.pk}/fhir")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    bundle = valid(response.json())
    types = sorted(e.resource.__resource_type__ for e in bundle.entry)
    assert types == sorted(["CarePlan", "CareTeam", "Patient", "Goal", "ServiceRequest", "Consent"])
    for entry in response.json()["entry"]:
        valid(entry["resource"])
    patient = next(
        e["resource"]
        for e in response.json()["entry"]
        if e["resource"]["resourceType"] == "Patient"
    )
    assert patient["identifier"][0] == {
        "system": CPR_SYSTEM,
        "value": world.member.citizen.cpr.replace("-", ""),
    }
    request = next(
        e["resource"]
        for e in response.json()["entry"]
        if e["resource"]["resourceType"] == "ServiceRequest"
    )
    assert request["status"] == "on-hold"
    assert request["supportingInfo"] == [{"reference": f"Goal/goal-{goal.pk}"}]


@pytest.mark.parametrize(
    ("resource_type", "prefix"),
    [
        ("CarePlan", "plan"),
        ("CareTeam", "plan"),
        ("Patient", "member"),
        ("Goal", "goal"),
        ("ServiceRequest", "intervention"),
        ("Consent", "consent"),
    ],
)
def test_each_resource_is_read_on_its_own(momentum, world, resource_type, prefix):
    ids = {
        "plan": world.plan.pk,
        "member": world.member.pk,
        "goal": GoalFactory(plan=world.plan).pk,
        "intervention": InterventionFactory(plan=world.plan, department=world.department).pk,
        "consent": world.plan.consents.get().pk,
    }
    response = momentum.get(f"/api/v1/fhir/{resource_type}/{prefix}-{ids[prefix]}")
    assert response.status_code == 200, response.content
    resource = valid(response.json())
    assert resource.id == f"{prefix}-{ids[prefix]}"


def test_a_resource_of_a_plan_the_system_may_not_see_is_not_found(momentum, world):
    other = GoalFactory()
    assert momentum.get(f"/api/v1/fhir/Goal/goal-{other.pk}").status_code == 404
    assert momentum.get(f"/api/v1/fhir/Goal/plan-{world.plan.pk}").status_code == 404


def test_a_household_plans_subject_is_a_group_of_its_members(momentum, world):
    from enplan.plans.tests.factories import PlanMemberFactory

    world.plan.kind = "household"
    world.plan.save()
    child = PlanMemberFactory(plan=world.plan, role="child")
    world.plan.consents.get().covers.add(child)
    bundle = momentum.get(f"/api/v1/plans/{world.plan.pk}/fhir").json()
    valid(bundle)
    group = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Group")
    assert len(group["member"]) == 2
