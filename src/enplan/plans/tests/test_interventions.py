from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.core.models import AuditEvent
from enplan.organisation.tests.factories import DepartmentFactory, LegislationFactory
from enplan.plans.models import Intervention
from enplan.plans.tests.factories import GoalFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def data(world, **overrides):
    values = {
        "title": "Mentorstøtte",
        "department": world.department.pk,
        "legislation": world.legislation.pk,
        "responsible": world.actor.pk,
        "agreed_start": "2026-12-01",
        "status": "planned",
        "monthly_cost": "4800",
    }
    return values | overrides


def test_an_intervention_is_added_with_legal_basis_responsible_and_goals(client, world):
    goal = GoalFactory(plan=world.plan)
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/new/",
        data(world, goals=[goal.pk]),
        HTTP_HX_REQUEST="true",
    )
    assert response["HX-Retarget"] == "#interventions"
    intervention = Intervention.objects.get()
    assert intervention.legislation == world.legislation
    assert intervention.responsible == world.actor
    assert list(intervention.goals.all()) == [goal]
    assert str(intervention.monthly_cost) == "4800.00"
    # Grouped under its area and department on the page.
    assert world.area.name in response.text
    assert world.department.name in response.text


ENDED = {"actual_start": "2026-01-05", "end_date": "2026-06-30"}


@pytest.mark.parametrize("status", ["paused", "ended", "cancelled"])
def test_pausing_ending_or_cancelling_needs_a_reason(client, world, status):
    dates = ENDED if status == "ended" else {}
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/new/", data(world, status=status, **dates)
    )
    assert "Skriv en begrundelse" in response.text
    assert not Intervention.objects.exists()
    client.post(
        f"/plans/{world.plan.pk}/interventions/new/",
        data(world, status=status, status_reason="Borgeren er indlagt", **dates),
    )
    assert Intervention.objects.get().status_reason == "Borgeren er indlagt"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"status": "active"}, "Indsatsen er startet: Skriv datoen, den faktisk startede."),
        (
            {"status": "ended", "status_reason": "Slut", "end_date": "2026-06-30"},
            "Indsatsen er startet: Skriv datoen, den faktisk startede.",
        ),
        (
            {"status": "ended", "status_reason": "Slut", "actual_start": "2026-01-05"},
            "Skriv datoen, indsatsen sluttede.",
        ),
        (
            # Next month: within the plausible range, but still ahead of today.
            {"status": "planned", "actual_start": str(timezone.localdate() + timedelta(days=30))},
            "Den faktiske start kan ikke ligge i fremtiden. Brug den aftalte start.",
        ),
    ],
)
def test_an_active_or_ended_intervention_needs_its_real_dates(client, world, values, message):
    # Otherwise an effort marked active without starting would hide the deviation the plan
    # page warns about, and an ended one would keep counting in the cost figures.
    client.force_login(world.coordinator.user)
    response = client.post(f"/plans/{world.plan.pk}/interventions/new/", data(world, **values))
    assert message in response.text
    assert not Intervention.objects.exists()


def test_a_negative_cost_and_an_end_before_the_start_are_refused(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/new/",
        data(world, monthly_cost="-1", actual_start="2026-10-01", end_date="2026-09-01"),
    )
    assert "større end eller lig 0" in response.text
    assert not Intervention.objects.exists()
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/new/",
        data(world, actual_start="2026-10-01", end_date="2026-09-01"),
    )
    assert "Slutdatoen ligger før den faktiske start." in response.text
    assert not Intervention.objects.exists()


def test_a_department_or_law_of_another_municipality_cannot_be_chosen(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/interventions/new/",
        data(world, department=DepartmentFactory().pk, legislation=LegislationFactory().pk),
    )
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in response.text
    assert not Intervention.objects.exists()


def test_an_intervention_not_started_as_agreed_is_flagged_on_the_plan(client, world):
    late = InterventionFactory(
        plan=world.plan,
        department=world.department,
        agreed_start=timezone.localdate() - timedelta(days=3),
        title="Praktik i Netto",
    )
    InterventionFactory(
        plan=world.plan,
        department=world.department,
        agreed_start=timezone.localdate() - timedelta(days=3),
        actual_start=timezone.localdate() - timedelta(days=2),
        status="active",
        title="Startet til tiden",
    )
    client.force_login(world.coordinator.user)
    response = client.get(f"/plans/{world.plan.pk}/")
    assert [i.title for i in response.context["page"].overdue] == [late.title]
    assert "1 indsats er ikke startet som aftalt" in response.text


def test_editing_an_intervention_changes_only_what_was_sent(client, world):
    intervention = InterventionFactory(
        plan=world.plan, department=world.department, legislation=world.legislation
    )
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/interventions/{intervention.pk}/",
        data(world, status="active", actual_start="2026-11-01", version=intervention.version),
    )
    intervention.refresh_from_db()
    assert intervention.status == "active"
    assert intervention.version == 2
    event = AuditEvent.objects.get(action="change", object_type="plans.intervention")
    assert "status" in event.changed_fields
