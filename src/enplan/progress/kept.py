"""The steering figures, kept between looks (docs/progress.md, "Kept figures").

Computing the figures reads every plan and registration of the municipality: seconds at
100,000 plans, on every look. They describe whole months for the steering group's
monthly dialogue, so they are computed once a night (`keep_steering_figures`, for the
periods a steering group usually looks at and every group of plans), or the first time
someone looks at a period nobody asked for that day, and kept. The page and its exports
read what was kept and say when it was computed.

What is kept is aggregates after suppression: no citizen, no plan is named in it. It is
stored signed with the site's key, so a row changed in the database is thrown away and
computed again, never unpickled.

What is kept holds no text in a language: the labels are kept as the message (or the
question, or the area's name) and put in the language of whoever looks when the page or
the export is made. So each period and group is computed once, for Danish and English
alike.
"""

import logging
import pickle
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from enplan.core import access as core_access
from enplan.core import audit
from enplan.core.db_router import replica_reads
from enplan.core.models import AuditAction, Municipality, Role, User
from enplan.plans.models import Plan
from enplan.progress import access as progress_access
from enplan.progress import forms, steering
from enplan.progress.models import KeptSteeringFigures, SteeringFiguresRequest
from enplan.progress.steering import Group, Period, SteeringFigures

log = logging.getLogger(__name__)

# Raise when SteeringFigures or what it holds changes shape: figures kept by the code
# before are then computed again instead of being read into the new classes.
VERSION = 2  # 2: kept once for every language, the labels resolved at each look
_SALT = "enplan.progress.kept"


class _Pickled:
    """Serializer for `signing`: it checks the signature before this is ever called."""

    def dumps(self, obj) -> bytes:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)

    def loads(self, data: bytes):
        return pickle.loads(data)  # only after the signature is verified


def _key(period: Period, group: Group) -> str:
    # The last day is in the key: "this month so far" is new figures every day. The
    # language is not: the figures are the same in every language.
    return (
        f"v{VERSION}:{period.start.isoformat()}:{period.end.isoformat()}:"
        f"{period.last_day.isoformat()}:{group.key}"
    )


def last_refresh(now: datetime | None = None) -> datetime:
    """When the figures were last due to be computed: today at the refresh hour, or
    yesterday's if that has not come yet. Figures kept before then are out of date."""
    now = timezone.localtime(now)
    due = timezone.make_aware(
        datetime.combine(now.date(), time(settings.ENPLAN_STEERING_REFRESH_HOUR))
    )
    return due if now >= due else due - timedelta(days=1)


def _read(municipality_id: int, key: str) -> SteeringFigures | None:
    row = (
        KeptSteeringFigures.objects.filter(
            municipality_id=municipality_id, key=key, computed_at__gte=last_refresh()
        )
        .only("payload")
        .first()
    )
    if row is None:
        return None
    try:
        return signing.loads(row.payload, salt=_SALT, serializer=_Pickled)
    except signing.BadSignature:
        log.warning("Kept steering figures with a bad signature were thrown away.")
    except Exception:
        # A kept copy this code can no longer read (a class changed shape).
        log.warning("Kept steering figures could not be read and are computed again.")
    return None


def _keep(municipality_id: int, key: str, figures: SteeringFigures) -> None:
    payload = signing.dumps(figures, salt=_SALT, serializer=_Pickled, compress=True)
    # Two leaders looking at the same new figures at once: update_or_create settles it.
    KeptSteeringFigures.objects.update_or_create(
        municipality_id=municipality_id,
        key=key,
        defaults={"payload": payload, "computed_at": figures.generated_at},
    )


def figures(user: User, *, period: Period, group: Group) -> SteeringFigures:
    """The figures for the dashboard and its exports: the kept ones if they are from
    after the last refresh, else computed now and kept."""
    progress_access.steering_figures_or_404(user)
    municipality_id, key = core_access.scope_of(user), _key(period, group)
    return _read(municipality_id, key) or _computed_and_kept(
        user, municipality_id, key, period, group
    )


def _computed_and_kept(
    user: User, municipality_id: int, key: str, period: Period, group: Group
) -> SteeringFigures:
    computed = _computed(user, period, group)
    _keep(municipality_id, key, computed)
    return computed


def _computed(
    user: User, period: Period, group: Group, everyone: SteeringFigures | None = None
) -> SteeringFigures:
    """The figures worked out now. Their reads may come from a read replica, a moment
    behind (docs/scaling.md); what is kept, and the audit event, are written to the
    primary, and who may look was decided before, on the primary too."""
    with replica_reads():
        return steering.steering_figures(user, period=period, group=group, everyone=everyone)


# A look at the dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class Look:
    """What the dashboard shows: the figures, or that they are being computed on the task
    queue (the page asks again by itself), or why they could not be."""

    figures: SteeringFigures | None = None
    waiting: bool = False
    failed: bool = False
    # Waiting for longer than a computation takes: the worker is busy, or not running.
    # The page stops asking again by itself, so an open tab neither waits forever nor
    # keeps the session from timing out.
    slow: bool = False


def _computed_on_the_queue(municipality_id: int) -> bool:
    threshold = settings.ENPLAN_STEERING_QUEUE_FROM_PLANS
    if threshold <= 0:
        return True
    # Is there a plan at place `threshold`? PostgreSQL reads that many index entries and
    # returns one row, however large the municipality.
    plans = Plan.objects.filter(municipality_id=municipality_id).order_by("pk")
    return plans[threshold - 1 : threshold].exists()


