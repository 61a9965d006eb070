"""Editing an existing goal or intervention saves the change."""

import pytest

from enplan.plans.tests.factories import GoalFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def test_an_edited_goal_is_saved(client, world):
    goal = GoalFactory(plan=world.plan, title="Gammel titel")
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {"title": "Ny titel", "life_area": "job", "status": "in_progress", "version": goal.version},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.status, goal.version) == ("Ny titel", "in_progress", 2)


def test_an_edited_intervention_is_saved(client, world):
    intervention = InterventionFactory(
        plan=world.plan, department=world.department, legislation=world.legislation
    )
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/{intervention.pk}/",
        {
            "title": "Mentorstøtte",
            "department": world.department.pk,
            "legislation": world.legislation.pk,
            "status": "active",
            "actual_start": "2026-01-05",
            "version": intervention.version,
        },
    )
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.title == "Mentorstøtte"
    assert intervention.status == "active"
    assert str(intervention.actual_start) == "2026-01-05"
