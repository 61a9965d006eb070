"""Writes to a plan's network of actors."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import audit, policy
from enplan.core.concurrency import apply_changes, save_if_unchanged
from enplan.core.models import AuditAction
from enplan.network.models import (
    Actor,
    ActorKind,
    DevelopmentPoint,
    DevelopmentPointStatus,
    RelationLevel,
    RelationRating,
)
from enplan.organisation.models import Professional
from enplan.plans.models import Plan, PlanMember

# Not a kind of actor of its own: a new external contact (a GP, the police, a private
# provider) is registered as a professional without a department and joins as one.
NEW_EXTERNAL = "external"


@transaction.atomic
def actor_add(
    *,
    user,
    plan: Plan,
    kind: str,
    role: str,
    professional: Professional | None = None,
    name: str = "",
    member: PlanMember | None = None,
    phone: str = "",
    email: str = "",
    started_on: date | None = None,
    added_by_citizen: bool = False,
    organisation: str = "",
) -> Actor:
    """Add a person to the network: a professional already registered, a new external
    contact (kind "external", registered here as a professional without a department, so
    the next plan can choose them), or a private person."""
    if policy.professional_of(user) is None:
        raise ValidationError(_("Only professionals can change plans."))
    if member is not None and member.plan_id != plan.pk:
        raise ValidationError(_("That choice does not belong to this plan."))
    if kind == NEW_EXTERNAL:
        professional = _external_contact_create(
            plan, name=name, organisation=organisation, phone=phone, email=email
        )
        kind = ActorKind.PROFESSIONAL
    if kind == ActorKind.PROFESSIONAL:
        if professional is None:
            raise ValidationError({"professional": _("Choose the professional.")})
        if professional.municipality_id != plan.municipality_id:
            raise ValidationError(_("That choice does not belong to this municipality."))
        if (
            Actor.objects.active_on(timezone.localdate())
            .filter(plan=plan, professional=professional, member=member)
            .exists()
        ):
            raise ValidationError(
                {"professional": _("%(name)s is already in the network.") % {"name": professional}}
            )
        name = ""
        phone = phone or professional.phone
        email = email or professional.email
    else:
        professional = None
        if not name.strip():
            raise ValidationError({"name": _("Write the person's name.")})
    actor = Actor.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=kind,
        professional=professional,
        name=name.strip(),
        member=member,
        role=role.strip(),
        phone=phone.strip(),
        email=email.strip(),
        started_on=started_on or timezone.localdate(),
        added_by=user,
        added_by_citizen=added_by_citizen,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=actor, plan=plan)
    return actor


def _external_contact_create(
    plan: Plan, *, name: str, organisation: str, phone: str, email: str
) -> Professional:
    name, organisation = name.strip(), organisation.strip()
    if not name:
        raise ValidationError({"name": _("Write the person's name.")})
    if not organisation:
        raise ValidationError({"organisation": _("Write where the person works.")})
    if Professional.objects.filter(
        municipality_id=plan.municipality_id,
        department__isnull=True,
        name__iexact=name,
        organisation__iexact=organisation,
    ).exists():
        raise ValidationError(
            {
                "name": _(
                    "%(name)s (%(organisation)s) is already registered. Choose them in the "
                    "list of professionals."
                )
                % {"name": name, "organisation": organisation}
            }
        )
    return Professional.objects.create(
        municipality_id=plan.municipality_id,
        name=name[:150],
        organisation=organisation[:200],
        phone=phone.strip(),
        email=email.strip(),
    )


def _check_current_actor(user, plan: Plan, actor: Actor) -> None:
    """A professional changes a person who is in this plan's network now."""
    if policy.professional_of(user) is None:
        raise ValidationError(_("Only professionals can change plans."))
    if actor.plan_id != plan.pk:
        raise ValidationError(_("That choice does not belong to this plan."))
    if actor.ended_on is not None:
        raise ValidationError(_("This person's involvement has already ended."))


@transaction.atomic
def actor_update(
    *,
    user,
    plan: Plan,
    actor: Actor,
    version: int,
    role: str,
    phone: str,
    email: str,
    name: str = "",
) -> Actor:
    """Correct a person's role in the citizen's life and their contact details."""
    _check_current_actor(user, plan, actor)
    values = {"role": role.strip(), "phone": phone.strip(), "email": email.strip()}
    if actor.kind != ActorKind.PROFESSIONAL:
        if not name.strip():
            raise ValidationError({"name": _("Write the person's name.")})
        values["name"] = name.strip()
    changed = apply_changes(actor, values)
    if changed:
        save_if_unchanged(actor, expected_version=version)
        audit.record(
            user=user, action=AuditAction.CHANGE, obj=actor, plan=plan, changed_fields=changed
        )
    return actor


@transaction.atomic
def actor_end(*, user, plan: Plan, actor: Actor, ended_on: date) -> Actor:
    _check_current_actor(user, plan, actor)
    if actor.professional_id is not None and actor.professional_id == plan.coordinator_id:
        raise ValidationError(
            _("The coordinator leaves the network by handing over the coordination.")
        )
    if ended_on < actor.started_on:
        raise ValidationError({"ended_on": _("The end date is before the person was involved.")})
    actor.ended_on = ended_on
    actor.version += 1
    actor.save(update_fields=["ended_on", "version"])
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=actor, plan=plan, changed_fields=["ended_on"]
    )
    return actor


def _writer(user):
    if policy.professional_of(user) is None:
        raise ValidationError(_("Only professionals can change plans."))


@transaction.atomic
def relation_rate(
    *,
    user,
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
    _writer(user)
    rated_on = rated_on or timezone.localdate()
    for actor in (rater, first, second):
        if actor.plan_id != plan.pk:
            raise ValidationError(_("That choice does not belong to this plan."))
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


def _check_responsible(plan: Plan, responsible: Actor | None) -> None:
    if responsible is not None and responsible.plan_id != plan.pk:
        raise ValidationError(_("That choice does not belong to this plan."))


@transaction.atomic
def development_point_add(
    *,
    user,
    plan: Plan,
    text: str,
    responsible: Actor | None = None,
    due_date: date | None = None,
    agreed_on: date | None = None,
) -> DevelopmentPoint:
    _writer(user)
    _check_responsible(plan, responsible)
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
    user,
    plan: Plan,
    point: DevelopmentPoint,
    version: int,
    text: str,
    responsible: Actor | None,
    due_date: date | None,
    status: str,
) -> DevelopmentPoint:
    _writer(user)
    if point.plan_id != plan.pk:
        raise ValidationError(_("That choice does not belong to this plan."))
    _check_responsible(plan, responsible)
    if not text.strip():
        raise ValidationError({"text": _("Write what the network agreed to improve.")})
    if status not in DevelopmentPointStatus.values:
        raise ValidationError({"status": _("Choose open or done.")})
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
