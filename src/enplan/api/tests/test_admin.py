"""An administrator issues a client to a department's system in the administration."""

import re

import pytest

from enplan.api.models import IntegrationSystem
from enplan.api.services import IssuedClient
from enplan.api.tests.conftest import issue, system_client
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipal_admin(world):
    return UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)


def test_an_administrator_issues_a_client_and_sees_the_secret_once(client, world, municipal_admin):
    client.force_login(municipal_admin)
    response = client.post(
        "/admin/api/integrationsystem/add/",
        {
            "name": "Jobcentrets system (Momentum)",
            "department": world.department.pk,
            "scopes": ["read", "log:write"],
            "requests_per_minute": 60,
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    system = IntegrationSystem.objects.get()
    assert system.municipality == world.municipality
    assert system.scopes == ["read", "log:write"]
    text = response.text
    secret = re.search(r"hemmelighed ([A-Za-z0-9]+)", text).group(1)
    client.logout()
    issued = IssuedClient(
        system=system, client_id=system.application.client_id, client_secret=secret
    )
    api = system_client(client, issued)
    assert api.get("/api/v1/plans").status_code == 200
    client.force_login(municipal_admin)
    page = client.get(f"/admin/api/integrationsystem/{system.pk}/change/")
    assert secret not in page.text
    assert system.application.client_id in page.text


def test_a_department_of_another_municipality_cannot_be_chosen(client, world, municipal_admin):
    client.force_login(municipal_admin)
    foreign = DepartmentFactory()
    response = client.post(
        "/admin/api/integrationsystem/add/",
        {"name": "Snyd", "department": foreign.pk, "scopes": ["read"], "requests_per_minute": 60},
    )
    assert response.status_code == 200
    assert not IntegrationSystem.objects.exists()


def test_the_administrator_sees_only_their_own_municipalitys_systems(
    client, world, municipal_admin
):
    own = issue(world).system
    foreign = issue(world, department=DepartmentFactory(), name="Fremmed system").system
    client.force_login(municipal_admin)
    response = client.get("/admin/api/integrationsystem/")
    assert own.name in response.text
    assert foreign.name not in response.text


def test_a_systems_user_is_not_among_the_users_to_edit(client, world, municipal_admin):
    system = issue(world).system
    client.force_login(municipal_admin)
    response = client.get(f"/admin/core/user/{system.user.pk}/change/")
    assert response.status_code == 302
