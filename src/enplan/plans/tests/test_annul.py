"""A plan created by mistake is annulled by its coordinator, with a reason, after a
confirmation page: it leaves every list and page at once, is kept unseen for the audit
period, and is then deleted by `delete_annulled_plans`."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from enplan.core.models import AuditEvent
from enplan.plans.models import Citizen, Plan, PlanStatus

pytestmark = pytest.mark.django_db


def _url(world):
    return reverse("plans:annul", args=[world.plan.pk])


def _post(client, world, **extra):
    data = {"version": world.plan.version, "reason": "Oprettet på den forkerte borger"}
    data.update(extra)
    return client.post(_url(world), data)


def test_the_coordinator_is_asked_to_confirm_before_anything_changes(client, world):
    world.client_for(client, world.coordinator)
    response = _post(client, world)
    assert response.status_code == 200
    assert "Oprettet på den forkerte borger" in response.text
    assert 'name="confirmed" value="1"' in response.text
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.ACTIVE


def test_an_annulled_plan_leaves_the_caseload_and_its_pages(client, world):
    world.client_for(client, world.coordinator)
    response = _post(client, world, confirmed="1")
    assert response.status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.ANNULLED
    assert world.plan.annulment_reason == "Oprettet på den forkerte borger"
    assert world.plan.annulled_by == world.coordinator.user
    assert "Maja Holm" not in client.get(reverse("plans:caseload")).text
    assert client.get(reverse("plans:detail", args=[world.plan.pk])).status_code == 404
    world.client_for(client, world.actor)
    assert client.get(reverse("plans:detail", args=[world.plan.pk])).status_code == 404
    event = AuditEvent.objects.filter(object_type="plans.plan", action="delete").get()
    assert event.user == world.coordinator.user
    # The version history keeps what the plan was, and that it was annulled.
    assert world.plan.history.filter(status=PlanStatus.ANNULLED).exists()


def test_a_plan_is_not_annulled_without_a_reason(client, world):
    world.client_for(client, world.coordinator)
    response = _post(client, world, reason="  ", confirmed="1")
    assert "Skriv, hvorfor planen annulleres." in response.text
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.ACTIVE


def test_only_the_coordinator_may_annul(client, world):
    world.client_for(client, world.actor)
    assert _post(client, world, confirmed="1").status_code == 403
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.ACTIVE


def test_the_command_deletes_annulled_plans_after_the_audit_period(client, world, settings):
    settings.ENPLAN_ANNULLED_PLAN_KEEP_DAYS = 30
    world.client_for(client, world.coordinator)
    _post(client, world, confirmed="1")
    citizen = world.member.citizen
    out = io.StringIO()
    call_command("delete_annulled_plans", stdout=out)
    assert "Deleted 0" in out.getvalue()
    assert Plan.objects.filter(pk=world.plan.pk).exists()
    Plan.objects.filter(pk=world.plan.pk).update(annulled_at=timezone.now() - timedelta(days=31))
    call_command("delete_annulled_plans", stdout=out)
    assert "Deleted 1" in out.getvalue()
    assert not Plan.objects.filter(pk=world.plan.pk).exists()
    assert not Plan.history.filter(id=world.plan.pk).exists()
    assert not Citizen.objects.filter(pk=citizen.pk).exists()
    # The audit trail stays: who annulled it, and who looked at it before.
    assert AuditEvent.objects.filter(plan_id=world.plan.pk, action="delete").exists()


@pytest.mark.django_db(transaction=True)
def test_every_demo_plan_can_be_deleted_unless_a_coordination_round_holds_it(demo, settings):
    from enplan.coordination.models import SurveyRound

    settings.ENPLAN_ANNULLED_PLAN_KEEP_DAYS = 0
    with_rounds = set(SurveyRound.objects.values_list("plan_id", flat=True))
    Plan.objects.filter(municipality=demo).update(
        status=PlanStatus.ANNULLED, annulled_at=timezone.now() - timedelta(days=1)
    )
    from enplan.plans import services

    deleted, kept = services.annulled_plans_delete()
    assert deleted > 5
    assert set(Plan.objects.filter(municipality=demo).values_list("pk", flat=True)) == (
        with_rounds - {None}
    )
    assert kept == len(with_rounds - {None})
