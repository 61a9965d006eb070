"""Writes to plans. Every service is one transaction and writes its own audit event."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from enplan.core import access as core_access
from enplan.core import audit, cpr, notifications
from enplan.core import forms as core_forms
from enplan.core.concurrency import apply_changes, save_if_unchanged
from enplan.core.models import AuditAction, NoticeKind, User
from enplan.organisation import access as organisation_access
from enplan.organisation.models import Area, Department, Legislation, Professional, StepModel
from enplan.organisation.services import external_contact_create
from enplan.plans import access
from enplan.plans.models import (
    STATUSES_NEEDING_ACTUAL_START,
    STATUSES_NEEDING_REASON,
    Actor,
    ActorKind,
    Citizen,
    Consent,
    CoordinatorHandover,
    Goal,
    Intervention,
    InterventionStatus,
    LogEntry,
    LogEntryKind,
    MemberRole,
    Plan,
    PlanKind,
    PlanMember,
    PlanProgression,
    PlanStatus,
)
from enplan.plans.selectors import steps_for_plan


@dataclass(frozen=True)
class NewMember:
    cpr: str
    first_name: str
    last_name: str
    role: str


class CitizenHasPlan(ValidationError):
    """The citizen already has an active plan: one citizen, one plan.

    The message names neither the citizen nor the coordinator: a CPR number typed into
    *Ny plan* must not tell who it belongs to or who works with them. It says how to ask
    for access: through the coordinator's department, which knows the plan."""

    def __init__(self, plan: Plan):
        self.plan = plan
        department = plan.coordinator.department
        super().__init__(
            _(
                "This citizen already has a shared plan, so a second one is not created. "
                "To join the plan, ask %(department)s for access."
            )
            % {"department": department.name if department else _("the coordinator")},
            code="citizen_has_plan",
        )


def _writer(user: User) -> Professional:
    professional = organisation_access.professional_of(user)
    if professional is None:
        raise ValidationError(_("Only professionals can change plans."))
    return professional


def _plan_writer(user: User, plan: Plan) -> Professional:
    """A professional writing a shared part of a plan they work on (`access.can_write_on_plan`)."""
    professional = _writer(user)
    access.require_can_write_on_plan(user, plan)
    return professional


def citizen_for_cpr(*, municipality, member: NewMember) -> Citizen:
    """The municipality's citizen with this CPR number, created if new."""
    parsed = cpr.parse(member.cpr)
    citizen, _created = Citizen.objects.get_or_create(
        municipality=municipality,
        cpr=parsed.formatted,
        defaults={"first_name": member.first_name.strip(), "last_name": member.last_name.strip()},
    )
    return citizen


def plan_create(
    *,
    user: User,
    kind: str,
    title: str,
    members: list[NewMember],
    review_date: date | None = None,
    path: str = "",
    form_token: str = "",
) -> Plan:
    """Create a plan with `user` as coordinator. One citizen has one active plan: if a
    member already has one, nothing is created and CitizenHasPlan says whom to ask for
    access. The same form sent twice (`form_token`) creates one plan: AlreadySubmitted."""
    coordinator = _writer(user)
    if kind == PlanKind.CITIZEN and len(members) != 1:
        raise ValidationError(_("A plan for a citizen has exactly one person."))
    if kind == PlanKind.HOUSEHOLD and len(members) < 2:
        raise ValidationError(_("A household plan needs at least two people."))
    numbers = [cpr.parse(m.cpr).formatted for m in members]
    if len(set(numbers)) != len(numbers):
        raise ValidationError(_("The same CPR number is entered twice."))
    if core_forms.form_token_kept(form_token):
        raise core_forms.AlreadySubmitted
    # Every lookup of CPR numbers counts, whether it finds a plan or not: typing numbers
    # into Ny plan one after another must not become a way to find out who has a plan.
    if not core_access.within_rate(
        f"plan-create-lookup:{user.pk}",
        limit=settings.ENPLAN_PLAN_LOOKUPS_PER_HOUR,
        seconds=3600,
    ):
        raise ValidationError(
            _("You have tried many CPR numbers in a short time. Try again in an hour."),
            code="rate_limited",
        )
    existing = _active_plan_of(user.municipality_id, numbers)
    if existing is not None:
        _refuse_second_plan(user, existing, path)
    try:
        return _plan_create(
            user=user,
            coordinator=coordinator,
            kind=kind,
            title=title,
            members=members,
            review_date=review_date,
            path=path,
            form_token=form_token,
        )
    except IntegrityError:
        # Two Ny plan for the same citizen at once: the database let one of them through.
        existing = _active_plan_of(user.municipality_id, numbers)
        if existing is None:
            raise
        _refuse_second_plan(user, existing, path)
        raise  # unreachable: _refuse_second_plan raises


