"""In a large municipality, figures nobody has looked at that day are computed on the task
queue: the page answers at once that they are on the way, asks again by itself, and shows
them when the worker has kept them. Many looks queue one computation; one that failed or
was lost is asked for again."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enplan.core.models import AuditEvent, Role
from enplan.core.tests.factories import UserFactory
from enplan.plans.models import Plan
from enplan.progress import kept, steering
from enplan.progress.models import KeptSteeringFigures, SteeringFiguresRequest
from enplan.progress.tests.test_kept_figures import ON_THE_STAIRCASE, QUERY

pytestmark = pytest.mark.django_db

DASHBOARD = "/progress/steering/" + QUERY
WAITING = "Tallene beregnes…"


@pytest.fixture
def large(settings):
    """Every municipality counts as large: the queue's side of the threshold."""
    settings.ENPLAN_STEERING_QUEUE_FROM_PLANS = 0


def _queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="keep_requested_figures").count()


def _work() -> None:
    """What `db_worker` does with each task that is ready, inside the test's transaction
    (the worker itself closes the connection at its end; the browser test runs it)."""
    for result in DBTaskResult.objects.ready():
        result.claim("test")
        try:
            value = result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        except Exception as error:
            result.set_failed(error)
        else:
            result.set_successful(value)


def _looks_audited(user) -> int:
    return AuditEvent.objects.filter(user=user, object_type="progress.steering").count()


def test_the_first_look_says_the_figures_are_on_the_way_and_the_page_asks_again(
    client, march, large
):
    client.force_login(march.leader)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert WAITING in response.text
    assert 'data-hx-trigger="every 2s"' in response.text
    assert response.context["figures"] is None
    assert _queued() == 1
    # Nothing was shown, so nothing was seen: the look is audited when the figures are.
    assert _looks_audited(march.leader) == 0


def test_the_worker_keeps_the_figures_and_the_next_look_shows_them_audited(client, march, large):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    _work()
    assert not SteeringFiguresRequest.objects.exists()
    assert KeptSteeringFigures.objects.filter(municipality=march.municipality).count() == 1
    response = client.get(DASHBOARD)
    assert WAITING not in response.text
    assert ON_THE_STAIRCASE.format(9) in response.text
    assert "every 2s" not in response.text
    assert _looks_audited(march.leader) == 1


def test_many_looks_while_waiting_queue_one_computation_in_few_queries(client, march, large):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    other_leader = UserFactory(municipality=march.municipality, role=Role.LEADER)
    client.force_login(other_leader)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(DASHBOARD)
    assert WAITING in again.text
    assert _queued() == 1
    assert SteeringFiguresRequest.objects.count() == 1
    # No plan or registration is read while waiting, and no audit event is written.
    assert len(queries) <= 12
    assert not [q for q in queries if "progress_stepregistration" in q["sql"]]
    assert not [q for q in queries if "core_auditchainhead" in q["sql"]]


def test_a_computation_lost_with_its_worker_is_asked_for_again_after_the_timeout(
    client, march, large, settings
):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    DBTaskResult.objects.all().delete()  # the worker was stopped; the task is gone
    SteeringFiguresRequest.objects.update(
        requested_at=timezone.now() - timedelta(seconds=settings.ENPLAN_STEERING_QUEUE_TIMEOUT + 1)
    )
    assert WAITING in client.get(DASHBOARD).text
    assert _queued() == 1
    _work()
    assert ON_THE_STAIRCASE.format(9) in client.get(DASHBOARD).text


def test_a_failed_computation_is_said_and_can_be_tried_again(client, march, large, monkeypatch):
    client.force_login(march.leader)
    client.get(DASHBOARD)

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(steering, "steering_figures", broken)
    _work()
    failed = client.get(DASHBOARD)
    assert "Tallene kunne ikke beregnes." in failed.text
    assert "every 2s" not in failed.text
    assert "again=1" in failed.text
    assert _queued() == 1  # the failed one: nothing new until the user asks
    monkeypatch.undo()
    retried = client.get(DASHBOARD + "&again=1")
    assert _queued() == 2
    # On to the page without "again", so that a second failure is shown, not asked for
    # again at every poll or reload.
    assert retried.status_code == 302
    assert retried["Location"] == DASHBOARD
    waiting = client.get(DASHBOARD).text
    assert WAITING in waiting
    assert 'data-hx-get="{}"'.format(DASHBOARD.replace("&", "&amp;")) in waiting
    assert _queued() == 2
    _work()
    assert ON_THE_STAIRCASE.format(9) in client.get(DASHBOARD).text


