"""A user of one municipality cannot reach any object of another by URL, whatever their
role, even where the other municipality's data would name them."""

import pytest

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import DepartmentFactory, ProfessionalFactory
from enplan.plans.tests.factories import ActorFactory, PlanFactory, PlanMemberFactory
from enplan.plans.tests.urls_under_test import PLAN_URLS, WRITABLE_URLS, furnish, url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign():
    department = DepartmentFactory()
    plan = PlanFactory(coordinator=ProfessionalFactory(department=department))
    member = PlanMemberFactory(plan=plan)
    return furnish(plan, member, department)


@pytest.mark.parametrize("name", PLAN_URLS)
def test_a_coordinator_in_another_municipality_gets_404(client, world, foreign, name):
    client.force_login(world.coordinator.user)
    assert client.get(url_for(name, foreign)).status_code == 404


@pytest.mark.parametrize("name", WRITABLE_URLS)
def test_a_coordinator_in_another_municipality_cannot_post(client, world, foreign, name):
    client.force_login(world.coordinator.user)
    assert client.post(url_for(name, foreign), {"title": "x"}).status_code == 404


@pytest.mark.parametrize("name", PLAN_URLS)
def test_being_listed_as_actor_across_municipalities_grants_nothing(client, world, foreign, name):
    ActorFactory(plan=foreign["plan"], professional=world.actor)
    client.force_login(world.actor.user)
    assert client.get(url_for(name, foreign)).status_code == 404


def test_objects_of_another_plan_cannot_be_reached_through_my_own_plan(client, world, foreign):
    """Swapping in a foreign object's id under a plan I may see still gives 404."""
    client.force_login(world.coordinator.user)
    mine = {"plan": world.plan, **{k: v for k, v in foreign.items() if k != "plan"}}
    for name, (kwargs_for, _) in PLAN_URLS.items():
        if kwargs_for(mine):
            assert client.get(url_for(name, mine)).status_code == 404, name


def test_the_caseload_lists_only_my_municipality(client, world, foreign):
    ActorFactory(plan=foreign["plan"], professional=world.coordinator)
    client.force_login(world.coordinator.user)
    response = client.get("/plans/")
    titles = [row.plan.title for row in response.context["rows"]]
    assert titles == [world.plan.title]


def test_a_platform_user_without_municipality_sees_no_plans(client, world):
    operator = UserFactory(municipality=None, role=Role.PROFESSIONAL)
    client.force_login(operator)
    assert client.get(url_for("plans:detail", {"plan": world.plan})).status_code == 404
