"""Writes to a plan's network of actors."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import audit
from enplan.core.concurrency import apply_changes, save_if_unchanged
from enplan.core.models import AuditAction, User
from enplan.network.models import (
    DevelopmentPoint,
    DevelopmentPointStatus,
    RelationLevel,
    RelationRating,
)
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans.models import Actor, Plan


def _writer(user: User, plan: Plan):
    if organisation_access.professional_of(user) is None:
        raise ValidationError(_("Only professionals can change plans."))
    plan_access.require_can_write_on_plan(user, plan)


@transaction.atomic
def relation_rate(
    *,
    user: User,
    plan: Plan,
    rater: Actor,
    first: Actor,
    second: Actor,
    level: str,
    comment: str = "",
    rated_on: date | None = None,
) -> RelationRating:
    """Record how `rater` sees the working relation between `first` and `second`.

    A rating is never changed afterwards; rating again records a new view, and the map
    shows each actor's latest.
    """
    _writer(user, plan)
    rated_on = rated_on or timezone.localdate()
    plan_access.check_same_plan(plan, rater, first, second)
    if first.pk == second.pk:
        raise ValidationError({"second": _("Choose two different people.")})
    if level not in RelationLevel.values:
        raise ValidationError({"level": _("Choose good, medium or poor.")})
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": _("The date cannot be in the future.")})
    for field, actor in (("rater", rater), ("first", first), ("second", second)):
        if not actor.is_active_on(rated_on):
            raise ValidationError(
                {
                    field: _("%(name)s was not in the network on that date.")
                    % {"name": actor.display_name}
                }
            )
    if first.pk > second.pk:
        first, second = second, first
    rating = RelationRating.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        rater=rater,
        first=first,
        second=second,
        level=level,
        comment=comment.strip(),
        rated_on=rated_on,
        recorded_by=user,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=rating, plan=plan)
    return rating


@transaction.atomic
def development_point_add(
    *,
    user: User,
    plan: Plan,
    text: str,
    responsible: Actor | None = None,
    due_date: date | None = None,
    agreed_on: date | None = None,
) -> DevelopmentPoint:
    _writer(user, plan)
    plan_access.check_same_plan(plan, responsible)
    if not text.strip():
        raise ValidationError({"text": _("Write what the network agreed to improve.")})
    point = DevelopmentPoint.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        text=text.strip(),
        responsible=responsible,
        due_date=due_date,
        agreed_on=agreed_on or timezone.localdate(),
        created_by=user,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=point, plan=plan)
    return point


@transaction.atomic
def development_point_update(
    *,
    user: User,
    plan: Plan,
    point: DevelopmentPoint,
    version: int,
    text: str,
    responsible: Actor | None,
    due_date: date | None,
    status: str,
) -> DevelopmentPoint:
    _writer(user, plan)
    plan_access.check_same_plan(plan, point)
    plan_access.check_same_plan(plan, responsible)
    if not text.strip():
        raise ValidationError({"text": _("Write what the network agreed to improve.")})
    if status not in DevelopmentPointStatus.values:
        raise ValidationError({"status": _("Choose open or done.")})
    if (
        responsible is None
        and point.responsible_id is not None
        and not plan_access.actors_visible_to(user, plan).filter(pk=point.responsible_id).exists()
    ):
        # The form could not show a responsible person in a member's part the user may not
        # see, so an empty choice is not theirs to make: the point keeps its responsible.
        responsible = point.responsible
    values = {
        "text": text.strip(),
        "responsible_id": responsible.pk if responsible else None,
        "due_date": due_date,
        "status": status,
    }
    changed = apply_changes(point, values)
    if changed:
        save_if_unchanged(point, expected_version=version)
        audit.record(
            user=user,
            action=AuditAction.CHANGE,
            obj=point,
            plan=plan,
            changed_fields=[name.removesuffix("_id") for name in changed],
        )
    return point
