"""Each intervention can say which step on the plan's staircase it is meant to move the
citizen towards, from the plan's own model only."""

import pytest
from django.core.exceptions import ValidationError

from enplan.organisation.models import Step
from enplan.organisation.tests.factories import StepFactory, StepModelFactory
from enplan.plans import services as plan_services
from enplan.plans.models import Intervention

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(world):
    return list(Step.objects.filter(model__municipality=world.municipality).order_by("order"))


def test_the_form_offers_the_plans_steps_and_saves_the_choice(client, world, steps):
    client.force_login(world.actor.user)
    url = f"/plans/{world.plan.pk}/interventions/new/"
    form = client.get(url).text
    assert "Sigter mod trin" in form
    assert "2. Praktik eller brobygning" in form
    response = client.post(
        url,
        {
            "title": "Virksomhedspraktik",
            "department": world.department.pk,
            "legislation": world.legislation.pk,
            "status": "planned",
            "step": steps[1].pk,
        },
    )
    assert response.status_code == 302
    assert Intervention.objects.get(title="Virksomhedspraktik").step == steps[1]


def test_a_step_from_another_model_is_refused_by_the_service(world, steps):
    other = StepFactory(model=StepModelFactory(municipality=world.municipality))
    with pytest.raises(ValidationError) as error:
        plan_services.intervention_create(
            user=world.actor.user,
            plan=world.plan,
            title="Mentor",
            department=world.department,
            legislation=world.legislation,
            step=other,
        )
    assert error.value.message_dict["step"] == ["Det trin hører ikke til planens trappetrinsmodel."]
    assert not Intervention.objects.filter(title="Mentor").exists()


def test_changing_the_step_is_recorded_like_any_other_change(world, steps):
    intervention = plan_services.intervention_create(
        user=world.actor.user,
        plan=world.plan,
        title="Mentor",
        department=world.department,
        legislation=world.legislation,
    )
    plan_services.intervention_update(
        user=world.actor.user,
        plan=world.plan,
        intervention=intervention,
        version=intervention.version,
        step=steps[0],
    )
    intervention.refresh_from_db()
    assert intervention.step == steps[0]
    assert intervention.history.first().step_id == steps[0].pk
