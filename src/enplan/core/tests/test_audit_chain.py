"""The audit trail is a hash chain per municipality: nobody, a database administrator
included, can change, remove or insert an event without `audit_verify` saying so."""

import threading
import time
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test import override_settings
from django.utils import timezone

from enplan.core import audit, auditchain
from enplan.core.models import AuditAction, AuditChainHead, AuditCheckpoint, AuditEvent
from enplan.core.tests.factories import MunicipalityFactory, UserFactory

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's row locks and trigger"
)


def write_events(world, n):
    return [
        audit.record(
            user=world.actor.user,
            action=AuditAction.VIEW,
            obj=world.plan,
            plan=world.plan,
            path=f"/plans/{world.plan.pk}/?n={i}",
        )
        for i in range(n)
    ]


def as_database_administrator(sql, params=()):
    """Change the table behind the application's back, as someone with database rights
    could: on PostgreSQL around the append-only trigger."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def verify_output():
    out, err = StringIO(), StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError as error:
        return False, err.getvalue() + str(error)
    return True, out.getvalue()


@pytest.mark.django_db
def test_each_event_follows_the_one_before_it_in_its_municipality(world):
    first, second = write_events(world, 2)
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == auditchain.GENESIS
    assert second.prev_hash == first.hash
    assert AuditChainHead.objects.get(pk=world.municipality.pk).hash == second.hash
    # Another municipality's trail is a chain of its own.
    other = MunicipalityFactory()
    event = audit.record_listing(
        user=UserFactory(municipality=other), what="plans.caseload", path="/plans/"
    )
    assert (event.seq, event.prev_hash) == (1, auditchain.GENESIS)


@pytest.mark.django_db
def test_an_untouched_trail_verifies(world):
    write_events(world, 5)
    ok, output = verify_output()
    assert ok, output
    assert "5 events verified" in output


@pytest.mark.django_db
def test_a_changed_event_is_found(world):
    events = write_events(world, 5)
    as_database_administrator(
        "UPDATE core_auditevent SET path = %s WHERE id = %s", ["/plans/", events[2].pk]
    )
    ok, output = verify_output()
    assert not ok
    assert "event 3" in output
    assert "changed" in output


@pytest.mark.django_db
def test_a_changed_event_with_a_recomputed_plain_hash_is_still_found(world):
    # Without the key nobody can write a hash that fits: a plain SHA-256 does not.
    import hashlib

    events = write_events(world, 3)
    forged = hashlib.sha256(b"forged").hexdigest()
    as_database_administrator(
        "UPDATE core_auditevent SET user_id = NULL, hash = %s WHERE id = %s",
        [forged, events[1].pk],
    )
    ok, output = verify_output()
    assert not ok
    assert "event 2" in output


@pytest.mark.django_db
def test_a_removed_event_is_found(world):
    events = write_events(world, 5)
    as_database_administrator("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    ok, output = verify_output()
    assert not ok
    assert "events 2–2 are missing" in output


@pytest.mark.django_db
def test_removing_the_newest_events_is_found(world):
    events = write_events(world, 5)
    as_database_administrator("DELETE FROM core_auditevent WHERE id >= %s", [events[3].pk])
    ok, output = verify_output()
    assert not ok
    assert "events 4–5 are missing" in output


@pytest.mark.django_db
def test_an_inserted_event_is_found(world):
    write_events(world, 2)
    as_database_administrator(
        "INSERT INTO core_auditevent (municipality_id, at, actor_role, actor_organisation,"
        " action, object_type, object_id, path, changed_fields, prev_hash, hash)"
        " VALUES (%s, %s, '', '', 'view', 'plans.plan', '1', '', '[]', '', '')",
        [world.municipality.pk, timezone.now()],
    )
    ok, output = verify_output()
    assert not ok
    assert "outside the chain" in output


@pytest.mark.django_db
@override_settings(ENPLAN_AUDIT_RETENTION_DAYS=183)
def test_pruning_removes_old_events_and_the_rest_still_verifies(world):
    write_events(world, 4)
    old_ids = list(AuditEvent.objects.order_by("seq").values_list("pk", flat=True)[:3])
    as_database_administrator(
        "UPDATE core_auditevent SET at = %s WHERE id IN (%s, %s, %s)",
        [timezone.now() - timedelta(days=400), *old_ids],
    )
    # Moving the time was itself a change the chain sees; re-sign the test's trail as if
    # the events had been written back then.
    resign_chain(world.municipality.pk)

    call_command("audit_prune", stdout=StringIO())

    remaining = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in remaining] == [4, 5]
    # The pruning is in the trail, with how much and up to where.
    assert remaining[-1].object_type == "core.auditevent"
    assert remaining[-1].path.startswith("audit_prune: 3 events before")
    checkpoint = AuditCheckpoint.objects.get()
    assert (checkpoint.seq, checkpoint.removed) == (3, 3)
    ok, output = verify_output()
    assert ok, output


@pytest.mark.django_db
def test_a_forged_checkpoint_is_found(world):
    write_events(world, 3)
    with override_settings(ENPLAN_AUDIT_RETENTION_DAYS=183):
        auditchain.prune(world.municipality.pk, before=timezone.now())
    assert AuditEvent.objects.count() == 1  # only the pruning's own event
    AuditCheckpoint.objects.update(seq=2)
    ok, output = verify_output()
    assert not ok
    assert "not signed" in output


@pytest.mark.django_db
def test_the_retention_cannot_be_set_below_six_months(monkeypatch):
    import importlib

    import enplan.settings

    monkeypatch.setenv("ENPLAN_AUDIT_RETENTION_DAYS", "90")
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        importlib.reload(enplan.settings)
    monkeypatch.delenv("ENPLAN_AUDIT_RETENTION_DAYS")
    importlib.reload(enplan.settings)


def resign_chain(municipality_id):
    prev = auditchain.GENESIS
    events = AuditEvent.objects.filter(municipality_id=municipality_id).order_by("seq")
    for event in events.values(*auditchain.CHAINED_FIELDS, "id"):
        event["prev_hash"] = prev
        prev = auditchain.event_hash(event)
        as_database_administrator(
            "UPDATE core_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
            [event["prev_hash"], prev, event["id"]],
        )
    AuditChainHead.objects.filter(pk=municipality_id).update(hash=prev)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_queue_up_and_never_fork_the_chain(world):
    threads, per_thread, errors = 8, 25, []
    barrier = threading.Barrier(threads)

    def writer():
        try:
            barrier.wait()
            write_events(world, per_thread)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert errors == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, threads * per_thread + 1))
    assert auditchain.verify(world.municipality.pk).ok


@postgres_only
@pytest.mark.django_db
def test_the_database_refuses_changes_outside_pruning(world):
    from django.db import transaction
    from django.db.utils import DatabaseError

    [event] = write_events(world, 1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


# Pruning while the municipality works -------------------------------------------------------


def age_events(world, count):
    """The first `count` events as if written 400 days ago (the chain re-signed to match)."""
    old_ids = list(AuditEvent.objects.order_by("seq").values_list("pk", flat=True)[:count])
    as_database_administrator(
        "UPDATE core_auditevent SET at = %s WHERE id = ANY(%s)",
        [timezone.now() - timedelta(days=400), old_ids],
    )
    resign_chain(world.municipality.pk)


@pytest.fixture
def two_old_events_one_new(world):
    write_events(world, 3)
    age_events(world, 2)


@contextmanager
def slow_removal(seconds):
    """Each DELETE of audit events first sleeps, so a test can act while one is running."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE OR REPLACE FUNCTION enplan_test_slow_removal() RETURNS trigger "
            "LANGUAGE plpgsql AS "
            f"$$ BEGIN PERFORM pg_sleep({seconds}); RETURN NULL; END $$"
        )
        cursor.execute("DROP TRIGGER IF EXISTS enplan_test_slow_removal ON core_auditevent")
        cursor.execute(
            "CREATE TRIGGER enplan_test_slow_removal BEFORE DELETE ON core_auditevent "
            "FOR EACH STATEMENT EXECUTE FUNCTION enplan_test_slow_removal()"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER enplan_test_slow_removal ON core_auditevent")
            cursor.execute("DROP FUNCTION enplan_test_slow_removal()")


def wait_until_removing(timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_stat_activity WHERE state = 'active' "
                "AND datname = current_database() AND pid <> pg_backend_pid() "
                "AND query LIKE 'DELETE FROM core_auditevent%%'"
            )
            if cursor.fetchone():
                return
        time.sleep(0.05)
    raise AssertionError("no pruning started removing events")


def pruning_in_the_background(world, errors):
    def prune():
        try:
            auditchain.prune(world.municipality.pk, before=timezone.now() - timedelta(days=300))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=prune)
    thread.start()
    return thread


@postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(ENPLAN_AUDIT_RETENTION_DAYS=183)
def test_pages_go_on_writing_events_while_old_ones_are_pruned(world, two_old_events_one_new):
    errors = []
    with slow_removal(seconds=2):
        pruning = pruning_in_the_background(world, errors)
        wait_until_removing()
        started = time.perf_counter()
        [written] = write_events(world, 1)
        waited = time.perf_counter() - started
        pruning.join()

    assert errors == []
    # The page's event did not wait for the two seconds of removing.
    assert waited < 1.0
    # It stays, after the events the pruning removed, and before the pruning's own.
    remaining = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in remaining] == [3, 4, 5]
    assert remaining[1].pk == written.pk
    assert remaining[2].path.startswith("audit_prune: 2 events before")
    assert auditchain.verify(world.municipality.pk).ok


@postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(ENPLAN_AUDIT_RETENTION_DAYS=183)
def test_two_prunings_at_once_remove_the_old_events_once(world, two_old_events_one_new):
    errors = []
    with slow_removal(seconds=1):
        first = pruning_in_the_background(world, errors)
        wait_until_removing()
        second = pruning_in_the_background(world, errors)
        first.join()
        second.join()

    assert errors == []
    checkpoint = AuditCheckpoint.objects.get()
    assert (checkpoint.seq, checkpoint.removed) == (2, 2)
    assert AuditEvent.objects.filter(object_type="core.auditevent").count() == 1
    assert auditchain.verify(world.municipality.pk).ok


