"""A system registers and changes its own department's efforts, with optimistic locking,
and is refused another department's."""

import pytest

from enplan.core.models import AuditEvent
from enplan.plans.models import Intervention
from enplan.plans.tests.factories import GoalFactory, InterventionFactory

pytestmark = pytest.mark.django_db

MESSAGE_DA = "Indsatsen er startet: Skriv datoen, den faktisk startede."


def new_effort(world, **overrides):
    return {
        "title": "Mentorforløb",
        "legislation_id": world.legislation.pk,
        "agreed_start": "2026-12-01",
        "monthly_cost": "4800.00",
    } | overrides


def url(world, pk=None):
    base = f"/api/v1/plans/{world.plan.pk}/interventions"
    return f"{base}/{pk}" if pk else base


def test_a_system_registers_an_effort_of_its_own_department(momentum, world):
    goal = GoalFactory(plan=world.plan)
    response = momentum.post(url(world), new_effort(world, goal_ids=[goal.pk]))
    assert response.status_code == 201, response.content
    body = response.json()
    effort = Intervention.objects.get(pk=body["id"])
    assert effort.department == world.department
    assert effort.title == "Mentorforløb"
    assert list(effort.goals.all()) == [goal]
    assert response["ETag"] == '"v1"'
    assert response["Location"] == url(world, effort.pk)
    event = AuditEvent.objects.get(object_type="plans.intervention", object_id=str(effort.pk))
    assert event.user == momentum.system.user
    assert event.actor_role == "Jobcentrets system (Momentum)"
    assert event.actor_organisation.startswith("Jobcentret")


def test_the_department_of_a_new_effort_is_always_the_systems_own(momentum, world):
    body = new_effort(world, department_id=world.other_department.pk)
    response = momentum.post(url(world), body)
    assert response.status_code == 201
    assert response.json()["department"]["id"] == world.department.pk


def test_a_system_changes_its_effort_with_the_etag_it_read(momentum, world):
    effort = InterventionFactory(plan=world.plan, department=world.department)
    etag = momentum.get(url(world, effort.pk))["ETag"]
    response = momentum.patch(
        url(world, effort.pk),
        {"status": "active", "actual_start": "2026-11-02"},
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    effort.refresh_from_db()
    assert effort.status == "active"
    assert response["ETag"] == f'"v{effort.version}"' != etag


def test_a_change_against_an_old_etag_is_refused_with_what_changed(momentum, world):
    effort = InterventionFactory(plan=world.plan, department=world.department, title="Mentor")
    etag = momentum.get(url(world, effort.pk))["ETag"]
    first = momentum.patch(url(world, effort.pk), {"title": "Mentor, 10 timer"}, HTTP_IF_MATCH=etag)
    assert first.status_code == 200
    second = momentum.patch(url(world, effort.pk), {"title": "Mentor, 5 timer"}, HTTP_IF_MATCH=etag)
    assert second.status_code == 412
    problem = second.json()
    assert problem["type"] == "urn:enplan:problem:edit-conflict"
    assert {"field": "Indsats", "before": "Mentor", "after": "Mentor, 10 timer"} in problem[
        "changes"
    ]
    assert problem["changed_by"] == "Jobcentrets system (Momentum)"
    assert problem["current_etag"] == first["ETag"]
    effort.refresh_from_db()
    assert effort.title == "Mentor, 10 timer"


def test_a_change_without_if_match_is_refused_with_428(momentum, world):
    effort = InterventionFactory(plan=world.plan, department=world.department)
    response = momentum.patch(url(world, effort.pk), {"title": "Nyt navn"})
    assert response.status_code == 428
    response = momentum.patch(url(world, effort.pk), {"title": "Nyt navn"}, HTTP_IF_MATCH="3")
    assert response.status_code == 400
    effort.refresh_from_db()
    assert effort.title != "Nyt navn"


def test_another_departments_effort_cannot_be_changed(momentum, world):
    effort = InterventionFactory(plan=world.plan, department=world.other_department)
    response = momentum.get(url(world, effort.pk))
    assert response.status_code == 200  # it may be read: it is on a plan the system sees
    changed = momentum.patch(
        url(world, effort.pk), {"title": "Overtaget"}, HTTP_IF_MATCH=response["ETag"]
    )
    assert changed.status_code == 403
    # The problem document says why and what to do instead, as the page does.
    assert changed.json()["detail"] == (
        "En indsats ændres af dens egen afdeling og af koordinatoren. "
        "Skriv et notat om den, eller foreslå ændringen til dem."
    )
    effort.refresh_from_db()
    assert effort.title != "Overtaget"


def test_a_system_writes_no_goals_and_no_members_own_words(momentum, world):
    """Goals and wishes are the coordinator's and the citizen's (docs/access.md): the API
    only reads them; a system proposes through a log entry."""
    goals = momentum.post(f"/api/v1/plans/{world.plan.pk}/goals", {"title": "Job"})
    members = momentum.post(f"/api/v1/plans/{world.plan.pk}/members", {"wishes": "Job"})
    assert (goals.status_code, members.status_code) == (405, 405)


def test_bad_input_is_422_with_the_fields_named_in_danish(momentum, world):
    response = momentum.post(
        url(world), new_effort(world, status="ended", title="  ", monthly_cost="-1")
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"title", "monthly_cost"} <= fields
    assert response.json()["title"] == "Forespørgslen var ikke gyldig."
    response = momentum.post(url(world), new_effort(world, status="active"))
    assert response.status_code == 422
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["actual_start"] == MESSAGE_DA
    assert not Intervention.objects.filter(plan=world.plan).exists()


def test_errors_are_in_english_when_the_system_asks_for_it(momentum, world):
    response = momentum.post(
        url(world), new_effort(world, legislation_id=10**12), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 422
    assert response["Content-Language"] == "en"
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors["legislation_id"] == "There is no law with this id in the municipality."


def test_a_law_of_another_municipality_is_not_found(momentum, world):
    from enplan.organisation.tests.factories import LegislationFactory

    foreign = LegislationFactory()
    response = momentum.post(url(world), new_effort(world, legislation_id=foreign.pk))
    assert response.status_code == 422
    assert not Intervention.objects.filter(plan=world.plan).exists()


def test_an_unparseable_body_is_a_problem_not_an_error(momentum, world):
    response = momentum.client.post(
        url(world),
        "{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {momentum.token}",
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"