def _active_plan_of(municipality_id, numbers) -> Plan | None:
    return (
        Plan.objects.filter(
            municipality=municipality_id,
            status=PlanStatus.ACTIVE,
            members__citizen__cpr__in=numbers,
        )
        .select_related("coordinator__department")
        .first()
    )


def _refuse_second_plan(user: User, existing: Plan, path: str) -> None:
    """The lookup found the citizen's plan: audited as a lookup of that plan (the citizen
    reads in Min log that someone asked), outside the transaction that is abandoned."""
    audit.record(user=user, action=AuditAction.VIEW, obj=existing, plan=existing, path=path)
    raise CitizenHasPlan(existing)


@transaction.atomic
def _plan_create(
    *, user: User, coordinator: Professional, kind, title, members, review_date, path, form_token
) -> Plan:
    if not core_forms.keep_form_token(form_token, user):
        raise core_forms.AlreadySubmitted
    municipality = coordinator.municipality
    citizens = [citizen_for_cpr(municipality=municipality, member=m) for m in members]
    if not title:
        title = (
            citizens[0].full_name
            if kind == PlanKind.CITIZEN
            else _("The %(name)s family") % {"name": citizens[0].last_name}
        )
    plan = Plan.objects.create(
        municipality=municipality,
        kind=kind,
        title=title,
        coordinator=coordinator,
        review_date=review_date,
        created_by=user,
    )
    plan_members = [
        PlanMember.objects.create(
            municipality=municipality,
            plan=plan,
            citizen=citizen,
            role=MemberRole.CITIZEN if kind == PlanKind.CITIZEN else spec.role,
            order=index,
        )
        for index, (citizen, spec) in enumerate(zip(citizens, members, strict=True))
    ]
    _join_network_as_coordinator(plan, coordinator, user)
    # Until a coordinator records otherwise, a child is in the custody of the members
    # entered as parents. A step-parent (partner) is not a custody holder by default, and
    # a grown-up child (18 or more) is in nobody's custody.
    parents = [m for m in plan_members if m.role == MemberRole.PARENT]
    for child in (m for m in plan_members if m.role == MemberRole.CHILD and not m.is_adult):
        child.custodians.set(parents)
    _log(
        plan,
        user,
        LogEntryKind.ACTION,
        _("Plan created with %(name)s as coordinator.") % {"name": coordinator.name},
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=plan, plan=plan, path=path)
    return plan


def _join_network_as_coordinator(
    plan: Plan, coordinator: Professional, user: User, *, role: str = ""
) -> None:
    """The coordinator is in the citizen's network like everyone else, so the map can show
    and rate their working relations."""
    today = timezone.localdate()
    if Actor.objects.active_on(today).filter(plan=plan, professional=coordinator).exists():
        return
    Actor.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=ActorKind.PROFESSIONAL,
        professional=coordinator,
        role=role or _("Coordinator"),
        phone=coordinator.phone,
        email=coordinator.email,
        started_on=today,
        added_by=user,
    )


def _leave_network(plan: Plan, professional: Professional) -> None:
    today = timezone.localdate()
    yesterday = today - timedelta(days=1)
    for actor in Actor.objects.filter(plan=plan, professional=professional).active_on(today):
        if actor.started_on > yesterday:
            # Joined today and leaves today: the involvement never began.
            actor.delete()
        else:
            actor.ended_on = yesterday
            actor.version += 1
            actor.save(update_fields=["ended_on", "version"])


