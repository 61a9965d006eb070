from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.plans.models import LogEntry
from enplan.plans.tests.factories import GoalFactory, LogEntryFactory

pytestmark = pytest.mark.django_db


def test_an_actor_writes_a_log_entry_signed_with_name_and_workplace(client, world):
    goal = GoalFactory(plan=world.plan)
    client.force_login(world.actor.user)
    client.post(
        f"/plans/{world.plan.pk}/log/new/",
        {
            "kind": "contact",
            "occurred_on": str(timezone.localdate()),
            "text": "Ringede til Maja.",
            "goal": goal.pk,
        },
    )
    entry = LogEntry.objects.get(text="Ringede til Maja.")
    assert entry.author == world.actor.user
    assert entry.author_name == world.actor.name
    assert entry.author_workplace == world.department.name
    assert entry.goal == goal


def test_a_log_entry_cannot_be_dated_in_the_future(client, world):
    client.force_login(world.actor.user)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        f"/plans/{world.plan.pk}/log/new/",
        {"kind": "note", "occurred_on": str(tomorrow), "text": "Fremtid"},
    )
    assert "kan ikke dateres i fremtiden" in response.text
    assert not LogEntry.objects.filter(text="Fremtid").exists()


def test_the_log_is_newest_first_and_paginated(client, world, settings):
    settings.ENPLAN_LOG_PAGE_SIZE = 5
    today = timezone.localdate()
    for days in range(12):
        LogEntryFactory(
            plan=world.plan, text=f"Notat {days}", occurred_on=today - timedelta(days=days)
        )
    client.force_login(world.coordinator.user)
    first = client.get(f"/plans/{world.plan.pk}/log/").context["page"].log_page
    assert [e.text for e in first.object_list] == [f"Notat {d}" for d in range(5)]
    assert first.paginator.num_pages == 3
    response = client.get(
        f"/plans/{world.plan.pk}/log/?log=3", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="log"
    )
    assert "Notat 10" in response.text
    assert "<html" not in response.text  # only the log section is sent back


def test_the_overview_shows_the_five_latest_entries_and_links_to_the_whole_log(client, world):
    today = timezone.localdate()
    for days in range(8):
        LogEntryFactory(
            plan=world.plan, text=f"Notat {days}", occurred_on=today - timedelta(days=days)
        )
    client.force_login(world.coordinator.user)
    html = client.get(f"/plans/{world.plan.pk}/").text
    assert all(f"Notat {d}<" in html for d in range(5))
    assert "Notat 5<" not in html
    assert f'href="/plans/{world.plan.pk}/log/"' in html


def test_log_entries_cannot_be_edited_or_deleted_through_the_app(client, world):
    entry = LogEntryFactory(plan=world.plan)
    client.force_login(world.coordinator.user)
    assert client.post(f"/plans/{world.plan.pk}/log/{entry.pk}/").status_code == 404
