"""Registering a citizen's step: any professional who may see the citizen, with a date and
a short reason; bad input gets a Danish message and changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enplan.core.models import AuditAction, AuditEvent
from enplan.organisation.models import Step, StepModel
from enplan.organisation.tests.factories import StepFactory, StepModelFactory
from enplan.plans.models import PlanKind, PlanProgression
from enplan.plans.tests.factories import ConsentFactory, PlanMemberFactory
from enplan.progress import services
from enplan.progress.models import StepRegistration

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(world):
    return list(Step.objects.filter(model__municipality=world.municipality).order_by("order"))


def register(user, world, step, entered_on=None, reason="Startet i praktik", member=None):
    return services.step_register(
        user=user,
        plan=world.plan,
        member=member or world.member,
        step=step,
        entered_on=entered_on or timezone.localdate(),
        reason=reason,
    )


def test_an_actor_registers_a_step_with_date_reason_and_who(world, steps):
    registration = register(world.actor.user, world, steps[0], date(2026, 1, 5), " Opstart ")
    assert registration.entered_on == date(2026, 1, 5)
    assert registration.reason == "Opstart"
    assert registration.registered_by_name == world.actor.name
    assert registration.registered_by_workplace == world.department.name
    event = AuditEvent.objects.get(object_type="progress.stepregistration")
    assert (event.action, event.plan_id, event.user) == (
        AuditAction.CREATE,
        world.plan.pk,
        world.actor.user,
    )


def test_the_first_registration_fixes_the_plan_on_its_model(world, steps):
    assert not PlanProgression.objects.filter(plan=world.plan).exists()
    register(world.coordinator.user, world, steps[0])
    assert PlanProgression.objects.get(plan=world.plan).step_model == steps[0].model


def test_a_step_can_be_left_by_ending_the_course(world, steps):
    register(world.coordinator.user, world, steps[0], date(2026, 1, 5))
    ended = register(world.coordinator.user, world, None, date(2026, 2, 5), "Fast job")
    assert ended.step is None


@pytest.mark.parametrize(
    ("setup", "kwargs", "field", "message"),
    [
        (None, {"reason": "  "}, "reason", "Skriv en kort begrundelse for registreringen."),
        (
            None,
            {"entered_on": timezone.localdate() + timedelta(days=1)},
            "entered_on",
            "Et trin kan ikke registreres i fremtiden.",
        ),
        (
            "on_first",
            {"entered_on": date(2026, 1, 1)},
            "entered_on",
            "Datoen ligger før den seneste registrering (05.01.2026). "
            "Registrér ændringerne i den rækkefølge, de skete.",
        ),
        ("on_first", {"same_step": True}, "step", "%s er allerede på dette trin."),
        (None, {"step": None}, "step", "%s er ikke på trappen endnu."),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(world, steps, setup, kwargs, field, message):
    if setup == "on_first":
        register(world.coordinator.user, world, steps[0], date(2026, 1, 5))
    before = StepRegistration.objects.count()
    step = steps[0] if kwargs.pop("same_step", False) else kwargs.pop("step", steps[1])
    with pytest.raises(ValidationError) as error:
        register(world.coordinator.user, world, step, **kwargs)
    expected = message % world.member.citizen.first_name if "%s" in message else message
    assert error.value.message_dict[field] == [expected]
    assert StepRegistration.objects.count() == before


def test_a_step_from_another_model_is_refused(world, steps):
    register(world.coordinator.user, world, steps[0])
    other = StepFactory(model=StepModelFactory(municipality=world.municipality))
    with pytest.raises(ValidationError) as error:
        register(world.coordinator.user, world, other)
    assert error.value.message_dict["step"] == ["Det trin hører ikke til planens trappetrinsmodel."]


def test_a_member_outside_the_users_consent_cannot_be_registered(world, steps):
    world.plan.kind = PlanKind.HOUSEHOLD
    world.plan.save()
    hidden = PlanMemberFactory(plan=world.plan)
    with pytest.raises(ValidationError):
        register(world.actor.user, world, steps[0], member=hidden)
    ConsentFactory(plan=world.plan, given_by=hidden, departments=[world.department])
    assert register(world.actor.user, world, steps[0], member=hidden).member == hidden


def test_a_leader_cannot_register(world, leader, steps):
    with pytest.raises(ValidationError):
        register(leader, world, steps[0])


def test_the_coordinator_chooses_another_model_until_the_first_registration(world, steps):
    young = StepModelFactory(municipality=world.municipality)
    StepFactory(model=young, order=1)
    services.plan_choose_step_model(user=world.coordinator.user, plan=world.plan, step_model=young)
    assert world.plan.progression.step_model == young
    register(world.coordinator.user, world, young.steps.get())
    with pytest.raises(ValidationError):
        services.plan_choose_step_model(
            user=world.coordinator.user,
            plan=world.plan,
            step_model=StepModel.objects.get(municipality=world.municipality, is_default=True),
        )


def test_the_form_registers_and_shows_the_path_in_place(client, world, steps):
    client.force_login(world.actor.user)
    url = f"/progress/plans/{world.plan.pk}/steps/new/"
    response = client.post(
        url,
        {
            "member": world.member.pk,
            "step": steps[1].pk,
            "entered_on": "2026-02-01",
            "reason": "Praktik",
        },
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#progress"
    assert "2. Praktik eller brobygning" in response.text
    assert "Trinnet er registreret." in response.text
    assert StepRegistration.objects.get().step == steps[1]


def test_the_form_without_javascript_redirects_to_the_section(client, world, steps):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/progress/plans/{world.plan.pk}/steps/new/",
        {"member": world.member.pk, "step": "end", "entered_on": "2026-02-01", "reason": "Job"},
    )
    # Ending a course that never started is refused with the field's message.
    assert response.status_code == 200
    assert "er ikke på trappen endnu" in response.text
    response = client.post(
        f"/progress/plans/{world.plan.pk}/steps/new/",
        {
            "member": world.member.pk,
            "step": steps[0].pk,
            "entered_on": "2026-02-01",
            "reason": "Start",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#progress")


def test_on_a_citizens_own_plan_the_citizen_is_chosen_already(client, world, steps):
    client.force_login(world.coordinator.user)
    url = f"/progress/plans/{world.plan.pk}/steps/new/"
    form = client.get(url).text
    assert f'type="hidden" name="member" value="{world.member.pk}"' in form
    response = client.post(
        url,
        {
            "member": world.member.pk,
            "step": steps[0].pk,
            "entered_on": "2026-02-01",
            "reason": "Start",
        },
    )
    assert response.status_code == 302