def _log(
    plan,
    user: User,
    kind,
    text,
    *,
    goal=None,
    intervention=None,
    occurred_on=None,
    is_internal=False,
    about_members=(),
) -> LogEntry:
    professional = organisation_access.professional_of(user)
    # What a citizen writes on their own side is marked as theirs.
    citizen = access.citizen_of(user)
    citizen_author = (
        PlanMember.objects.filter(plan=plan, citizen=citizen).first() if citizen else None
    )
    entry = LogEntry.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=kind,
        text=text,
        occurred_on=occurred_on or timezone.localdate(),
        author=user,
        author_name=professional.name if professional else user.display_name,
        author_workplace=professional.workplace if professional else "",
        goal=goal,
        intervention=intervention,
        citizen_author=citizen_author,
        is_internal=is_internal,
    )
    if about_members:
        entry.about_members.set(about_members)
    return entry


@transaction.atomic
def plan_update(
    *,
    user: User,
    plan: Plan,
    version: int,
    review_date: date | None,
    title: str,
    status: str | None = None,
) -> Plan:
    access.require_coordinator(user, plan)
    values = {"review_date": review_date, "title": title.strip()}
    if status is not None:
        values["status"] = status
    changed = apply_changes(plan, values)
    if changed:
        save_if_unchanged(plan, expected_version=version)
        audit.record(
            user=user, action=AuditAction.CHANGE, obj=plan, plan=plan, changed_fields=changed
        )
    return plan


@transaction.atomic
def plan_annul(*, user: User, plan: Plan, version: int, reason: str, path: str = "") -> Plan:
    """Annul a plan created by mistake (the wrong citizen, a second plan). It disappears
    from every list, page and figure at once, and is deleted with its contents when the
    audit period has passed (`delete_annulled_plans`); until then the audit trail and the
    plan's history show what it held and who annulled it, and why."""
    access.require_coordinator(user, plan)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Write why the plan is annulled.")})
    if plan.status == PlanStatus.ANNULLED:
        raise ValidationError(_("The plan has already been annulled."))
    plan.status = PlanStatus.ANNULLED
    plan.annulled_at = timezone.now()
    plan.annulled_by = user
    plan.annulment_reason = reason
    save_if_unchanged(plan, expected_version=version)
    audit.record(
        user=user,
        action=AuditAction.DELETE,
        obj=plan,
        plan=plan,
        path=path,
        changed_fields=["status", "annulment_reason"],
    )
    return plan


@transaction.atomic
def citizen_correct(
    *,
    user: User,
    plan: Plan,
    member: PlanMember,
    first_name: str,
    last_name: str,
    cpr_number: str,
    path: str = "",
) -> Citizen:
    """Correct a member's name or CPR number, typed wrong when the plan was made. Only the
    coordinator; audited (which fields, not their values) and kept in the citizen's
    version history. A CPR number that belongs to another citizen is refused without
    saying who that is. A changed CPR number also ends the link to a MitID login: that
    login proved the old number, not the corrected one."""
    access.require_coordinator(user, plan)
    access.check_same_plan(plan, member)
    citizen = Citizen.objects.select_for_update().get(pk=member.citizen_id)
    number = cpr.parse(cpr_number).formatted
    values = {"first_name": first_name.strip(), "last_name": last_name.strip(), "cpr": number}
    if not values["first_name"] or not values["last_name"]:
        raise ValidationError(_("Write both the first and the last name."))
    if (
        number != citizen.cpr
        and Citizen.objects.filter(municipality_id=citizen.municipality_id, cpr=number).exists()
    ):
        raise ValidationError(
            {
                "cpr": _(
                    "Another citizen in Én plan has this CPR number. Check the number; if "
                    "the two are the same person, ask the administrator to merge them."
                )
            }
        )
    changed = apply_changes(citizen, values)
    if not changed:
        return citizen
    if "cpr" in changed:
        citizen.user = None
    citizen.save()
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=citizen,
        plan=plan,
        path=path,
        changed_fields=changed,
    )
    return citizen


