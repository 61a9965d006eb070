"""A system sees exactly what a professional of its department may see: the plans its
department takes part in within the citizen's consent, and nothing of another
municipality or another department."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.api.tests.conftest import issue, system_client
from enplan.core.tests.factories import MunicipalityFactory
from enplan.organisation.tests.factories import DepartmentFactory, ProfessionalFactory
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    GoalFactory,
    PlanFactory,
    PlanMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_the_departments_system_lists_the_plans_its_department_takes_part_in(momentum, world):
    elsewhere = PlanFactory(coordinator=ProfessionalFactory(department=world.other_department))
    PlanMemberFactory(plan=elsewhere)
    response = momentum.get("/api/v1/plans")
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["items"]] == [world.plan.pk]
    assert response.json()["items"][0]["title"] == "Maja Holm"


def test_a_plan_whose_consent_does_not_cover_the_department_is_not_seen(client, world):
    # The department of the uncovered actor takes part in the plan, without consent.
    api = system_client(client, issue(world, department=world.other_department, name="Nexus"))
    assert api.get("/api/v1/plans").json()["items"] == []
    assert api.get(f"/api/v1/plans/{world.plan.pk}").status_code == 404
    assert api.get(f"/api/v1/plans/{world.plan.pk}/interventions").status_code == 404


def test_a_system_of_another_municipality_sees_nothing(client, world):
    other = DepartmentFactory(area__municipality=MunicipalityFactory())
    api = system_client(client, issue(world, department=other, name="Momentum"))
    assert api.get("/api/v1/plans").json()["count"] == 0
    for path in ("", "/members", "/goals", "/log", "/meetings", "/actors", "/consents", "/fhir"):
        response = api.get(f"/api/v1/plans/{world.plan.pk}{path}")
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"


def test_a_department_that_left_the_plan_no_longer_sees_it(client, world):
    plan = PlanFactory(coordinator=ProfessionalFactory(department=world.other_department))
    member = PlanMemberFactory(plan=plan)
    ConsentFactory(plan=plan, given_by=member, departments=[world.department])
    actor = ActorFactory(plan=plan, professional=world.actor)
    api = system_client(client, issue(world))
    assert plan.pk in [p["id"] for p in api.get("/api/v1/plans").json()["items"]]
    today = timezone.localdate()
    actor.started_on, actor.ended_on = today - timedelta(days=30), today - timedelta(days=1)
    actor.save()
    assert plan.pk not in [p["id"] for p in api.get("/api/v1/plans").json()["items"]]


def test_within_a_household_only_the_members_the_consent_covers_are_shown(momentum, world):
    sibling = PlanMemberFactory(plan=world.plan, role="child")
    GoalFactory(plan=world.plan, member=sibling, title="Skjult mål")
    shared = GoalFactory(plan=world.plan, member=None, title="Fælles mål")
    members = momentum.get(f"/api/v1/plans/{world.plan.pk}/members").json()["items"]
    assert [m["id"] for m in members] == [world.member.pk]
    assert members[0]["masked_cpr"].endswith("xxxx")
    goals = momentum.get(f"/api/v1/plans/{world.plan.pk}/goals").json()["items"]
    assert [g["id"] for g in goals] == [shared.pk]


def test_private_persons_kept_from_the_professionals_are_not_in_the_network(momentum, world):
    from enplan.plans.tests.factories import PrivateActorFactory

    hidden = PrivateActorFactory(plan=world.plan, visible_to_professionals=False)
    shown = PrivateActorFactory(plan=world.plan)
    ids = [a["id"] for a in momentum.get(f"/api/v1/plans/{world.plan.pk}/actors").json()["items"]]
    assert shown.pk in ids
    assert hidden.pk not in ids
