"""A decision changes the plan in the same step: a new or changed goal or intervention, or a
log entry. All or nothing."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditEvent
from enplan.meetings.models import Decision, DecisionEffect
from enplan.plans.models import Goal, Intervention, LogEntry, LogEntryKind
from enplan.plans.tests.factories import GoalFactory, InterventionFactory

pytestmark = pytest.mark.django_db


def decide(client, cycle, effect, data, target=None):
    url = reverse("meetings:decision_create", args=[cycle.meeting.pk])
    payload = {"effect": effect, **data}
    if target is not None:
        payload["target"] = target.pk
    return client.post(url, payload)


def test_a_decision_creates_an_intervention_and_a_log_entry(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = decide(
        client,
        cycle,
        DecisionEffect.INTERVENTION_CREATE,
        {
            "text": "Maja starter i løbeklub med mentor.",
            "intervention-title": "Løbeklub med mentor",
            "intervention-department": world.department.pk,
            "intervention-legislation": world.legislation.pk,
            "intervention-status": "planned",
            "intervention-agreed_start": "2026-12-01",
        },
    )
    assert response.status_code == 302
    intervention = Intervention.objects.get(plan=world.plan, title="Løbeklub med mentor")
    decision = Decision.objects.get(meeting=cycle.meeting)
    assert decision.intervention == intervention
    assert decision.log_entry.kind == LogEntryKind.DECISION
    assert decision.log_entry.intervention == intervention
    assert "Maja starter i løbeklub" in decision.log_entry.text
    assert AuditEvent.objects.filter(object_type="meetings.decision", action="create").exists()
    assert AuditEvent.objects.filter(object_type="plans.intervention", action="create").exists()


def test_an_invalid_intervention_saves_neither_decision_nor_anything_else(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = decide(
        client,
        cycle,
        DecisionEffect.INTERVENTION_CREATE,
        {
            "text": "Pause i mentorforløbet.",
            "intervention-title": "Mentor",
            "intervention-department": world.department.pk,
            "intervention-legislation": world.legislation.pk,
            "intervention-status": "paused",
        },
    )
    assert response.status_code == 200
    assert "Skriv en begrundelse" in response.text
    assert not Decision.objects.exists()
    assert not Intervention.objects.exists()
    assert not LogEntry.objects.exists()


def test_a_failure_after_the_change_rolls_the_change_back(world, cycle, monkeypatch):
    from enplan.meetings import services

    def broken(**kwargs):
        raise RuntimeError("the log is unavailable")

    monkeypatch.setattr(services.plan_services, "log_entry_create", broken)
    with pytest.raises(RuntimeError):
        services.decision_record(
            user=world.coordinator.user,
            meeting=cycle.meeting,
            text="Nyt mål",
            effect=DecisionEffect.GOAL_CREATE,
            goal_values={"title": "Maja har et job", "life_area": "job"},
        )
    assert not Goal.objects.exists()
    assert not Decision.objects.exists()


def test_a_decision_changes_a_goal(client, world, cycle):
    goal = GoalFactory(plan=world.plan, title="Maja søger job", status="not_started")
    client.force_login(world.coordinator.user)
    response = decide(
        client,
        cycle,
        DecisionEffect.GOAL_UPDATE,
        {
            "text": "Målet er i gang.",
            "goal-title": "Maja søger job",
            "goal-life_area": "job",
            "goal-status": "in_progress",
            "goal-version": goal.version,
        },
        target=goal,
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "in_progress"
    assert Decision.objects.get().goal == goal


def test_a_stale_goal_change_saves_nothing_and_shows_the_conflict(client, world, cycle):
    goal = GoalFactory(plan=world.plan, title="Maja søger job")
    Goal.objects.filter(pk=goal.pk).update(version=2, title="Ændret af en anden")
    client.force_login(world.coordinator.user)
    response = decide(
        client,
        cycle,
        DecisionEffect.GOAL_UPDATE,
        {
            "text": "Målet er nået.",
            "goal-title": "Maja søger job",
            "goal-life_area": "job",
            "goal-status": "achieved",
            "goal-version": 1,
        },
        target=goal,
    )
    assert response.status_code == 200
    assert "Dine ændringer er ikke gemt." in response.text
    assert not Decision.objects.exists()
    goal.refresh_from_db()
    assert goal.status != "achieved"


def test_changing_an_intervention_first_asks_which_one(client, world, cycle):
    InterventionFactory(plan=world.plan, department=world.department, title="Mentorstøtte")
    client.force_login(world.coordinator.user)
    page = client.get(
        reverse("meetings:decision_create", args=[cycle.meeting.pk]),
        {"effect": DecisionEffect.INTERVENTION_UPDATE},
    ).text
    assert "Hvilken indsats?" in page
    assert "Mentorstøtte" in page


def test_a_log_decision_is_dated_the_day_of_the_meeting(client, world, cycle):
    from django.utils import timezone

    client.force_login(world.coordinator.user)
    decide(client, cycle, DecisionEffect.LOG, {"text": "Vi mødes igen om en måned."})
    entry = LogEntry.objects.get(plan=world.plan)
    assert entry.occurred_on == timezone.localdate(cycle.meeting.starts_at)
    assert entry.kind == LogEntryKind.DECISION


def test_a_decision_on_the_meeting_only_writes_no_log_entry(client, world, cycle):
    client.force_login(world.coordinator.user)
    decide(client, cycle, DecisionEffect.NONE, {"text": "Næste møde hos familien."})
    assert Decision.objects.get().log_entry is None
    assert not LogEntry.objects.exists()
    assert (
        "Næste møde hos familien."
        in client.get(reverse("meetings:detail", args=[cycle.meeting.pk])).text
    )


def test_a_decision_needs_text(client, world, cycle):
    client.force_login(world.coordinator.user)
    response = decide(client, cycle, DecisionEffect.LOG, {"text": ""})
    assert "Dette felt er påkrævet." in response.text
    assert not Decision.objects.exists()
