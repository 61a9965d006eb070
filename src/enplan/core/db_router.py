"""Reads of figures from a read replica, off by default (docs/scaling.md).

A replica lags the primary by a moment. That is fine for the steering figures and their
exports, which count last month, and never fine for a decision about access: a consent
withdrawn a second ago must not still open a plan. So nothing is read from the replica
unless the code asks for it around a piece of work (`replica_reads()`), and even then the
models that access decisions are made from are always read from the primary.

Turned on by ENPLAN_READ_REPLICA_URL, which adds the "replica" database and this router.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_replica_wanted: ContextVar[bool] = ContextVar("replica_wanted", default=False)

# Who may see what is decided from these: never from a lagging copy.
NEVER_FROM_REPLICA = {
    "core.user",
    "sessions.session",
    "plans.plan",
    "plans.planmember",
    "plans.consent",
    "plans.actor",
    "plans.citizen",
    "organisation.professional",
    "meetings.meeting",
    "meetings.participant",
}


def _decides_access(model) -> bool:
    label = model._meta.label_lower
    # The consent's own tables too (what it covers: departments, areas, members).
    return label in NEVER_FROM_REPLICA or label.startswith("plans.consent")


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads of figures inside this block may come from the replica."""
    token = _replica_wanted.set(True)
    try:
        yield
    finally:
        _replica_wanted.reset(token)


def read_alias() -> str:
    """The database that raw SQL for figures should use right now."""
    if _replica_wanted.get() and REPLICA in settings.DATABASES:
        return REPLICA
    return "default"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _decides_access(model):
            return "default"
        return read_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