# Verifying while the municipality works ----------------------------------------------------


@pytest.mark.django_db
def test_an_event_numbered_past_the_head_is_found(world):
    write_events(world, 2)
    as_database_administrator(
        "INSERT INTO core_auditevent (municipality_id, seq, at, actor_role,"
        " actor_organisation, action, object_type, object_id, path, changed_fields,"
        " prev_hash, hash) VALUES (%s, 3, %s, '', '', 'view', 'plans.plan', '1', '', '[]',"
        " '', '')",
        [world.municipality.pk, timezone.now()],
    )
    ok, output = verify_output()
    assert not ok
    assert "events after the head (event 2) are outside the chain" in output


@pytest.mark.django_db(transaction=True)
def test_events_written_while_the_trail_is_verified_do_not_break_it(world, monkeypatch):
    write_events(world, 5)
    walk = auditchain._events

    def walk_while_the_pages_write(*args):
        for i, event in enumerate(walk(*args)):
            if i == 1:  # half-way, a caseworker opens three plans
                writer = threading.Thread(target=pages_write_events, args=(world, 3))
                writer.start()
                writer.join()
            yield event

    monkeypatch.setattr(auditchain, "_events", walk_while_the_pages_write)
    verdict = auditchain.verify(world.municipality.pk)

    assert verdict.ok, verdict.problem
    assert verdict.checked == 5  # the three new events are the next walk's
    assert AuditEvent.objects.count() == 8
    monkeypatch.undo()
    assert auditchain.verify(world.municipality.pk).checked == 8


def pages_write_events(world, n):
    try:
        write_events(world, n)
    finally:
        connections.close_all()


def wait_until_a_pruning_waits(timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                "WHERE l.locktype = 'advisory' AND NOT l.granted "
                "AND d.datname = current_database()"
            )
            if cursor.fetchone():
                return
        time.sleep(0.05)
    raise AssertionError("no pruning waited for the walk")


@postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(ENPLAN_AUDIT_RETENTION_DAYS=183)
def test_a_pruning_waits_for_the_walk_under_way(world, monkeypatch):
    write_events(world, 5)
    age_events(world, 2)
    errors, started = [], []
    walk = auditchain._events

    def walk_while_the_operator_prunes(*args):
        for i, event in enumerate(walk(*args)):
            if i == 1:
                started.append(pruning_in_the_background(world, errors))
                wait_until_a_pruning_waits()
            yield event

    monkeypatch.setattr(auditchain, "_events", walk_while_the_operator_prunes)
    verdict = auditchain.verify(world.municipality.pk)
    [pruning] = started
    pruning.join()

    assert verdict.ok, verdict.problem
    assert verdict.checked == 5
    assert errors == []
    # The pruning ran once the walk was over.
    assert AuditCheckpoint.objects.get().seq == 2
    monkeypatch.undo()
    assert auditchain.verify(world.municipality.pk).ok


