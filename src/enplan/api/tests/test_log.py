"""A system writes in the relay log, signed with its name, and reads the log as its
department may."""

import pytest

from enplan.plans.models import LogEntry
from enplan.plans.tests.factories import InterventionFactory, LogEntryFactory

pytestmark = pytest.mark.django_db


def test_a_system_writes_a_log_entry_signed_with_its_name(momentum, world):
    effort = InterventionFactory(plan=world.plan, department=world.department)
    response = momentum.post(
        f"/api/v1/plans/{world.plan.pk}/log",
        {"kind": "contact", "text": "Samtale om praktik.", "intervention_id": effort.pk},
    )
    assert response.status_code == 201, response.content
    entry = LogEntry.objects.get(pk=response.json()["id"])
    assert entry.author_name == "Jobcentrets system (Momentum)"
    assert entry.intervention == effort
    assert entry.text == "Samtale om praktik."


def test_a_log_entry_cannot_be_dated_in_the_future(momentum, world):
    response = momentum.post(
        f"/api/v1/plans/{world.plan.pk}/log", {"text": "Senere", "occurred_on": "2999-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "occurred_on"
    assert not LogEntry.objects.filter(plan=world.plan).exists()


def test_an_unknown_kind_is_refused(momentum, world):
    response = momentum.post(f"/api/v1/plans/{world.plan.pk}/log", {"text": "x", "kind": "gossip"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "kind"


def test_the_log_lists_newest_first_and_filters_by_changed_since(momentum, world):
    old = LogEntryFactory(plan=world.plan, text="Gammel")
    new = LogEntryFactory(plan=world.plan, text="Ny")
    LogEntry.objects.filter(pk=old.pk).update(created_at="2020-01-01T10:00:00+01:00")
    items = momentum.get(f"/api/v1/plans/{world.plan.pk}/log").json()["items"]
    assert {i["id"] for i in items} == {old.pk, new.pk}
    recent = momentum.get(
        f"/api/v1/plans/{world.plan.pk}/log", {"changed_since": "2025-01-01T00:00:00+01:00"}
    ).json()["items"]
    assert [i["id"] for i in recent] == [new.pk]
