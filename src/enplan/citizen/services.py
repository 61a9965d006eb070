"""What the citizen writes on their own side. Every write is one transaction, is marked as
the citizen's in the stafetlog, tells the coordinator, and writes its audit event."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from enplan.citizen.models import MeetingTopic
from enplan.core import audit, cpr, notifications
from enplan.core.concurrency import save_if_unchanged
from enplan.core.models import AuditAction, NoticeKind, Role, User
from enplan.meetings import access as meeting_access
from enplan.meetings.models import Meeting, MeetingStatus
from enplan.organisation.models import Department
from enplan.plans import access as plan_access
from enplan.plans import services as plan_services
from enplan.plans.models import (
    Actor,
    ActorKind,
    Citizen,
    Consent,
    ConsentMethod,
    Goal,
    LogEntryKind,
    Plan,
)

TEXT_LIMIT = 2000


class CitizenLoginRefused(Exception):
    """MitID said who the person is, but they have no way in (yet)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "unknown" or "too_young"


@transaction.atomic
def citizen_user_for_login(*, cpr_number: str):
    """The login of the citizen with this CPR number, made on their first login.

    A CPR number can be known in more than one municipality (people move); the citizen
    gets the municipality of their newest plan.
    """
    try:
        number = cpr.parse(cpr_number).formatted
    except ValidationError:
        raise CitizenLoginRefused("unknown") from None
    citizen = (
        Citizen.objects.filter(cpr=number, memberships__isnull=False)
        .select_related("user")
        .order_by("-memberships__plan__created_at")
        .first()
    )
    if citizen is None:
        raise CitizenLoginRefused("unknown")
    if not plan_access.may_log_in_as_citizen(citizen):
        raise CitizenLoginRefused("too_young")
    user = citizen.user
    if user is None:
        user = get_user_model()(
            username=f"borger-{citizen.municipality_id}-{citizen.pk}",
            role=Role.CITIZEN,
            municipality_id=citizen.municipality_id,
        )
        user.set_unusable_password()
    user.first_name, user.last_name = citizen.first_name, citizen.last_name
    user.save()
    if citizen.user_id != user.pk:
        citizen.user = user
        citizen.save(update_fields=["user"])
    return user


def _clean_text(text: str, *, field: str, empty_message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty_message})
    if len(text) > TEXT_LIMIT:
        raise ValidationError(
            {field: _("Please keep it under %(n)s characters.") % {"n": TEXT_LIMIT}}
        )
    return text


def _log(user: User, plan, text, *, goal=None, kind=LogEntryKind.NOTE):
    entry = plan_services._log(plan, user, kind, text, goal=goal)
    audit.record(user=user, action=AuditAction.CREATE, obj=entry, plan=plan)
    return entry


def _tell_coordinator(plan: Plan, key: str, member) -> None:
    """The coordinator hears that the citizen wrote something, without the content."""
    coordinator_user = plan.coordinator.user
    if coordinator_user is None:
        return
    with override("da"):
        text = _("%(name)s has written something on the plan %(plan)s.") % {
            "name": member.citizen.first_name,
            "plan": plan.title,
        }
    notifications.notify(
        user=coordinator_user,
        key=f"citizen-wrote:{key}",
        text=text,
        url=reverse("plans:detail", args=[plan.pk]) + "#log",
        plan=plan,
        kind=NoticeKind.CITIZEN_WROTE,
        # Five comments from the citizen are one notice with a count, per plan and member.
        fold_key=f"citizen-wrote:{plan.pk}:{member.pk}",
    )


@transaction.atomic
def wishes_update(*, user: User, plan: Plan, member_pk: int, version: int, wishes: str):
    """ "Det vigtigste for mig" in the citizen's own words."""
    scope = plan_access.citizen_scope(user, plan)
    member = next((m for m in _members(plan) if m.pk == member_pk), None)
    if member is None or member.pk not in scope.member_ids or not scope.can_write_for(member):
        raise PermissionDenied
    wishes = (wishes or "").strip()
    if len(wishes) > TEXT_LIMIT:
        raise ValidationError(
            {"wishes": _("Please keep it under %(n)s characters.") % {"n": TEXT_LIMIT}}
        )
    if wishes == member.wishes:
        return member
    member.wishes = wishes
    save_if_unchanged(member, expected_version=version)
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=member, plan=plan, changed_fields=["wishes"]
    )
    text = (
        _("%(name)s wrote what matters most to them: %(text)s")
        if member.pk == scope.member.pk
        else _("What matters most to %(name)s, written by a parent: %(text)s")
    ) % {"name": member.citizen.first_name, "text": wishes or _("(removed)")}
    entry = _log(user, plan, text)
    _tell_coordinator(plan, f"log:{entry.pk}", scope.member)
    return member