def test_someone_who_may_not_see_figures_queues_nothing(client, march, large):
    client.force_login(march.plans["A"].coordinator.user)
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(DASHBOARD + "&again=1").status_code == 404
    assert _queued() == 0
    assert not SteeringFiguresRequest.objects.exists()


def test_a_leader_who_lost_the_role_before_the_worker_came_gets_nothing_computed(
    client, march, large
):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    march.leader.role = Role.PROFESSIONAL
    march.leader.save(update_fields=["role"])
    _work()
    assert not KeptSteeringFigures.objects.exists()
    assert not SteeringFiguresRequest.objects.exists()


def test_each_municipality_waits_for_its_own_figures(client, march, large):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    _work()
    elsewhere = UserFactory(role=Role.LEADER)
    client.force_login(elsewhere)
    assert WAITING in client.get(DASHBOARD).text
    assert SteeringFiguresRequest.objects.get().municipality == elsewhere.municipality


def test_a_small_municipality_computes_in_the_request_as_before(client, march, settings):
    settings.ENPLAN_STEERING_QUEUE_FROM_PLANS = 10_000
    client.force_login(march.leader)
    response = client.get(DASHBOARD)
    assert ON_THE_STAIRCASE.format(9) in response.text
    assert _queued() == 0
    assert not SteeringFiguresRequest.objects.exists()


def test_a_download_of_figures_not_kept_goes_to_the_page_that_waits_for_them(client, march, large):
    client.force_login(march.leader)
    download = "/progress/steering/all.xlsx" + QUERY
    response = client.get(download)
    assert response.status_code == 302
    assert response["Location"] == DASHBOARD
    assert _queued() == 1
    assert not AuditEvent.objects.filter(user=march.leader).exists()
    _work()
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.get(user=march.leader).action == "export"


def test_the_queue_begins_at_the_municipality_with_as_many_plans_as_the_threshold(march, settings):
    plans = Plan.objects.filter(municipality=march.municipality).count()
    settings.ENPLAN_STEERING_QUEUE_FROM_PLANS = plans
    assert kept._computed_on_the_queue(march.municipality.pk)
    settings.ENPLAN_STEERING_QUEUE_FROM_PLANS = plans + 1
    assert not kept._computed_on_the_queue(march.municipality.pk)


def test_a_failure_from_before_the_nightly_refresh_is_not_shown_the_next_day(client, march, large):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    SteeringFiguresRequest.objects.update(
        failed=True, requested_at=kept.last_refresh() - timedelta(minutes=1)
    )
    assert WAITING in client.get(DASHBOARD).text
    assert _queued() == 2


def test_a_long_wait_is_explained_without_queueing_again(client, march, large):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    assert "længere tid end normalt" not in client.get(DASHBOARD).text
    SteeringFiguresRequest.objects.update(requested_at=timezone.now() - timedelta(minutes=2))
    waiting = client.get(DASHBOARD).text
    assert WAITING in waiting
    assert "Det tager længere tid end normalt" in waiting
    # It stops asking by itself: an open tab does not poll forever, nor keep the session
    # from timing out; the link still asks.
    assert "every 2s" not in waiting
    assert 'id="steering-update"' in waiting
    assert _queued() == 1


def test_an_old_task_that_ends_after_its_request_was_asked_again_leaves_the_new_one_alone(
    client, march, large, monkeypatch
):
    client.force_login(march.leader)
    client.get(DASHBOARD)
    SteeringFiguresRequest.objects.update(requested_at=timezone.now() - timedelta(hours=1))
    client.get(DASHBOARD)  # taken as lost: asked for again, a second task
    assert _queued() == 2

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(steering, "steering_figures", broken)
    old, _new = DBTaskResult.objects.order_by("enqueued_at")
    with pytest.raises(RuntimeError):
        old.task.call(*old.args_kwargs["args"])
    assert not SteeringFiguresRequest.objects.get().failed
    assert WAITING in client.get(DASHBOARD).text
