"""Writes to the staircase: step models, a plan's choice of model, and registrations.
Every service is one transaction and writes its own audit event."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import audit
from enplan.core.models import AuditAction, User
from enplan.organisation import access as organisation_access
from enplan.organisation.models import Step, StepModel
from enplan.plans import access as plan_access
from enplan.plans import services as plan_services
from enplan.plans.models import Plan, PlanMember, PlanProgression
from enplan.plans.selectors import steps_for_plan
from enplan.progress import access
from enplan.progress.models import StepRegistration


def _writer(user: User):
    professional = organisation_access.professional_of(user)
    if professional is None:
        raise ValidationError(_("Only professionals can register progress."))
    return professional


@transaction.atomic
def plan_choose_step_model(*, user: User, plan: Plan, step_model: StepModel) -> PlanProgression:
    """The coordinator chooses the plan's model, as long as nothing is registered on it:
    the registrations' stays are counted on the steps of the model they were made in."""
    plan_access.require_coordinator(user, plan)
    if StepRegistration.objects.filter(plan=plan).exists():
        raise ValidationError(
            _("Steps are already registered on this plan, so it keeps its step model.")
        )
    return plan_services.plan_step_model_choose(user=user, plan=plan, step_model=step_model)


@transaction.atomic
def step_register(
    *,
    user: User,
    plan: Plan,
    member: PlanMember,
    step: Step | None,
    entered_on: date,
    reason: str,
    path: str = "",
) -> StepRegistration:
    """Register that a citizen moved to `step` on `entered_on` (None: left the staircase).

    Any professional who may see the member registers; the first registration fixes the
    plan on the model it was made in.
    """
    professional = _writer(user)
    plan_access.check_same_plan(plan, member)
    if member.pk not in plan_access.visible_member_ids(user, plan):
        raise ValidationError(_("That choice does not belong to this plan."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Write a short reason for the registration.")})
    if entered_on > timezone.localdate():
        raise ValidationError({"entered_on": _("A step cannot be registered in the future.")})
    # Lock the member, so that two people registering the same citizen at once queue up
    # and the second sees the first's registration.
    PlanMember.objects.select_for_update().filter(pk=member.pk).first()
    latest = (
        StepRegistration.objects.filter(member=member)
        .select_related("step")
        .order_by("-entered_on", "-id")
        .first()
    )
    allowed_steps = steps_for_plan(plan)
    if step is not None and not allowed_steps.filter(pk=step.pk).exists():
        raise ValidationError({"step": _("That step is not in the plan's step model.")})
    if latest is not None:
        if entered_on < latest.entered_on:
            raise ValidationError(
                {
                    "entered_on": _(
                        "The date is before the last registration (%(date)s). "
                        "Register changes in the order they happened."
                    )
                    % {"date": latest.entered_on.strftime("%d.%m.%Y")}
                }
            )
        if latest.step_id == (step.pk if step else None):
            message = (
                _("%(name)s is already on this step.")
                if step is not None
                else _("%(name)s's course on the staircase has already ended.")
            )
            raise ValidationError({"step": message % {"name": member.citizen.first_name}})
    elif step is None:
        raise ValidationError(
            {
                "step": _("%(name)s is not on the staircase yet.")
                % {"name": member.citizen.first_name}
            }
        )
    if step is not None:
        plan_services.plan_step_model_fix(user=user, plan=plan, step_model_id=step.model_id)
    registration = StepRegistration.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        member=member,
        step=step,
        entered_on=entered_on,
        reason=reason,
        registered_by=user,
        registered_by_name=professional.name,
        registered_by_workplace=professional.workplace,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=registration, plan=plan, path=path)
    return registration


@transaction.atomic
def step_registration_withdraw(
    *, user: User, plan: Plan, registration: StepRegistration, path: str = ""
) -> None:
    """Withdraw a citizen's latest registration, made by mistake.

    Only the latest: an earlier one would change stays that later registrations rest on.
    The audit trail keeps that it existed and who withdrew it.
    """
    _writer(user)
    plan_access.check_same_plan(plan, registration)
    if not access.can_withdraw_registration(user, plan, registration):
        raise PermissionDenied
    PlanMember.objects.select_for_update().filter(pk=registration.member_id).first()
    latest = (
        StepRegistration.objects.filter(member_id=registration.member_id)
        .order_by("-entered_on", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    if latest != registration.pk:
        raise ValidationError(_("Only the latest registration can be withdrawn."))
    audit.record(
        user=user,
        action=AuditAction.DELETE,
        obj=registration,
        plan=plan,
        path=path,
        changed_fields=["step", "entered_on", "reason"],
    )
    registration.delete()