def _members(plan):
    return list(plan.members.select_related("citizen"))


@transaction.atomic
def goal_comment(*, user: User, plan: Plan, goal_pk: int, text: str):
    scope = plan_access.citizen_scope(user, plan)
    goal = Goal.objects.filter(plan=plan, pk=goal_pk).filter(scope.parts()).first()
    if goal is None:
        raise PermissionDenied
    text = _clean_text(text, field="text", empty_message=_("Write your comment."))
    entry = _log(user, plan, text, goal=goal)
    _tell_coordinator(plan, f"log:{entry.pk}", scope.member)
    return entry


@transaction.atomic
def private_person_add(
    *,
    user: User,
    plan: Plan,
    name: str,
    role: str,
    phone: str = "",
    email: str = "",
    visible_to_professionals: bool = True,
) -> Actor:
    """A person the citizen leans on (family, a friend, a mentor), in their own part."""
    scope = plan_access.citizen_scope(user, plan)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Write the person's name.")})
    role = (role or "").strip()
    if not role:
        raise ValidationError({"role": _("Write who the person is to you.")})
    actor = Actor.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=ActorKind.PRIVATE,
        name=name[:150],
        member=scope.member if plan.kind == "household" else None,
        role=role[:200],
        phone=(phone or "").strip()[:30],
        email=(email or "").strip(),
        started_on=timezone.localdate(),
        added_by=user,
        added_by_citizen=True,
        visible_to_professionals=visible_to_professionals,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=actor, plan=plan)
    if visible_to_professionals:
        entry = _log(
            user,
            plan,
            _("%(name)s added %(person)s (%(role)s) to their network.")
            % {"name": scope.member.citizen.first_name, "person": actor.name, "role": actor.role},
        )
        _tell_coordinator(plan, f"log:{entry.pk}", scope.member)
    return actor


@transaction.atomic
def meeting_topic_talked_about(*, user: User, meeting: Meeting, topic: MeetingTopic) -> None:
    """Ticked off in the meeting: the topic belongs to this meeting from now on, and the
    citizen sees on her plan that it was taken up."""
    meeting_access.require_meeting_runner(user, meeting)
    topic.meeting = meeting
    topic.talked_about_at = timezone.now()
    topic.save(update_fields=["meeting", "talked_about_at"])
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=topic,
        plan=meeting.plan,
        changed_fields=["meeting", "talked_about_at"],
    )


def next_meeting(plan: Plan, scope: plan_access.CitizenScope):
    """The citizen's own next meeting: not one among the professionals, and not another
    adult's (`meeting_access.citizen_meetings`)."""
    return (
        meeting_access.citizen_meetings(
            scope,
            Meeting.objects.filter(
                plan=plan, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
            ),
        )
        .order_by("starts_at")
        .first()
    )


@transaction.atomic
def meeting_topic_add(*, user: User, plan: Plan, text: str) -> MeetingTopic:
    scope = plan_access.citizen_scope(user, plan)
    text = _clean_text(text, field="text", empty_message=_("Write what you want to talk about."))
    topic = MeetingTopic.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        member=scope.member,
        meeting=next_meeting(plan, scope),
        text=text,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=topic, plan=plan)
    entry = _log(user, plan, _("For the next meeting: %(text)s") % {"text": text})
    _tell_coordinator(plan, f"log:{entry.pk}", scope.member)
    return topic


@transaction.atomic
def sharing_update(*, user: User, plan: Plan, version: int, share: bool) -> None:
    """An adult shares their part with the household; a young person hides what they write
    from their parents. Both are the member's own choice, recorded like any change."""
    scope = plan_access.citizen_scope(user, plan)
    member = scope.member
    field = "hides_writing_from_custodians" if scope.is_young_person else "shares_with_household"
    value = (not share) if scope.is_young_person else share
    if getattr(member, field) == value:
        return
    setattr(member, field, value)
    save_if_unchanged(member, expected_version=version)
    audit.record(
        user=user, action=AuditAction.CHANGE, obj=member, plan=plan, changed_fields=[field]
    )


