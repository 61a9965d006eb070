"""The audit trail as a tamper-evident chain, one per municipality.

Each event carries an HMAC-SHA256 over its own content and the previous event's hash. The
key (`ENPLAN_AUDIT_CHAIN_KEY`) is not in the database, so whoever can change the database,
a database administrator too, cannot change, remove or insert an event and write a chain
that still verifies. Events are numbered 1, 2, 3… per municipality; the chain head row
holds the last number and hash and is locked by every writer, so concurrent writers queue
up instead of forking the chain.

Old events are removed by `audit_prune` only as a prefix of the chain, and a signed
checkpoint keeps the last removed event's number and hash: the trail after it still
verifies, and a checkpoint cannot be made up without the key.
"""

import hashlib
import hmac
import json
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from enplan.core import processes
from enplan.core.models import AuditAction, AuditChainHead, AuditCheckpoint, AuditEvent

GENESIS = "0" * 64
# The key of PostgreSQL's advisory lock that a pruning takes alone and a walk shares, per
# municipality (the second number is the municipality's id).
PRUNING_LOCK = 0x656E706C  # "enpl"
# What the chain adds to writing an event: locking its head, and moving the head on.
CHAIN_QUERIES = 2
# The content that is hashed, in this order. Changing it breaks every existing chain:
# add a new version instead.
CHAINED_FIELDS = (
    "municipality_id",
    "seq",
    "at",
    "user_id",
    "actor_role",
    "actor_organisation",
    "action",
    "object_type",
    "object_id",
    "plan_id",
    "member_id",
    "path",
    "changed_fields",
    "prev_hash",
)


def _key() -> bytes:
    return settings.ENPLAN_AUDIT_CHAIN_KEY.encode()


def _mac(message: str) -> str:
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