@transaction.atomic
def member_remove(*, user: User, plan: Plan, member: PlanMember, path: str = "") -> None:
    """Take a person added to a household plan by mistake out of it. Only the coordinator,
    and only while the plan keeps at least two people (a plan for one person is annulled
    instead). What the person is part of in the plan (their goals, efforts, consent,
    meetings) keeps them: it is refused with counts, so nothing is lost unnoticed."""
    access.require_coordinator(user, plan)
    access.check_same_plan(plan, member)
    if plan.members.count() <= 2 or plan.kind != PlanKind.HOUSEHOLD:
        raise ValidationError(
            _(
                "A plan keeps at least two people when one is removed. If the whole plan "
                "was created by mistake, annul it instead."
            )
        )
    try:
        with transaction.atomic():
            pk = member.pk
            member.delete()
    except ProtectedError as error:
        counts: dict = {}
        for obj in error.protected_objects:
            label = str(type(obj)._meta.verbose_name_plural)
            counts[label] = counts.get(label, 0) + 1
        raise ValidationError(
            _("%(name)s is still part of the plan: %(parts)s. Move or end those first.")
            % {
                "name": member.citizen.first_name,
                "parts": ", ".join(f"{n} {label}" for label, n in sorted(counts.items())),
            }
        ) from error
    member.pk = pk
    audit.record(user=user, action=AuditAction.DELETE, obj=member, plan=plan, path=path)
    Citizen.objects.filter(pk=member.citizen_id, memberships__isnull=True).filter(
        user__isnull=True
    ).delete()