def _department_for(plan: Plan, department_pk: int) -> Department:
    department = (
        Department.objects.filter(municipality_id=plan.municipality_id, pk=department_pk)
        .select_related("area")
        .first()
    )
    if department is None:
        raise ValidationError(_("That department does not exist."))
    return department


def _active_consents_covering(member, department) -> list[Consent]:
    return list(
        Consent.objects.filter(given_by=member, withdrawn_on__isnull=True)
        .filter(Q(departments=department) | Q(areas=department.area_id))
        .distinct()
        .prefetch_related("departments", "areas", "covers")
    )


@transaction.atomic
def consent_give(*, user: User, plan: Plan, department_pk: int) -> Consent:
    """Digital consent for one more department, for the citizen and the children in their
    custody, from today."""
    scope = plan_access.citizen_scope(user, plan)
    if not scope.can_manage_consent:
        raise PermissionDenied
    department = _department_for(plan, department_pk)
    if _active_consents_covering(scope.member, department):
        raise ValidationError(_("%(name)s may already see your plan.") % {"name": department})
    covers = [scope.member, *(m for m in _members(plan) if m.pk in scope.children_ids)]
    consent = plan_services.consent_record(
        user=user,
        plan=plan,
        given_by=scope.member,
        covers=covers,
        given_on=timezone.localdate(),
        method=ConsentMethod.DIGITAL,
        departments=[department],
        areas=[],
        note=_("Given by the citizen on Én plan."),
    )
    _tell_coordinator(plan, f"consent:{consent.pk}", scope.member)
    _send_receipt(
        user, plan, letter="consent_given", department=department, key=f"consent:{consent.pk}"
    )
    return consent


@transaction.atomic
def consent_withdraw(*, user: User, plan: Plan, department_pk: int) -> list[Consent]:
    """Withdraw consent for one department, at once.

    A consent can cover several departments or whole areas. Withdrawal is a date on the
    record, never an edit, so the consent is withdrawn as a whole and what remains is
    recorded anew with the same date it was first given: the department loses access
    today, the others keep theirs, and the history shows both steps.
    """
    scope = plan_access.citizen_scope(user, plan)
    if not scope.can_manage_consent:
        raise PermissionDenied
    department = _department_for(plan, department_pk)
    consents = _active_consents_covering(scope.member, department)
    if not consents:
        raise ValidationError(_("%(name)s cannot see your plan now.") % {"name": department})
    today = timezone.localdate()
    remaining = []
    for consent in consents:
        # What stays: the other areas as areas (so a department the area gets later is
        # still covered, as the citizen agreed to), and of the department's own area the
        # other departments by name.
        areas = [a for a in consent.areas.all() if a.pk != department.area_id]
        departments = {d.pk: d for d in consent.departments.all()}
        for area in consent.areas.all():
            if area.pk == department.area_id:
                departments.update({d.pk: d for d in area.departments.all()})
        departments.pop(department.pk, None)
        plan_services.consent_withdraw(
            user=user,
            plan=plan,
            consent=consent,
            withdrawn_on=today,
            log_text=_(
                "%(name)s withdrew consent for %(department)s. "
                "The other departments the consent covered keep it."
            )
            % {"name": scope.member.citizen.full_name, "department": department.name}
            if departments or areas
            else None,
        )
        if departments or areas:
            remaining.append(
                plan_services.consent_record(
                    user=user,
                    plan=plan,
                    given_by=scope.member,
                    covers=list(consent.covers.all()),
                    given_on=min(consent.given_on, today),
                    method=consent.method,
                    departments=list(departments.values()),
                    areas=areas,
                    note=_("What remains after %(name)s was removed on %(date)s.")
                    % {"name": department.name, "date": _date(today)},
                    log=False,
                )
            )
    _tell_coordinator(plan, f"consent-withdrawn:{consents[0].pk}", scope.member)
    _send_receipt(
        user,
        plan,
        letter="consent_withdrawn",
        department=department,
        key=f"withdrawn:{consents[0].pk}:{department.pk}",
    )
    return remaining


def _date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _send_receipt(user: User, plan: Plan, *, letter: str, department, key: str) -> None:
    """A receipt in the citizen's messages: proof of what they chose, and when."""
    with override("da"):
        text = render_to_string(
            f"citizen/letters/{letter}.txt",
            {"department": department.name, "date": _date(timezone.localdate())},
        ).strip()
    notifications.notify(
        user=user,
        key=f"receipt:{key}",
        text=text,
        url=reverse("citizen:consent", args=[plan.pk]),
        plan=plan,
        kind=NoticeKind.RECEIPT,
    )
