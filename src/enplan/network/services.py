"""Writes to a plan's network of actors."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import audit, policy
from enplan.core.models import AuditAction
from enplan.network.models import Actor, ActorKind
from enplan.organisation.models import Professional
from enplan.plans.models import Plan, PlanMember


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
) -> Actor:
    if policy.professional_of(user) is None:
        raise ValidationError(_("Only professionals can change plans."))
    if member is not None and member.plan_id != plan.pk:
        raise ValidationError(_("That choice does not belong to this plan."))
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


@transaction.atomic
def actor_end(*, user, plan: Plan, actor: Actor, ended_on: date) -> Actor:
    if policy.professional_of(user) is None:
        raise ValidationError(_("Only professionals can change plans."))
    if actor.plan_id != plan.pk:
        raise ValidationError(_("That choice does not belong to this plan."))
    if actor.ended_on is not None:
        raise ValidationError(_("This person's involvement has already ended."))
    if ended_on < actor.started_on:
        raise ValidationError({"ended_on": _("The end date is before the person was involved.")})
    actor.ended_on = ended_on
    actor.version += 1
    actor.save(update_fields=["ended_on", "version"])
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=actor, plan=plan, changed_fields=["ended_on"]
    )
    return actor