def steering_look(
    user: User,
    *,
    period: Period,
    group: Group,
    path: str,
    again: bool = False,
    what: str = "progress.steering",
    action: AuditAction = AuditAction.VIEW,
) -> Look:
    """A look at the dashboard (`what` "progress.steering") or a download of its figures.

    Kept figures are shown at once; new ones are computed in the request in a small
    municipality and on the task queue in a large one, where a request would take
    seconds. Only figures shown are audited (who looked at which figures, with the period
    and group in the path): a look that waits has seen nothing. `again` asks once more
    after a computation that failed. The audit event is a write, and the kept figures
    and the audit chain are read, on the primary."""
    progress_access.steering_figures_or_404(user)
    municipality_id, key = core_access.scope_of(user), _key(period, group)
    found = _read(municipality_id, key)
    if found is None and not _computed_on_the_queue(municipality_id):
        found = _computed_and_kept(user, municipality_id, key, period, group)
    if found is not None:
        audit.record_figures(user=user, action=action, what=what, path=path)
        return Look(figures=found)
    return _requested(user, municipality_id, key, period, group, again=again)


# Far longer than the figures take to compute at 100,000 plans (benchmarks.md).
SLOW = timedelta(minutes=1)


def _requested(
    user: User, municipality_id: int, key: str, period: Period, group: Group, *, again: bool
) -> Look:
    """Queue the computation unless it is queued already: one row per period and group
    (a database constraint), so many leaders looking at once queue it once."""
    now = timezone.now()
    with transaction.atomic():
        asked, created = SteeringFiguresRequest.objects.select_for_update().get_or_create(
            municipality_id=municipality_id, key=key, defaults={"requested_at": now}
        )
        # Lost with its worker, or asked for before the night's refresh (a problem then
        # may be gone): asked for again.
        timeout = timedelta(seconds=settings.ENPLAN_STEERING_QUEUE_TIMEOUT)
        lost = now - asked.requested_at > timeout or asked.requested_at < last_refresh()
        if asked.failed and not (again or lost):
            return Look(failed=True)
        if not (created or lost or asked.failed):
            return Look(waiting=True, slow=now - asked.requested_at > SLOW)
        if not created:
            asked.requested_at, asked.failed = now, False
            asked.save(update_fields=["requested_at", "failed"])
        from enplan.progress.tasks import keep_requested_figures

        # Queued in the same transaction (the task queue is in the database): the
        # request row and its task are written together or not at all.
        keep_requested_figures.enqueue(
            user.pk,
            period.start.isoformat(),
            period.end.isoformat(),
            group.key,
            key,
            asked.requested_at.isoformat(),
        )
    return Look(waiting=True)


def keep_requested(
    *, user_pk: int, start: str, end: str, group_key: str, key: str, requested_at: str
) -> None:
    """The task queue's side of a look that waits: compute and keep the figures as the
    leader who asked (the access rules decide again, in the worker), then let the page
    find them. A failure is marked for the page, and the task fails for the metrics.

    `requested_at` names the request this task is for: a task taken as lost that ends
    after it was asked for again must not mark the newer request as failed."""
    user = User.objects.get(pk=user_pk)
    requested = SteeringFiguresRequest.objects.filter(
        municipality_id=core_access.scope_of(user), key=key
    )
    this_request = requested.filter(requested_at=datetime.fromisoformat(requested_at))
    try:
        group = steering.group_choices(user).group_for(group_key)
        if group is None:
            raise Http404
        figures(
            user, period=Period(date.fromisoformat(start), date.fromisoformat(end)), group=group
        )
    except Http404:
        # No longer a leader, or the group is gone: there is nobody to compute them for.
        this_request.delete()
        return
    except Exception:
        this_request.update(failed=True)
        raise
    # Kept: whichever request is waiting for them finds them now.
    requested.delete()


def keep_for_municipality(municipality: Municipality, *, today=None) -> int:
    """Compute and keep the figures a steering group usually looks at, for every group
    of plans: what the nightly run does. Returns how many were kept.

    The figures are the same for every leader of the municipality; they are computed as
    one of them, so the access rules decide here too. Without a leader nobody can look,
    and nothing is computed. Every group's figures are protected against those of all
    plans (`steering.protect_the_rest`): they are computed once per period, kept, and
    used for every group of that period, instead of once more for each group.
    """
    leader = (
        User.objects.filter(municipality=municipality, role=Role.LEADER, is_active=True)
        .order_by("pk")
        .first()
    )
    if leader is None:
        return 0
    today = today or timezone.localdate()
    choices = steering.group_choices(leader)
    keys = [f"{steering.AREA}:{a.pk}" for a in choices.areas]
    keys += [f"{steering.MODEL}:{m.pk}" for m in choices.models]
    keys += [f"{steering.TEAM}:{d.pk}" for d in choices.teams]
    groups = [group for key in keys if (group := choices.group_for(key)) is not None]
    kept = 0
    for _label, period in forms.quick_periods(today):
        everyone = _computed(leader, period, Group())
        _keep(municipality.pk, _key(period, everyone.group), everyone)
        kept += 1
        for group in groups:
            computed = _computed(leader, period, group, everyone)
            _keep(municipality.pk, _key(period, group), computed)
            kept += 1
    # What no look can use any more: computed before the refresh before this one.
    KeptSteeringFigures.objects.filter(
        municipality=municipality, computed_at__lt=last_refresh() - timedelta(days=1)
    ).delete()
    SteeringFiguresRequest.objects.filter(
        municipality=municipality, requested_at__lt=last_refresh() - timedelta(days=1)
    ).delete()
    return kept