def _canonical_time(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def event_hash(values: dict) -> str:
    content = {name: values[name] for name in CHAINED_FIELDS}
    content["at"] = _canonical_time(values["at"])
    content["changed_fields"] = list(values["changed_fields"] or [])
    return _mac("v1|" + json.dumps(content, sort_keys=True, separators=(",", ":")))


def checkpoint_signature(*, municipality_id: int, seq: int, hash: str, pruned_before) -> str:
    return _mac(f"checkpoint|{municipality_id}|{seq}|{hash}|{_canonical_time(pruned_before)}")


def _lock_head(municipality_id: int) -> AuditChainHead:
    """The chain head, locked until the transaction ends (created on the first event)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=municipality_id).first()
    if head is None:
        AuditChainHead.objects.bulk_create(
            [AuditChainHead(municipality_id=municipality_id, seq=0, hash=GENESIS)],
            ignore_conflicts=True,
        )
        head = AuditChainHead.objects.select_for_update().get(pk=municipality_id)
    return head


def append(**values) -> AuditEvent:
    """Write one event at the end of its municipality's chain.

    Inside the caller's transaction when there is one (no savepoint: if the event cannot
    be written, what it records must not be either); the head stays locked until it ends.
    Every audited request of the municipality waits for that lock, so a caller writes its
    event last in the transaction (`scripts/bench_audit_chain.py`: 340-690 events a second
    per municipality on 2 cores).
    """
    with transaction.atomic(savepoint=False):
        head = _lock_head(values["municipality_id"])
        # The time is taken under the lock, so the trail's order is also its time order
        # and pruning by time removes a prefix of the chain.
        values.update(at=timezone.now(), seq=head.seq + 1, prev_hash=head.hash)
        if "user" in values:
            user = values.pop("user")
            values["user_id"] = user.pk if user is not None else None
        values.setdefault("user_id", None)
        values.setdefault("plan_id", None)
        values.setdefault("member_id", None)
        values.setdefault("object_id", "")
        values.setdefault("path", "")
        values.setdefault("changed_fields", [])
        values.setdefault("actor_role", "")
        values.setdefault("actor_organisation", "")
        values["hash"] = event_hash(values)
        event = AuditEvent.objects.create(**values)
        AuditChainHead.objects.filter(pk=head.pk).update(seq=event.seq, hash=event.hash)
    return event


# Verifying --------------------------------------------------------------------------------


@dataclass
class Verdict:
    municipality_id: int
    checked: int
    last_seq: int
    last_hash: str
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem


# Events read per query of a walk. Each is a short query of its own: a walk of a large
# municipality's year takes about 40 minutes, and one snapshot held that long would keep
# PostgreSQL from cleaning up after the pages' appends (the head row's old versions).
WALK_CHUNK = 5000


def _events(municipality_id: int, after: int, up_to: int) -> Iterator[dict]:
    fields = [*CHAINED_FIELDS, "hash", "id"]
    events = AuditEvent.objects.filter(municipality_id=municipality_id, seq__lte=up_to)
    while True:
        chunk = list(events.filter(seq__gt=after).order_by("seq").values(*fields)[:WALK_CHUNK])
        yield from chunk
        if len(chunk) < WALK_CHUNK:
            return
        after = chunk[-1]["seq"]


def verify(municipality_id: int, *, jobs: int = 1) -> Verdict:
    """Walk one municipality's chain from its start (or last checkpoint) to its head and
    report the first broken link.

    With `jobs`, a long chain is walked in that many parts at once, each in a process of
    its own (PostgreSQL only): the walk is Python's work of hashing, one core per part.

    The municipality goes on working meanwhile, so the chain grows while it is walked:
    the walk goes up to the head as it was when it began, and the events written after
    that are the next walk's. No pruning of the municipality runs during the walk (on
    PostgreSQL it waits for the walk), so events removed meanwhile are never taken for
    removed ones."""
    with _no_pruning_meanwhile(municipality_id):
        head = AuditChainHead.objects.filter(pk=municipality_id).first()
        head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
        return _walk(municipality_id, head_seq, head_hash, jobs)


@contextmanager
def _no_pruning_meanwhile(municipality_id: int) -> Iterator[None]:
    """Share the pruning lock: walks run side by side, a pruning waits until they end.
    (SQLite, for development, has no such lock; a pruning there takes a moment.)"""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_lock_shared(%s::int, %s::int)", [PRUNING_LOCK, municipality_id]
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_unlock_shared(%s::int, %s::int)",
                [PRUNING_LOCK, municipality_id],
            )


def _walk(municipality_id: int, head_seq: int, head_hash: str, jobs: int) -> Verdict:
    seq, prev = 0, GENESIS
    checkpoint = AuditCheckpoint.objects.filter(municipality_id=municipality_id).first()
    if checkpoint is not None:
        expected = checkpoint_signature(
            municipality_id=municipality_id,
            seq=checkpoint.seq,
            hash=checkpoint.hash,
            pruned_before=checkpoint.pruned_before,
        )
        if not hmac.compare_digest(expected, checkpoint.signature):
            return Verdict(
                municipality_id, 0, checkpoint.seq, checkpoint.hash,
                f"the checkpoint at event {checkpoint.seq} is not signed with the chain key",
            )  # fmt: skip
        seq, prev = checkpoint.seq, checkpoint.hash
    if head_seq < seq:
        return Verdict(
            municipality_id, 0, seq, prev,
            f"the trail does not end where its head says (event {head_seq})",
        )  # fmt: skip
    checked = 0
    for part in _walk_parts(municipality_id, _parts(municipality_id, seq, prev, head_seq, jobs)):
        checked += part.checked
        if not part.ok:
            return Verdict(municipality_id, checked, part.last_seq, part.last_hash, part.problem)
        seq, prev = part.last_seq, part.last_hash
    if head_hash != prev:
        return Verdict(
            municipality_id, checked, seq, prev,
            f"the trail does not end where its head says (event {head_seq})",
        )  # fmt: skip
    # Events numbered past the head were not written by `append`, which moves the head in
    # the same transaction. The last number is read before the head is read again, so an
    # event written meanwhile has its head in place by then.
    last = AuditEvent.objects.filter(municipality_id=municipality_id).aggregate(last=Max("seq"))
    head_now = AuditChainHead.objects.filter(pk=municipality_id).values_list("seq", flat=True)
    if (last["last"] or 0) > max(head_now.first() or 0, head_seq):
        return Verdict(
            municipality_id, checked, seq, prev,
            f"events after the head (event {head_seq}) are outside the chain (inserted)",
        )  # fmt: skip
    unchained = AuditEvent.objects.filter(municipality_id=municipality_id, seq__isnull=True)
    if unchained.exists():
        return Verdict(
            municipality_id, checked, seq, prev,
            f"{unchained.count()} events are outside the chain (inserted)",
        )  # fmt: skip
    return Verdict(municipality_id, checked, seq, prev)


def _walk_part(municipality_id: int, seq: int, prev: str, up_to: int) -> Verdict:
    """Walk the events after `seq` (whose hash is `prev`) up to `up_to`, and report the
    first broken link among them."""
    checked = 0
    for event in _events(municipality_id, seq, up_to):
        if event["seq"] != seq + 1:
            return Verdict(
                municipality_id, checked, seq, prev,
                f"events {seq + 1}–{event['seq'] - 1} are missing (removed)",
            )  # fmt: skip
        if event["prev_hash"] != prev:
            return Verdict(
                municipality_id, checked, seq, prev,
                f"event {event['seq']} (id {event['id']}) does not follow event {seq}",
            )  # fmt: skip
        if not hmac.compare_digest(event_hash(event), event["hash"]):
            return Verdict(
                municipality_id, checked, seq, prev,
                f"event {event['seq']} (id {event['id']}) was changed after it was written",
            )  # fmt: skip
        seq, prev = event["seq"], event["hash"]
        checked += 1
    if seq != up_to:
        return Verdict(
            municipality_id, checked, seq, prev, f"events {seq + 1}–{up_to} are missing (removed)"
        )
    return Verdict(municipality_id, checked, seq, prev)


# A walk is split over processes only in parts of at least this many events: starting a
# process costs a second or two, checking 200,000 events about six (120,000 events in two
# parts took longer than in one, `scripts/bench_audit_verify.py`).
MIN_PART = 200_000


def _parts(municipality_id: int, seq: int, prev: str, up_to: int, jobs: int) -> list:
    """The walk from `seq` to `up_to` in `jobs` consecutive parts, each with the stored hash
    of the event it starts after. Each event's own hash is checked in its part, and its
    link to the one before it too, so the parts together check every link; a part that
    starts after a missing or changed event fails, but the part before it names that
    event first."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        # SQLite is for development; and other processes cannot see what a transaction
        # under way has written: one process.
        jobs = 1
    jobs = max(1, min(jobs, (up_to - seq) // MIN_PART))
    size = -(-(up_to - seq) // jobs)  # rounded up
    starts = [seq + size * k for k in range(jobs)]
    stored = dict(
        AuditEvent.objects.filter(municipality_id=municipality_id, seq__in=starts[1:]).values_list(
            "seq", "hash"
        )
    )
    return [
        (start, prev if start == seq else stored.get(start, ""), min(start + size, up_to))
        for start in starts
    ]


def _walk_parts(municipality_id: int, parts: list) -> list[Verdict]:
    if len(parts) == 1:
        return [_walk_part(municipality_id, *parts[0])]
    # Fresh processes, each with its own connection to the same database (a forked one
    # would share this process's connection, which holds the pruning lock).
    with ProcessPoolExecutor(
        len(parts),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=processes.django_ready,
        initargs=(connection.settings_dict["NAME"],),
    ) as pool:
        return list(pool.map(_walk_part, [municipality_id] * len(parts), *zip(*parts, strict=True)))


# Pruning ----------------------------------------------------------------------------------


@dataclass
class Pruned:
    municipality_id: int
    removed: int
    checkpoint: AuditCheckpoint | None


def prune(municipality_id: int, *, before: datetime) -> Pruned:
    """Remove the events older than `before` as a prefix of the chain, leave a signed
    checkpoint of the last one removed, and record the pruning itself in the trail.

    The chain's head is not held while events are removed, only for the pruning's own
    event at the end: every audited page of the municipality waits for the head, and
    removing a month of a large municipality's events takes many seconds (1,000,000 in
    2.1 s, `scripts/bench_audit_prune.py`). Nothing written meanwhile is removed: the
    last event removed is older than `before` (an event's time is taken under the head's
    lock, so the older events are a prefix of the chain), and the removal stops at it."""
    with transaction.atomic():
        _one_pruning_at_a_time(municipality_id)
        first_kept = (
            AuditEvent.objects.filter(municipality_id=municipality_id, at__gte=before)
            .order_by("seq")
            .values_list("seq", flat=True)
            .first()
        )
        # By time as well as by number: an event written after `first_kept` was read
        # (when no event was recent enough to be kept) is new, and stays.
        last = AuditEvent.objects.filter(
            municipality_id=municipality_id, seq__isnull=False, at__lt=before
        )
        if first_kept is not None:
            last = last.filter(seq__lt=first_kept)
        last_removed = last.order_by("-seq").values("seq", "hash").first()
        if last_removed is None:
            return Pruned(municipality_id, 0, None)
        last_seq = int(last_removed["seq"] or 0)  # never None: filtered on seq__isnull=False
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The append-only trigger lets this transaction, and only it, remove events.
                cursor.execute("SET LOCAL enplan.audit_prune = 'on'")
            cursor.execute(
                "DELETE FROM core_auditevent WHERE municipality_id = %s AND seq <= %s",
                [municipality_id, last_seq],
            )
            removed = cursor.rowcount
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL enplan.audit_prune = 'off'")
        checkpoint = AuditCheckpoint.objects.create(
            municipality_id=municipality_id,
            seq=last_seq,
            hash=last_removed["hash"],
            pruned_before=before,
            removed=removed,
            signature=checkpoint_signature(
                municipality_id=municipality_id,
                seq=last_seq,
                hash=last_removed["hash"],
                pruned_before=before,
            ),
        )
        # The pruning is itself in the trail, at its end: who cannot be named (a command
        # run by the operator), what and up to where can.
        append(
            municipality_id=municipality_id,
            actor_role="audit_prune",
            action=AuditAction.DELETE,
            object_type="core.auditevent",
            object_id=str(last_seq),
            path=f"audit_prune: {removed} events before {_canonical_time(before)}",
        )
    return Pruned(municipality_id, removed, checkpoint)


def _one_pruning_at_a_time(municipality_id: int) -> None:
    """Two prunings of one municipality at once would each leave a checkpoint; the second
    waits here until the first has ended, and a pruning waits for the walks of `verify`
    under way. (SQLite runs one writing transaction at a time anyway.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s::int, %s::int)", [PRUNING_LOCK, municipality_id]
            )
