"""The plan's goals are set with the citizen by the coordinator; the other professionals
on the plan propose a goal or a change in the log. A member's own words are the
citizen's, recorded by the coordinator on their behalf. The rule is the service's, so
the pages, the meetings' decisions and the API share it (docs/access.md)."""

import pytest
from django.core.exceptions import PermissionDenied

from enplan.plans import services
from enplan.plans.models import Goal, LogEntry
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db

REFUSAL_DA = "Kun planens koordinator ændrer dens mål. Foreslå et mål eller en ændring i loggen."


@pytest.fixture
def goal(world):
    return GoalFactory(plan=world.plan, title="Komme i job", life_area="job")


def test_a_professional_on_the_plan_cannot_add_a_goal(client, world):
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        {"title": "Komme i praktik", "life_area": "job", "status": "not_started"},
    )
    assert response.status_code == 403
    assert REFUSAL_DA in response.text
    assert not Goal.objects.exists()


def test_a_professional_on_the_plan_cannot_change_or_end_a_goal(client, world, goal):
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {"title": "Andet mål", "life_area": "job", "status": "abandoned", "version": 1},
    )
    assert response.status_code == 403
    goal.refresh_from_db()
    assert (goal.title, goal.status, goal.version) == ("Komme i job", "not_started", 1)


def test_the_service_refuses_them_too(world, goal):
    with pytest.raises(PermissionDenied):
        services.goal_create(user=world.actor.user, plan=world.plan, title="X", life_area="job")
    with pytest.raises(PermissionDenied):
        services.goal_update(
            user=world.actor.user, plan=world.plan, goal=goal, version=1, title="X"
        )
    goal.refresh_from_db()
    assert goal.title == "Komme i job"


def test_the_coordinator_changes_the_goal(client, world, goal):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {"title": "Komme i fleksjob", "life_area": "job", "status": "in_progress", "version": 1},
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert (goal.title, goal.status) == ("Komme i fleksjob", "in_progress")


def test_a_professional_proposes_a_change_in_the_log_about_the_goal(client, world, goal):
    client.force_login(world.actor.user)
    form = client.get(f"/plans/{world.plan.pk}/log/new/?goal={goal.pk}")
    assert form.status_code == 200
    assert f'<option value="{goal.pk}" selected>' in form.text
    client.post(
        f"/plans/{world.plan.pk}/log/new/",
        {
            "kind": "note",
            "text": "Forslag: målet kunne være fleksjob.",
            "goal": goal.pk,
            "occurred_on": "2026-11-30",
        },
    )
    assert LogEntry.objects.filter(goal=goal, author=world.actor.user).count() == 1


def _goals_page(world):
    return f"/plans/{world.plan.pk}/goals/"


def test_the_plan_shows_a_professional_how_to_propose_instead_of_edit_buttons(client, world, goal):
    client.force_login(world.actor.user)
    page = client.get(f"/plans/{world.plan.pk}/").text + client.get(_goals_page(world)).text
    assert f"/plans/{world.plan.pk}/goals/new/" not in page
    assert f"/plans/{world.plan.pk}/goals/{goal.pk}/" not in page
    assert f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/" not in page
    assert f"/plans/{world.plan.pk}/log/new/?goal={goal.pk}" in page
    assert "Foreslå en ændring" in page


def test_the_coordinator_sees_the_edit_buttons(client, world, goal):
    client.force_login(world.coordinator.user)
    page = client.get(f"/plans/{world.plan.pk}/").text + client.get(_goals_page(world)).text
    assert f"/plans/{world.plan.pk}/goals/new/" in page
    assert f"/plans/{world.plan.pk}/goals/{goal.pk}/" in page
    assert f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/" in page
    assert "Foreslå en ændring" not in page


def test_a_professional_cannot_rewrite_the_citizens_own_words(client, world):
    world.member.wishes = "Jeg vil have et job."
    world.member.save()
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/",
        {"wishes": "Borgeren ønsker aktivering.", "version": world.member.version},
    )
    assert response.status_code == 403
    assert "Skriv det, du hørte, i loggen." in response.text
    world.member.refresh_from_db()
    assert world.member.wishes == "Jeg vil have et job."
    with pytest.raises(PermissionDenied):
        services.member_update(
            user=world.actor.user,
            plan=world.plan,
            member=world.member,
            version=world.member.version,
            wishes="Aktivering",
            goal_areas=[],
        )


def test_the_coordinator_records_them_on_the_citizens_behalf(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/",
        {"wishes": "Jeg vil have et job.", "version": world.member.version},
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.wishes == "Jeg vil have et job."