def annulled_plans_delete(*, now=None) -> tuple[int, int]:
    """Delete the plans annulled longer ago than the audit period, with everything in
    them, their version history and the citizens who are in no other plan. A plan that
    a relational-coordination round still refers to is kept (its round holds colleagues'
    answers; close and delete the round first). Returns (deleted, kept)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ENPLAN_ANNULLED_PLAN_KEEP_DAYS)
    deleted = kept = 0
    due = Plan.objects.filter(status=PlanStatus.ANNULLED, annulled_at__lt=cutoff)
    for plan in due.order_by("pk"):
        try:
            with transaction.atomic():
                _plan_delete(plan)
        except ProtectedError:
            kept += 1
        else:
            deleted += 1
    return deleted, kept


def _plan_delete(plan: Plan) -> None:
    citizen_ids = list(plan.members.values_list("citizen_id", flat=True))
    pk = plan.pk
    # The parts of a plan protect each other (a goal its member, a rating its actors), so
    # one cascade from the plan is refused. Every app's rows that belong to the plan are
    # deleted first, in whatever order the protections allow; a part that protects the
    # plan itself (a coordination round) keeps it, and the caller rolls everything back.
    owned = [
        model
        for model in apps.get_models()
        for field in model._meta.fields
        if field.name == "plan"
        and field.related_model is Plan
        and getattr(field.remote_field, "on_delete", None) is not models.PROTECT
    ]
    while owned:
        progressed = False
        for model in list(owned):
            try:
                with transaction.atomic():
                    model._base_manager.filter(plan_id=pk).delete()
            except ProtectedError:
                continue
            owned.remove(model)
            progressed = True
        if not progressed:
            break
    plan.delete()
    # The version history is a copy of the plan: it goes with it.
    for model in apps.get_models():
        history = getattr(model, "history", None)
        manager_model = getattr(history, "model", None)
        if manager_model is None:
            continue
        fields = {f.attname for f in manager_model._meta.concrete_fields}
        if model is Plan:
            manager_model.objects.filter(id=pk).delete()
        elif "plan_id" in fields:
            manager_model.objects.filter(plan_id=pk).delete()
    Citizen.objects.filter(pk__in=citizen_ids, memberships__isnull=True).delete()


@transaction.atomic
def member_update(
    *,
    user: User,
    plan: Plan,
    member: PlanMember,
    version: int,
    wishes: str,
    goal_areas: Sequence[str],
) -> PlanMember:
    """The coordinator records what matters most to a member, in the member's words; the
    citizen writes their own on their pages (`enplan.citizen`)."""
    _writer(user)
    access.require_can_write_wishes(user, plan)
    access.check_same_plan(plan, member)
    changed = apply_changes(member, {"wishes": wishes.strip(), "goal_areas": list(goal_areas)})
    if changed:
        save_if_unchanged(member, expected_version=version)
        audit.record(
            user=user, action=AuditAction.CHANGE, obj=member, plan=plan, changed_fields=changed
        )
    return member


@transaction.atomic
def member_set_custodians(
    *, user: User, plan: Plan, member: PlanMember, custodians: list[PlanMember]
) -> PlanMember:
    access.require_coordinator(user, plan)
    access.check_same_plan(plan, member, *custodians)
    if member in custodians:
        raise ValidationError(_("A person cannot have custody of themselves."))
    member.custodians.set(custodians)
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=member, plan=plan, changed_fields=["custodians"]
    )
    return member


def _validate_goal(plan, member):
    access.check_same_plan(plan, member)


@transaction.atomic
def goal_create(
    *,
    user: User,
    plan: Plan,
    title: str,
    life_area: str,
    member=None,
    target_date=None,
    status=None,
) -> Goal:
    _writer(user)
    access.require_can_change_goals(user, plan)
    _validate_goal(plan, member)
    goal = Goal(
        municipality_id=plan.municipality_id,
        plan=plan,
        member=member,
        title=title.strip(),
        life_area=life_area,
        target_date=target_date,
    )
    if status:
        goal.status = status
    goal.save()
    audit.record(user=user, action=AuditAction.CREATE, obj=goal, plan=plan)
    return goal


@transaction.atomic
def goal_update(*, user: User, plan: Plan, goal: Goal, version: int, **values) -> Goal:
    _writer(user)
    access.require_can_change_goals(user, plan)
    access.check_same_plan(plan, goal)
    _validate_goal(plan, values.get("member"))
    changed = apply_changes(goal, values)
    if changed:
        save_if_unchanged(goal, expected_version=version)
        audit.record(
            user=user, action=AuditAction.CHANGE, obj=goal, plan=plan, changed_fields=changed
        )
    return goal


def _validate_intervention(
    plan: Plan,
    *,
    department,
    legislation,
    responsible,
    member,
    goals,
    status,
    status_reason,
    actual_start,
    end_date,
    step=None,
):
    core_access.check_same_municipality(plan, department, legislation, responsible)
    access.check_same_plan(plan, member, *goals)
    if step is not None and not steps_for_plan(plan).filter(pk=step.pk).exists():
        raise ValidationError({"step": _("That step is not in the plan's step model.")})
    if status in STATUSES_NEEDING_REASON and not (status_reason or "").strip():
        raise ValidationError(
            {
                "status_reason": _(
                    "Give a reason when an intervention is paused, ended or cancelled."
                )
            }
        )
    if status in STATUSES_NEEDING_ACTUAL_START and actual_start is None:
        raise ValidationError(
            {"actual_start": _("The intervention has started: give the date it actually started.")}
        )
    if actual_start and actual_start > timezone.localdate():
        raise ValidationError(
            {"actual_start": _("The actual start cannot be in the future. Use the agreed start.")}
        )
    # The cost figures count an effort until its end date: an ended one needs it.
    if status == InterventionStatus.ENDED and end_date is None:
        raise ValidationError({"end_date": _("Give the date the intervention ended.")})
    if actual_start and end_date and end_date < actual_start:
        raise ValidationError({"end_date": _("The end date is before the actual start.")})


@transaction.atomic
def intervention_create(
    *,
    user: User,
    plan: Plan,
    title: str,
    department: Department,
    legislation: Legislation,
    responsible: Professional | None = None,
    member: PlanMember | None = None,
    goals=(),
    step=None,
    agreed_start: date | None = None,
    actual_start: date | None = None,
    end_date: date | None = None,
    status: str = "planned",
    status_reason: str = "",
    monthly_cost: Decimal | None = None,
    path: str = "",
) -> Intervention:
    _plan_writer(user, plan)
    access.require_can_register_intervention(user, plan, department)
    goals = list(goals)
    _validate_intervention(
        plan,
        department=department,
        legislation=legislation,
        responsible=responsible,
        member=member,
        goals=goals,
        status=status,
        status_reason=status_reason,
        actual_start=actual_start,
        end_date=end_date,
        step=step,
    )
    intervention = Intervention.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        title=title.strip(),
        department=department,
        legislation=legislation,
        responsible=responsible,
        member=member,
        agreed_start=agreed_start,
        actual_start=actual_start,
        end_date=end_date,
        status=status,
        status_reason=status_reason.strip(),
        monthly_cost=monthly_cost,
        step=step,
    )
    intervention.goals.set(goals)
    audit.record(user=user, action=AuditAction.CREATE, obj=intervention, plan=plan, path=path)
    return intervention


@transaction.atomic
def intervention_update(
    *, user: User, plan: Plan, intervention: Intervention, version: int, goals=(), **values
) -> Intervention:
    _plan_writer(user, plan)
    access.check_same_plan(plan, intervention)
    # Another department's effort is theirs: the others on the plan write a log entry
    # about it instead. Moving an effort to another department needs the right in both.
    access.require_can_change_intervention(user, plan, intervention)
    if "department" in values:
        access.require_can_register_intervention(user, plan, values["department"])
    goals = list(goals)
    merged = {
        name: values.get(name, getattr(intervention, name))
        for name in (
            "department",
            "legislation",
            "responsible",
            "member",
            "status",
            "status_reason",
            "actual_start",
            "end_date",
            "step",
        )
    }
    # Links to goals the user may not see (another member's, outside their consent) were
    # not on the form, so saving it does not remove them.
    unseen_goals = list(
        intervention.goals.exclude(
            pk__in=access.parts_visible_to(user, plan, Goal.objects.all()).values("pk")
        )
    )
    goals = goals + [g for g in unseen_goals if g not in goals]
    _validate_intervention(plan, goals=goals, **merged)
    if "status_reason" in values:
        values["status_reason"] = values["status_reason"].strip()
    changed = apply_changes(intervention, values)
    goals_changed = {g.pk for g in goals} != set(intervention.goals.values_list("pk", flat=True))
    if changed or goals_changed:
        save_if_unchanged(intervention, expected_version=version)
        if goals_changed:
            intervention.goals.set(goals)
            changed.append("goals")
        audit.record(
            user=user,
            action=AuditAction.CHANGE,
            obj=intervention,
            plan=plan,
            changed_fields=changed,
        )
    return intervention


@transaction.atomic
def log_entry_create(
    *,
    user: User,
    plan: Plan,
    kind: str,
    text: str,
    occurred_on: date | None = None,
    goal: Goal | None = None,
    intervention: Intervention | None = None,
    is_internal: bool = False,
    about_members: Sequence[PlanMember] = (),
) -> LogEntry:
    """Write an entry in the stafetlog. `about_members` narrows who reads it to those who
    may see one of these members (an entry about a meeting to which only they came)."""
    _plan_writer(user, plan)
    access.check_same_plan(plan, goal, intervention, *about_members)
    if occurred_on and occurred_on > timezone.localdate():
        raise ValidationError({"occurred_on": _("A log entry cannot be dated in the future.")})
    entry = _log(
        plan,
        user,
        kind,
        text.strip(),
        goal=goal,
        intervention=intervention,
        occurred_on=occurred_on,
        is_internal=is_internal,
        about_members=about_members,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=entry, plan=plan)
    return entry


def _require_consent_keeper(user: User, plan: Plan, given_by: PlanMember) -> None:
    """The coordinator records consent on paper or by phone; the citizen gives and withdraws
    their own consent digitally."""
    if access.is_citizen(user):
        scope = access.citizen_scope(user, plan)
        if scope.member.pk != given_by.pk or not scope.can_manage_consent:
            raise PermissionDenied
        return
    access.require_coordinator(user, plan)


@transaction.atomic
def consent_record(
    *,
    user: User,
    plan: Plan,
    given_by: PlanMember,
    covers: list[PlanMember],
    given_on: date,
    method: str,
    departments: list[Department],
    areas: list[Area],
    note: str = "",
    log: bool = True,
) -> Consent:
    _require_consent_keeper(user, plan, given_by)
    access.check_same_plan(plan, given_by, *covers)
    core_access.check_same_municipality(plan, *departments, *areas)
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Consent cannot be dated in the future.")})
    if not departments and not areas:
        raise ValidationError(_("Choose at least one department or area the consent covers."))
    if plan.kind == PlanKind.HOUSEHOLD and not given_by.is_adult:
        raise ValidationError(
            {"given_by": _("In a household plan, consent is given by an adult member.")}
        )
    # Custody, and with it the right to consent for a child, ends at 18.
    allowed = {given_by.pk} | {
        child.pk
        for child in given_by.children_in_custody.select_related("citizen")
        if not child.is_adult
    }
    outside = [m for m in covers if m.pk not in allowed]
    if outside:
        raise ValidationError(
            {
                "covers": _(
                    "%(name)s can consent only for themselves and children in their custody."
                )
                % {"name": given_by.citizen.full_name}
            }
        )
    consent = Consent.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        given_by=given_by,
        given_on=given_on,
        method=method,
        note=note.strip(),
        recorded_by=user,
    )
    consent.covers.set(covers or [given_by])
    consent.departments.set(departments)
    consent.areas.set(areas)
    scope = ", ".join([a.name for a in areas] + [d.name for d in departments])
    if log:
        _log(
            plan,
            user,
            LogEntryKind.ACTION,
            _("Consent recorded from %(name)s (%(method)s), covering: %(scope)s.")
            % {
                "name": given_by.citizen.full_name,
                # Mid-sentence: "(skriftligt)", not "(Skriftligt)".
                "method": str(consent.get_method_display()).lower(),
                "scope": scope,
            },
            occurred_on=given_on,
        )
    audit.record(user=user, action=AuditAction.CREATE, obj=consent, plan=plan)
    return consent


@transaction.atomic
def consent_withdraw(
    *, user: User, plan: Plan, consent: Consent, withdrawn_on: date, log_text: str | None = None
) -> Consent:
    """Withdraw a consent as a whole. `log_text` replaces the stafetlog's words when the
    caller records what remains at once (a withdrawal for one department only)."""
    _require_consent_keeper(user, plan, consent.given_by)
    access.check_same_plan(plan, consent)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent is already withdrawn."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("A withdrawal cannot be dated in the future.")})
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("The withdrawal is dated before the consent.")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawn_recorded_by = user
    consent.save(update_fields=["withdrawn_on", "withdrawn_recorded_by"])
    if log_text is None:
        log_text = _(
            "Consent from %(name)s withdrawn. The departments it covered no longer see the plan."
        ) % {"name": consent.given_by.citizen.full_name}
    _log(plan, user, LogEntryKind.ACTION, log_text, occurred_on=withdrawn_on)
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=consent,
        plan=plan,
        changed_fields=["withdrawn_on"],
    )
    return consent


@transaction.atomic
def coordinator_hand_over(
    *,
    user: User,
    plan: Plan,
    version: int,
    to_coordinator: Professional,
    note: str,
    previous_stays_in_network: bool = False,
) -> CoordinatorHandover:
    access.require_coordinator(user, plan)
    core_access.check_same_municipality(plan, to_coordinator)
    if not organisation_access.can_coordinate(to_coordinator):
        raise ValidationError(
            {
                "to_coordinator": _(
                    "The new coordinator must be an active professional who works with cases "
                    "in Én plan. A team leader or an administrator cannot open plans."
                )
            }
        )
    if to_coordinator.pk == plan.coordinator_id:
        raise ValidationError({"to_coordinator": _("This person is already the coordinator.")})
    previous = plan.coordinator
    plan.coordinator = to_coordinator
    save_if_unchanged(plan, expected_version=version)
    handover = CoordinatorHandover.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        from_coordinator=previous,
        to_coordinator=to_coordinator,
        note=note.strip(),
        recorded_by=user,
    )
    _join_network_as_coordinator(plan, to_coordinator, user)
    if previous_stays_in_network:
        _join_network_as_coordinator(plan, previous, user, role=_("Former coordinator"))
    else:
        # A clean hand-over keeps the citizen's circle small: the previous coordinator
        # leaves the network (and loses access) unless the coordinator chose otherwise.
        _leave_network(plan, previous)
    _log(
        plan,
        user,
        LogEntryKind.ACTION,
        _("Coordination handed over from %(old)s to %(new)s. %(note)s")
        % {"old": previous.name, "new": to_coordinator.name, "note": note.strip()},
    )
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=plan, plan=plan, changed_fields=["coordinator"]
    )
    _tell_about_handover(handover)
    return handover


def _tell_about_handover(handover: CoordinatorHandover) -> None:
    """The new and the old coordinator and the citizens of the plan are told. The old
    coordinator's notice does not name the plan: they may no longer see it."""
    plan, new, old = handover.plan, handover.to_coordinator, handover.from_coordinator
    key = f"coordinator-handover:{handover.pk}"
    if new.user is not None:
        notifications.notify(
            user=new.user,
            key=key,
            text=_("You are now the coordinator of %(plan)s.") % {"plan": plan.title},
            url=reverse("plans:detail", args=[plan.pk]),
            plan=plan,
            kind=NoticeKind.HANDOVER,
        )
    if old.user is not None:
        notifications.notify(
            user=old.user,
            key=key,
            text=_("A plan you coordinated has been handed over to %(name)s.") % {"name": new.name},
            kind=NoticeKind.HANDOVER,
        )
    for member in plan.members.select_related("citizen__user"):
        citizen_user = member.citizen.user
        if citizen_user is not None and citizen_user.is_active:
            notifications.notify(
                user=citizen_user,
                key=key,
                text=_("Your coordinator is now %(name)s.") % {"name": new.name},
                url=reverse("citizen:plan", args=[plan.pk]),
                plan=plan,
                kind=NoticeKind.HANDOVER,
            )


