"""A municipality's administrator configures their own municipality only, in Danish, and
never sees citizens' plans there."""

import pytest

from enplan.core.models import Role, User
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation.models import Area, Department, Legislation
from enplan.organisation.tests.factories import AreaFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipal_admin(world):
    return UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)


def test_the_administrator_sees_only_their_own_municipalitys_departments(
    client, world, municipal_admin
):
    foreign = DepartmentFactory(name="Fremmed afdeling")
    client.force_login(municipal_admin)
    response = client.get("/admin/organisation/department/")
    assert response.status_code == 200
    assert world.department.name in response.text
    assert foreign.name not in response.text
    assert client.get(f"/admin/organisation/department/{foreign.pk}/change/").status_code == 302


def test_a_new_department_is_placed_in_the_administrators_municipality(
    client, world, municipal_admin
):
    client.force_login(municipal_admin)
    foreign_area = AreaFactory()
    response = client.post(
        "/admin/organisation/department/add/", {"area": foreign_area.pk, "name": "Snyd"}
    )
    assert "Marker en gyldig valgmulighed" in response.text
    client.post(
        "/admin/organisation/department/add/", {"area": world.area.pk, "name": "Ny afdeling"}
    )
    assert Department.objects.get(name="Ny afdeling").municipality == world.municipality


def test_citizens_and_plans_are_not_in_the_administration(client, municipal_admin):
    client.force_login(municipal_admin)
    response = client.get("/admin/")
    assert "Afdelinger" in response.text  # Danish
    assert "/admin/plans/" not in response.text
    assert client.get("/admin/plans/plan/").status_code == 404


def test_professionals_and_team_leaders_have_no_administration(client, world, leader):
    client.force_login(world.coordinator.user)
    assert client.get("/admin/").status_code == 302
    client.force_login(leader)
    assert client.get("/admin/").status_code == 302


def test_a_new_municipality_gets_the_default_legislation_catalogue(admin_client):
    admin_client.post("/admin/core/municipality/add/", {"name": "Nyby Kommune", "code": "991"})
    short_names = set(
        Legislation.objects.filter(municipality__code="991").values_list("short_name", flat=True)
    )
    assert {"Barnets lov", "Serviceloven", "Sundhedsloven", "Beskæftigelsesloven"} <= short_names


def test_the_administrator_cannot_make_a_superuser(client, world, municipal_admin):
    client.force_login(municipal_admin)
    response = client.get("/admin/core/user/add/")
    assert "is_superuser" not in response.text
    # Nor choose a municipality: new users land in the administrator's own.
    assert 'name="municipality"' not in response.text
    MunicipalityFactory(name="Andenby Kommune")
    client.post(
        "/admin/core/user/add/",
        {
            "username": "ny.bruger",
            "password1": "Lang-adgangskode-42",
            "password2": "Lang-adgangskode-42",
            "role": "professional",
        },
    )
    assert User.objects.get(username="ny.bruger").municipality == world.municipality


def test_a_duplicate_name_in_the_same_municipality_is_refused_with_a_message(
    client, world, municipal_admin
):
    client.force_login(municipal_admin)
    response = client.post("/admin/organisation/area/add/", {"name": world.area.name, "order": 0})
    assert response.status_code == 200
    assert "eksisterer allerede" in response.text
    assert Area.objects.filter(name=world.area.name).count() == 1
    # Another municipality may use the same name.
    AreaFactory(name=world.area.name)
    assert Area.objects.filter(name=world.area.name).count() == 2


@pytest.mark.parametrize(
    "page", ["/admin/organisation/department/", "/admin/organisation/professional/"]
)
def test_the_list_filters_name_nothing_of_another_municipality(
    client, world, municipal_admin, page
):
    from enplan.organisation.tests.factories import ProfessionalFactory

    foreign = ProfessionalFactory(
        department=DepartmentFactory(area=AreaFactory(name="Fremmed center"))
    )
    from enplan.organisation.models import Profession

    foreign.profession = Profession.objects.create(
        municipality=foreign.municipality, name="Fremmed fag"
    )
    foreign.save()
    client.force_login(municipal_admin)
    response = client.get(page)
    assert response.status_code == 200
    assert "Fremmed center" not in response.text
    assert "Fremmed fag" not in response.text


def test_a_municipal_administrator_cannot_reach_a_platform_operators_account(
    client, world, municipal_admin
):
    operator = UserFactory(
        municipality=world.municipality, is_staff=True, is_superuser=True, username="drift"
    )
    client.force_login(municipal_admin)
    assert "drift" not in client.get("/admin/core/user/").text
    assert client.get(f"/admin/core/user/{operator.pk}/change/").status_code == 302
    response = client.post(
        f"/admin/core/user/{operator.pk}/password/",
        {"password1": "Ny-adgangskode-42!", "password2": "Ny-adgangskode-42!"},
    )
    assert response.status_code in (302, 404)
    operator.refresh_from_db()
    assert not operator.check_password("Ny-adgangskode-42!")


def test_the_audit_trail_names_records_and_actions_in_danish(client, world, municipal_admin):
    from django.utils import timezone

    from enplan.core import audit
    from enplan.core.models import AuditAction, AuditEvent

    audit.record(
        user=world.coordinator.user, action=AuditAction.VIEW, obj=world.plan, plan=world.plan
    )
    event = AuditEvent.objects.latest("id")
    local = timezone.localtime(event.at)
    assert str(event) == f"{local:%d.%m.%Y %H:%M} · Visning · Plan {world.plan.pk}"
    client.force_login(municipal_admin)
    response = client.get("/admin/core/auditevent/")
    assert '<td class="field-object_label">Plan</td>' in response.text
    assert '?object_type=plans.plan">Plan</a>' in response.text  # the filter, by its Danish name
    assert ">plans.plan<" not in response.text
    assert client.get("/admin/core/auditevent/?object_type=plans.plan").status_code == 200
