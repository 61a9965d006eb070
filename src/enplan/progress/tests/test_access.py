"""Who may reach the staircase's forms and the steering dashboard.

A plan's forms follow the plan's need-to-know rule (404 for anyone who may not see it);
the dashboard is for team leaders only, and 404 for everyone else."""

from datetime import date

import pytest
from django.urls import reverse

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db

PLAN_FORMS = ["progress:step_register", "progress:step_model_choose"]
DASHBOARD = [
    reverse("progress:dashboard"),
    reverse("progress:dashboard_export", args=["steps", "csv"]),
    reverse("progress:dashboard_export", args=["all", "xlsx"]),
]


def url(name, plan):
    return reverse(name, args=[plan.pk])


@pytest.mark.parametrize("name", PLAN_FORMS)
def test_a_professional_not_on_the_plan_gets_404(client, world, name):
    client.force_login(world.outsider.user)
    assert client.get(url(name, world.plan)).status_code == 404
    assert client.post(url(name, world.plan), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("name", PLAN_FORMS)
def test_an_actor_outside_the_consent_gets_404(client, world, name):
    client.force_login(world.uncovered_actor.user)
    assert client.get(url(name, world.plan)).status_code == 404


@pytest.mark.parametrize("name", PLAN_FORMS)
def test_a_plan_in_another_municipality_is_not_found(client, world, name):
    elsewhere = PlanFactory()
    client.force_login(world.coordinator.user)
    assert client.get(url(name, elsewhere)).status_code == 404


@pytest.mark.parametrize("name", PLAN_FORMS)
def test_a_team_leader_gets_404(client, leader, world, name):
    client.force_login(leader)
    assert client.get(url(name, world.plan)).status_code == 404


@pytest.mark.parametrize("name", PLAN_FORMS)
def test_anonymous_visitors_are_sent_to_the_login(client, world, name):
    response = client.get(url(name, world.plan))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_any_actor_who_sees_the_plan_may_register_a_step(client, world):
    client.force_login(world.actor.user)
    assert client.get(url("progress:step_register", world.plan)).status_code == 200


def test_only_the_coordinator_chooses_the_model(client, world):
    client.force_login(world.actor.user)
    assert client.get(url("progress:step_model_choose", world.plan)).status_code == 403
    client.force_login(world.coordinator.user)
    assert client.get(url("progress:step_model_choose", world.plan)).status_code == 200


@pytest.mark.parametrize("path", DASHBOARD)
def test_the_dashboard_is_for_team_leaders(client, leader, path):
    client.force_login(leader)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", DASHBOARD)
@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.ADMIN])
def test_everyone_else_gets_404_from_the_dashboard(client, world, path, role):
    client.force_login(UserFactory(municipality=world.municipality, role=role, is_staff=True))
    assert client.get(path).status_code == 404
    client.force_login(world.coordinator.user)
    assert client.get(path).status_code == 404


def test_a_leader_without_a_municipality_gets_404(client):
    client.force_login(UserFactory(municipality=None, role=Role.LEADER))
    assert client.get(DASHBOARD[0]).status_code == 404


@pytest.mark.parametrize("path", DASHBOARD)
def test_anonymous_visitors_are_sent_to_the_login_from_the_dashboard(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_leader_still_gets_404_for_every_plan_page(client, leader, world):
    client.force_login(leader)
    assert client.get(reverse("plans:detail", args=[world.plan.pk])).status_code == 404


def test_the_steering_figures_themselves_are_for_team_leaders_only(world):
    """The figures' own selector asks the access rule, as the dashboard, its exports and
    the benchmark all call it: a caseworker gets 404 even for the group of all plans."""
    from django.http import Http404

    from enplan.progress import steering

    period = steering.Period(start=date(2026, 3, 1), end=date(2026, 3, 31))
    with pytest.raises(Http404):
        steering.steering_figures(world.coordinator.user, period=period, group=steering.Group())