# Not a kind of actor of its own: a new external contact (a GP, the police, a private
# provider) is registered as a professional without a department and joins as one.
NEW_EXTERNAL = "external"


@transaction.atomic
def actor_add(
    *,
    user: User,
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
    _plan_writer(user, plan)
    access.check_same_plan(plan, member)
    if kind == NEW_EXTERNAL:
        professional = external_contact_create(
            municipality_id=plan.municipality_id,
            name=name,
            organisation=organisation,
            phone=phone,
            email=email,
        )
        kind = ActorKind.PROFESSIONAL
    if kind == ActorKind.PROFESSIONAL:
        if professional is None:
            raise ValidationError({"professional": _("Choose the professional.")})
        core_access.check_same_municipality(plan, professional)
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


def _check_current_actor(user: User, plan: Plan, actor: Actor) -> None:
    """A professional changes a person who is in this plan's network now."""
    _plan_writer(user, plan)
    access.check_same_plan(plan, actor)
    if actor.ended_on is not None:
        raise ValidationError(_("This person's involvement has already ended."))


@transaction.atomic
def actor_update(
    *,
    user: User,
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
def actor_end(*, user: User, plan: Plan, actor: Actor, ended_on: date) -> Actor:
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


@transaction.atomic
def plan_step_model_choose(*, user: User, plan: Plan, step_model: StepModel) -> PlanProgression:
    """The coordinator chooses the staircase the plan follows. Once steps are registered
    on the plan the choice is fixed; that rule is the staircase's own
    (`progress.services.plan_choose_step_model`, the door the pages use)."""
    access.require_coordinator(user, plan)
    if step_model.municipality_id != plan.municipality_id or not step_model.is_active:
        raise ValidationError({"step_model": _("Choose one of the municipality's step models.")})
    if (
        Intervention.objects.filter(plan=plan, step__isnull=False)
        .exclude(step__model=step_model)
        .exists()
    ):
        raise ValidationError(
            _("Some interventions point at steps in the current model. Change them first.")
        )
    progression, _created = PlanProgression.objects.update_or_create(
        plan=plan,
        defaults={
            "municipality_id": plan.municipality_id,
            "step_model": step_model,
            "chosen_by": user,
            "chosen_at": timezone.now(),
        },
    )
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=progression,
        plan=plan,
        changed_fields=["step_model"],
    )
    return progression


def plan_step_model_fix(*, user: User, plan: Plan, step_model_id: int) -> None:
    """The first step registered on a plan that has not chosen a model fixes it on the
    model of that step (the municipality's default until then)."""
    if not PlanProgression.objects.filter(plan=plan).exists():
        PlanProgression.objects.create(
            municipality_id=plan.municipality_id,
            plan=plan,
            step_model_id=step_model_id,
            chosen_by=user,
        )
