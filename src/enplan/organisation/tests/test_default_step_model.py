"""Every municipality starts with Furesø's staircase as its default step model."""

import pytest

from enplan.core.tests.factories import MunicipalityFactory
from enplan.organisation.models import StepModel
from enplan.organisation.services import step_model_load_default

pytestmark = pytest.mark.django_db


def test_a_new_municipality_gets_the_furesoe_model():
    municipality = MunicipalityFactory()
    model = StepModel.objects.get(municipality=municipality)
    assert model.is_default
    assert [(s.order, s.name, s.max_days) for s in model.steps.order_by("order")] == [
        (1, "Afklaring og stabilisering", 183),
        (2, "Praktik eller brobygning", 183),
        (3, "Uddannelse eller job", None),
    ]
    assert all(step.municipality == municipality for step in model.steps.all())


def test_loading_the_default_twice_adds_nothing():
    municipality = MunicipalityFactory()
    assert step_model_load_default(municipality=municipality) is None
    assert StepModel.objects.filter(municipality=municipality).count() == 1


def test_the_administrator_edits_the_models_of_their_own_municipality(client, world):
    from enplan.core.models import Role
    from enplan.core.tests.factories import UserFactory

    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    elsewhere = MunicipalityFactory()
    client.force_login(admin)
    page = client.get("/admin/organisation/stepmodel/")
    assert page.status_code == 200
    own = StepModel.objects.get(municipality=world.municipality)
    assert f"/admin/organisation/stepmodel/{own.pk}/change/" in page.text
    other = StepModel.objects.get(municipality=elsewhere)
    assert f"/admin/organisation/stepmodel/{other.pk}/change/" not in page.text
    change = client.get(f"/admin/organisation/stepmodel/{own.pk}/change/")
    assert "Afklaring og stabilisering" in change.text


def test_a_second_model_with_the_same_name_is_refused_with_a_message(client, world):
    from enplan.core.models import Role
    from enplan.core.tests.factories import UserFactory

    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/organisation/stepmodel/add/",
        {
            "name": "Job og uddannelse (Furesø-modellen)",
            "description": "",
            "is_active": "on",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Kommunen har allerede en trappetrinsmodel med dette navn." in response.text
    assert StepModel.objects.filter(municipality=world.municipality).count() == 1


def test_a_new_default_model_retires_the_old_default(client, world):
    from enplan.core.models import Role
    from enplan.core.tests.factories import UserFactory

    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/organisation/stepmodel/add/",
        {
            "name": "Familier",
            "description": "",
            "is_default": "on",
            "is_active": "on",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "0",
            "steps-0-order": "1",
            "steps-0-name": "Ro i hverdagen",
            "steps-0-max_days": "92",
        },
    )
    assert response.status_code == 302, response.text
    models = StepModel.objects.filter(municipality=world.municipality)
    assert [m.name for m in models.filter(is_default=True)] == ["Familier"]
    new = models.get(name="Familier")
    assert new.steps.get().municipality == world.municipality
