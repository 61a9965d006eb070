"""One citizen, one active plan, held by the database; and a form sent twice writes once."""

import threading

import pytest
from django.db import IntegrityError, connection, transaction

from enplan.core.models import AuditEvent, FormSubmission
from enplan.plans.models import LogEntry, Plan, PlanMember, PlanStatus
from enplan.plans.tests.factories import PlanFactory, PlanMemberFactory
from enplan.plans.tests.test_plan_create import form_data

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_second_active_plan_for_a_citizen(world):
    other = PlanFactory(coordinator=world.actor)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanMemberFactory(plan=other, citizen=world.member.citizen)
    assert world.member.citizen.memberships.count() == 1


def test_a_closed_plan_leaves_room_for_a_new_one(world):
    world.plan.status = PlanStatus.CLOSED
    world.plan.save()
    assert not PlanMember.objects.get(pk=world.member.pk).plan_is_active
    other = PlanFactory(coordinator=world.actor)
    PlanMemberFactory(plan=other, citizen=world.member.citizen)
    assert world.member.citizen.memberships.count() == 2
    # Reopening the old plan would make two: the database refuses it.
    world.plan.status = PlanStatus.ACTIVE
    with pytest.raises(IntegrityError), transaction.atomic():
        world.plan.save()


def _new_plan(token):
    return form_data(members=[("150387-1235", "Ida", "Holm", "citizen")]) | {"form_token": token}


def test_a_double_clicked_ny_plan_creates_one_plan(client, world):
    client.force_login(world.coordinator.user)
    first = client.post("/plans/new/", _new_plan("dobbeltklik-1"))
    second = client.post("/plans/new/", _new_plan("dobbeltklik-1"))
    assert first.status_code == second.status_code == 302
    assert Plan.objects.filter(members__citizen__cpr="150387-1235").count() == 1


def _log_entry(token, text="Sanne mødte op til samtalen."):
    return {"kind": "note", "text": text, "occurred_on": "2026-11-30", "form_token": token}


def test_a_double_clicked_gem_writes_one_log_entry(client, world):
    client.force_login(world.actor.user)
    url = f"/plans/{world.plan.pk}/log/new/"
    assert client.post(url, _log_entry("gem-1")).status_code == 302
    assert client.post(url, _log_entry("gem-1")).status_code == 302
    assert LogEntry.objects.filter(text="Sanne mødte op til samtalen.").count() == 1
    # A new form (a new token) is a new entry.
    client.post(url, _log_entry("gem-2"))
    assert LogEntry.objects.filter(text="Sanne mødte op til samtalen.").count() == 2


def test_a_refused_form_keeps_no_token_so_it_can_be_sent_again(client, world):
    client.force_login(world.actor.user)
    url = f"/plans/{world.plan.pk}/log/new/"
    refused = client.post(url, _log_entry("rettet-1") | {"occurred_on": "2099-01-01"})
    assert refused.status_code == 200
    assert not FormSubmission.objects.filter(token="rettet-1").exists()
    assert client.post(url, _log_entry("rettet-1")).status_code == 302
    assert LogEntry.objects.filter(text="Sanne mødte op til samtalen.").count() == 1


def test_every_form_that_adds_to_a_plan_carries_a_token(client, world):
    client.force_login(world.coordinator.user)
    for url in (
        "/plans/new/",
        f"/plans/{world.plan.pk}/log/new/",
        f"/plans/{world.plan.pk}/goals/new/",
        f"/plans/{world.plan.pk}/interventions/new/",
        f"/plans/{world.plan.pk}/network/new/",
        f"/plans/{world.plan.pk}/consent/new/",
    ):
        assert 'name="form_token"' in client.get(url).text, url


def test_trying_many_cpr_numbers_is_stopped(client, world, settings):
    settings.ENPLAN_PLAN_LOOKUPS_PER_HOUR = 3
    from django.core.cache import cache

    cache.clear()
    client.force_login(world.outsider.user)
    cpr = world.member.citizen.cpr
    answers = [
        client.post("/plans/new/", form_data(members=[(cpr, "X", "Y", "citizen")])).text
        for _ in range(4)
    ]
    assert all("har allerede en fælles plan" in text for text in answers[:3])
    assert "mange CPR-numre" in answers[3]
    assert "har allerede en fælles plan" not in answers[3]
    assert AuditEvent.objects.filter(user=world.outsider.user, action="view").count() == 3
    cache.clear()


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="two writers at once need a server")
def test_two_simultaneous_ny_plan_for_one_citizen_make_one_plan(world):
    from django.test import Client

    results = []
    barrier = threading.Barrier(2)

    def post(user, token):
        client = Client()
        client.force_login(user)
        barrier.wait()
        try:
            results.append(client.post("/plans/new/", _new_plan(token)).status_code)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(world.coordinator.user, "a")),
        threading.Thread(target=post, args=(world.actor.user, "b")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [200, 302]
    assert Plan.objects.filter(members__citizen__cpr="150387-1235").count() == 1


def test_the_kept_tokens_are_forgotten_after_a_day(world):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.core.forms import forget_old_form_tokens

    FormSubmission.objects.create(token="gammel", submitted_at=timezone.now() - timedelta(days=2))
    FormSubmission.objects.create(token="ny")
    assert forget_old_form_tokens() == 1
    assert list(FormSubmission.objects.values_list("token", flat=True)) == ["ny"]
