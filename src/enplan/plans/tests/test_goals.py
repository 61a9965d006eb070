import pytest

from enplan.core.models import AuditEvent
from enplan.plans.models import Goal
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_adds_a_goal_in_place_with_htmx(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        {"title": "Komme i praktik", "life_area": "job", "status": "not_started"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#goals"
    assert "Komme i praktik" in response.text
    assert 'data-hx-swap-oob="true"' in response.text  # summary, deviations and log refresh too
    goal = Goal.objects.get(title="Komme i praktik")
    assert goal.plan == world.plan
    assert goal.municipality == world.municipality
    assert AuditEvent.objects.filter(
        action="create", object_type="plans.goal", object_id=str(goal.pk)
    ).exists()


def test_without_javascript_the_form_redirects_back_to_the_section(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        {"title": "Egen bolig", "life_area": "housing", "status": "not_started"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#goals")


def test_a_goal_without_a_title_is_refused_and_nothing_is_saved(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        {"title": "", "life_area": "job", "status": "not_started"},
        HTTP_HX_REQUEST="true",
    )
    assert "Dette felt er påkrævet." in response.text
    assert not Goal.objects.exists()


def test_editing_a_goal_records_who_changed_what(client, world):
    goal = GoalFactory(plan=world.plan, title="Gammelt mål")
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {"title": "Nyt mål", "life_area": "job", "status": "in_progress", "version": goal.version},
    )
    goal.refresh_from_db()
    assert (goal.title, goal.status, goal.version) == ("Nyt mål", "in_progress", 2)
    event = AuditEvent.objects.get(action="change", object_type="plans.goal")
    assert event.changed_fields == ["status", "title"]
    latest = goal.history.first()
    assert latest.history_user == world.coordinator.user


def test_a_goal_of_another_plan_cannot_be_edited_through_this_plan(client, world):
    foreign = GoalFactory()
    client.force_login(world.coordinator.user)
    assert client.get(f"/plans/{world.plan.pk}/goals/{foreign.pk}/").status_code == 404
