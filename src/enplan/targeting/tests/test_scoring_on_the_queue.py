"""Scoring a round runs on the task queue, not in the reviewer's request: the request
checks and queues, the round page says "Beregner…" until the worker is done, and a round
the worker could not score says why."""

import pytest
from django_tasks_db.models import DBTaskResult

from enplan.targeting import services
from enplan.targeting.models import RoundStatus
from enplan.targeting.tasks import score_round
from enplan.targeting.tests.conftest import csv_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def uploaded(screening):
    services.extract_upload(
        user=screening.reviewer.user, screening_round=screening.round, uploaded_file=csv_upload()
    )
    return screening


def score_url(screening):
    return f"/targeting/rounds/{screening.round.pk}/score/"


def test_asking_to_score_queues_the_work_and_the_page_says_it_is_running(
    client, uploaded, django_capture_on_commit_callbacks
):
    client.force_login(uploaded.reviewer.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(score_url(uploaded), {"confirmed": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/targeting/rounds/{uploaded.round.pk}/"
    uploaded.round.refresh_from_db()
    assert uploaded.round.status == RoundStatus.OPEN
    assert uploaded.round.scoring_requested_at is not None
    queued = DBTaskResult.objects.ready().get(task_path=score_round.module_path)
    assert queued.args_kwargs["args"][:2] == [uploaded.round.pk, uploaded.reviewer.user.pk]
    page = client.get(response["Location"]).content.decode()
    assert "Beregner…" in page
    assert 'data-hx-trigger="every 4s"' in page
    assert "Beregn point for runden" not in page


def test_asking_twice_queues_it_once(client, uploaded, django_capture_on_commit_callbacks):
    client.force_login(uploaded.reviewer.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(score_url(uploaded), {"confirmed": "1"})
        client.post(score_url(uploaded), {"confirmed": "1"})
    assert DBTaskResult.objects.filter(task_path=score_round.module_path).count() == 1


def test_the_worker_scores_the_round_and_the_page_links_the_shortlist(client, uploaded):
    client.force_login(uploaded.reviewer.user)
    services.round_score_request(user=uploaded.reviewer.user, screening_round=uploaded.round)
    score_round.call(uploaded.round.pk, uploaded.reviewer.user.pk, "/score/")
    uploaded.round.refresh_from_db()
    assert uploaded.round.status == RoundStatus.REVIEW
    assert uploaded.round.scoring_requested_at is None
    assert uploaded.round.candidates.count() == 1
    page = client.get(f"/targeting/rounds/{uploaded.round.pk}/").content.decode()
    assert "Beregner…" not in page
    assert "1 husstande er foreslået" in page
    assert f"/targeting/rounds/{uploaded.round.pk}/shortlist/" in page


def test_a_round_the_worker_cannot_score_says_why_and_may_be_asked_again(client, uploaded):
    services.round_score_request(user=uploaded.reviewer.user, screening_round=uploaded.round)
    uploaded.round.dpo_signed_on = None
    uploaded.round.save()
    score_round.call(uploaded.round.pk, uploaded.reviewer.user.pk, "")
    uploaded.round.refresh_from_db()
    assert uploaded.round.status == RoundStatus.OPEN
    assert uploaded.round.scoring_requested_at is None
    assert uploaded.round.scoring_error.startswith("Screeningen er slået fra")
    assert not uploaded.round.candidates.exists()


def test_a_round_without_extracts_is_refused_at_once_and_nothing_is_queued(client, screening):
    client.force_login(screening.reviewer.user)
    response = client.post(score_url(screening), {"confirmed": "1"}, follow=True)
    assert "Ingen afdeling har uploadet" in response.content.decode()
    assert not DBTaskResult.objects.filter(task_path=score_round.module_path).exists()