@postgres_only
@pytest.mark.django_db(transaction=True)
@override_settings(ENPLAN_AUDIT_RETENTION_DAYS=183)
def test_an_event_written_while_a_pruning_looks_for_old_ones_is_kept(world):
    # Every event is old, so the pruning finds none to keep and removes up to the last.
    write_events(world, 3)
    age_events(world, 3)
    looked, go_on, errors = threading.Event(), threading.Event(), []

    def pause_after_looking(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not looked.is_set() and '"at" >=' in sql:
            looked.set()
            go_on.wait(timeout=10)
        return result

    def prune():
        try:
            with connection.execute_wrapper(pause_after_looking):
                auditchain.prune(world.municipality.pk, before=timezone.now() - timedelta(days=300))
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    pruning = threading.Thread(target=prune)
    pruning.start()
    assert looked.wait(timeout=10)
    [written] = write_events(world, 1)  # a caseworker opens a plan meanwhile
    go_on.set()
    pruning.join()

    assert errors == []
    assert AuditEvent.objects.filter(pk=written.pk).exists()
    assert AuditCheckpoint.objects.get().seq == 3
    assert auditchain.verify(world.municipality.pk).ok


# Walking in parts, in processes of their own ------------------------------------------------


@pytest.fixture
def parts_of_four(monkeypatch):
    monkeypatch.setattr(auditchain, "MIN_PART", 4)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_chain_walked_in_three_processes_verifies_every_event(world, parts_of_four, monkeypatch):
    write_events(world, 12)
    split, walked_by = auditchain._parts, []
    monkeypatch.setattr(auditchain, "_parts", lambda *a: walked_by.append(split(*a)) or split(*a))

    verdict = auditchain.verify(world.municipality.pk, jobs=3)

    assert verdict.ok, verdict.problem
    assert (verdict.checked, verdict.last_seq) == (12, 12)
    [parts] = walked_by
    assert [(after, up_to) for after, _prev, up_to in parts] == [(0, 4), (4, 8), (8, 12)]


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("changed", [2, 4, 5, 9])  # in a part, at its end, at the next's start
def test_walked_in_parts_a_changed_event_is_found_as_in_one_walk(world, parts_of_four, changed):
    events = write_events(world, 12)
    as_database_administrator(
        "UPDATE core_auditevent SET path = '/elsewhere/' WHERE id = %s", [events[changed - 1].pk]
    )
    in_parts = auditchain.verify(world.municipality.pk, jobs=3)
    in_one = auditchain.verify(world.municipality.pk, jobs=1)
    assert not in_parts.ok
    assert in_parts.problem == in_one.problem
    assert f"event {changed} " in in_parts.problem
    assert (in_parts.checked, in_parts.last_seq) == (in_one.checked, in_one.last_seq)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_walked_in_parts_an_event_removed_where_a_part_starts_is_found(world, parts_of_four):
    events = write_events(world, 12)
    # With 12 events in three parts, the second part starts after event 4.
    as_database_administrator("DELETE FROM core_auditevent WHERE id = %s", [events[3].pk])
    in_parts = auditchain.verify(world.municipality.pk, jobs=3)
    assert not in_parts.ok
    assert in_parts.problem == "events 4–4 are missing (removed)"
    assert in_parts.problem == auditchain.verify(world.municipality.pk, jobs=1).problem


@pytest.mark.django_db
def test_the_command_refuses_fewer_than_one_job_and_checks_nothing(world):
    write_events(world, 2)
    with pytest.raises(CommandError, match="--jobs must be 1 or more"):
        call_command("audit_verify", "--jobs", "0", stdout=StringIO())


@pytest.mark.django_db
def test_inside_a_transaction_a_walk_asked_for_in_parts_is_walked_in_one(world, parts_of_four):
    # The parts' processes could not see the events this transaction has written.
    write_events(world, 12)
    verdict = auditchain.verify(world.municipality.pk, jobs=3)
    assert verdict.ok, verdict.problem
    assert verdict.checked == 12
    assert len(auditchain._parts(world.municipality.pk, 0, auditchain.GENESIS, 12, 3)) == 1
