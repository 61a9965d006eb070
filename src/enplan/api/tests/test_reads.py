"""The read resources: pagination, ETags, changed-since, meetings with their decisions,
consent and the staircase."""

from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.utils import timezone

from enplan.meetings.models import Decision, Meeting
from enplan.plans.models import Goal
from enplan.plans.tests.factories import (
    ConsentFactory,
    GoalFactory,
    PlanFactory,
    PlanMemberFactory,
)

pytestmark = pytest.mark.django_db


def test_plans_come_in_pages(momentum, world):
    for _ in range(3):
        plan = PlanFactory(coordinator=world.coordinator)
        member = PlanMemberFactory(plan=plan)
        ConsentFactory(plan=plan, given_by=member, departments=[world.department])
    first = momentum.get("/api/v1/plans", {"page_size": 2}).json()
    assert first["count"] == 4
    assert len(first["items"]) == 2
    assert first["next_page"] == 2
    second = momentum.get("/api/v1/plans", {"page_size": 2, "page": 2}).json()
    assert second["next_page"] is None
    assert {p["id"] for p in first["items"] + second["items"]} == set(
        PlanFactory._meta.model.objects.values_list("pk", flat=True)
    )


def test_a_plan_carries_its_version_as_etag(momentum, world):
    response = momentum.get(f"/api/v1/plans/{world.plan.pk}")
    assert response["ETag"] == f'"v{world.plan.version}"'
    assert momentum.get("/api/v1/plans")["ETag"].startswith('W/"')


def test_changed_since_finds_the_plans_where_something_changed(momentum, world):
    quiet = PlanFactory(coordinator=world.coordinator)
    member = PlanMemberFactory(plan=quiet)
    ConsentFactory(plan=quiet, given_by=member, departments=[world.department])
    since = timezone.now() + timedelta(minutes=1)
    goal = GoalFactory(plan=world.plan)
    Goal.history.filter(id=goal.pk).update(history_date=since + timedelta(minutes=1))
    items = momentum.get("/api/v1/plans", {"changed_since": since.isoformat()}).json()["items"]
    assert [p["id"] for p in items] == [world.plan.pk]


def test_changed_since_takes_any_offset_iso_8601_allows(momentum, world):
    since = timezone.now() - timedelta(minutes=5)
    # The same moment, written 23 hours 43 minutes east of UTC (past PostgreSQL's ±15:59).
    far_east = since.astimezone(dt_timezone(timedelta(hours=23, minutes=43)))
    response = momentum.get("/api/v1/plans", {"changed_since": far_east.isoformat()})
    assert response.status_code == 200
    same = momentum.get("/api/v1/plans", {"changed_since": since.isoformat()})
    assert [p["id"] for p in response.json()["items"]] == [world.plan.pk]
    assert response.json()["items"] == same.json()["items"]


def test_meetings_come_with_their_decisions(momentum, world):
    meeting = Meeting.objects.create(
        municipality=world.municipality,
        plan=world.plan,
        kind="network",
        starts_at=timezone.now(),
        status="held",
        created_by=world.coordinator.user,
    )
    Decision.objects.create(
        municipality=world.municipality,
        meeting=meeting,
        text="Praktik fra januar",
        effect="none",
        created_by=world.coordinator.user,
    )
    items = momentum.get(f"/api/v1/plans/{world.plan.pk}/meetings").json()["items"]
    assert items[0]["id"] == meeting.pk
    assert items[0]["decisions"][0]["text"] == "Praktik fra januar"


def test_consent_names_the_departments_it_covers(momentum, world):
    items = momentum.get(f"/api/v1/plans/{world.plan.pk}/consents").json()["items"]
    assert items[0]["department_ids"] == [world.department.pk]
    assert items[0]["covers_ids"] == [world.member.pk]


def test_the_network_names_each_professionals_department(momentum, world):
    items = momentum.get(f"/api/v1/plans/{world.plan.pk}/actors").json()["items"]
    by_professional = {a["professional_id"]: a for a in items}
    assert by_professional[world.actor.pk]["department"]["name"] == "Jobcentret"


def test_step_registrations_are_read(momentum, world):
    response = momentum.get(f"/api/v1/plans/{world.plan.pk}/step-registrations")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_a_huge_id_or_page_is_bad_input_not_an_error(momentum, world):
    assert momentum.get(f"/api/v1/plans/{2**70}").status_code == 422
    assert momentum.get("/api/v1/plans", {"page": 0}).status_code == 422
    assert (
        momentum.get("/api/v1/plans", {"changed_since": "0001-01-01T00:00:00"}).status_code == 200
    )


def test_a_number_for_changed_since_is_refused_not_read_as_seconds_since_1970(momentum):
    response = momentum.get("/api/v1/plans", {"changed_since": "1700000000"})
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
