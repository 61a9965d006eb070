"""Extracts and scores are deleted when a round closes (after its days); the counts remain."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enplan.targeting import services
from enplan.targeting.models import Candidate, Extract, RoundStatus

pytestmark = pytest.mark.django_db


def test_closing_keeps_the_data_until_the_days_have_passed_and_queues_the_deletion(
    scored, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.round_close(user=scored.admin, screening_round=scored.round)
    scored.round.refresh_from_db()
    assert scored.round.status == RoundStatus.CLOSED
    assert Extract.objects.exists()
    assert Candidate.objects.exists()
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [scored.round.pk]
    assert task.run_after == scored.round.closed_at + timedelta(days=scored.round.delete_after_days)


def test_only_an_administrator_closes_a_round(scored):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.round_close(user=scored.reviewer.user, screening_round=scored.round)


def test_deletion_removes_extracts_and_scores_and_keeps_the_counts(scored):
    candidate = scored.round.candidates.get()
    for reviewer in (scored.reviewer, scored.other_reviewer):
        services.candidate_review(user=reviewer.user, candidate=candidate, accept=True, reason="x")
    services.round_close(user=scored.admin, screening_round=scored.round)
    scored.round.refresh_from_db()
    early = scored.round.closed_at + timedelta(days=scored.round.delete_after_days - 1)
    assert not services.round_delete_data(screening_round=scored.round, now=early)
    assert Extract.objects.exists()
    later = scored.round.closed_at + timedelta(days=scored.round.delete_after_days)
    assert services.round_delete_data(screening_round=scored.round, now=later)
    scored.round.refresh_from_db()
    assert scored.round.status == RoundStatus.DELETED
    assert not Extract.objects.exists()
    assert not Candidate.objects.exists()
    assert scored.round.counts["uploaded_rows"] == 11
    assert scored.round.counts["proposed_households"] == 1
    assert scored.round.counts["accepted_households"] == 1


def test_the_command_deletes_every_round_whose_days_are_up(scored):
    scored.round.delete_after_days = 0
    scored.round.save()
    services.round_close(user=scored.admin, screening_round=scored.round)
    call_command("targeting_delete", stdout=__import__("io").StringIO())
    scored.round.refresh_from_db()
    assert scored.round.status == RoundStatus.DELETED
    assert scored.round.deleted_at <= timezone.now()


def test_the_task_deletes_too(scored):
    from enplan.targeting.tasks import delete_round_data

    scored.round.delete_after_days = 0
    scored.round.save()
    services.round_close(user=scored.admin, screening_round=scored.round)
    assert delete_round_data.call(scored.round.pk) is True
    assert not Extract.objects.exists()


def test_the_annex_after_deletion_still_shows_the_counts(scored, client):
    scored.round.delete_after_days = 0
    scored.round.save()
    services.round_close(user=scored.admin, screening_round=scored.round)
    services.round_delete_data(screening_round=scored.round)
    client.force_login(scored.admin)
    page = client.get(f"/targeting/rounds/{scored.round.pk}/annex/").text
    assert "Udtræk og point blev slettet den" in page
    assert "færre end 5" in page  # 1 household proposed: suppressed
    assert ">11<" in page  # rows uploaded
