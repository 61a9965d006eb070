"""Writes to meetings. Every service is one transaction and writes its own audit event.

Changes a decision makes to the plan go through `enplan.plans.services`, inside the same
transaction as the decision: if any part fails, nothing is saved.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from enplan.core import access as core_access
from enplan.core import audit, notifications, sms
from enplan.core.concurrency import save_if_unchanged
from enplan.core.models import AuditAction, NoticeKind, User
from enplan.meetings import access, invitations
from enplan.meetings.models import (
    AgendaItem,
    CitizenEvaluation,
    ConversationType,
    Decision,
    DecisionEffect,
    EvaluationLink,
    LearningRecap,
    Meeting,
    MeetingKind,
    MeetingLogEntry,
    MeetingStatus,
    Participant,
    Theme,
)
from enplan.meetings.selectors import evaluators, meeting_settings_for, token_hash
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans import services as plan_services
from enplan.plans.models import (
    ActorKind,
    Goal,
    Intervention,
    LogEntry,
    LogEntryKind,
    Plan,
    PlanMember,
)

MAX_TAGS = 10
MAX_TAG_LENGTH = 40


@dataclass(frozen=True)
class Scores:
    """The citizen's four answers (0–10) and free comment."""

    felt_heard: int
    talked_about_what_matters: int
    way_of_working_suited_me: int
    overall: int
    comment: str = ""


class LinkNotUsable(Exception):
    """The one-time link is unknown, revoked or expired. The page says the same in every
    case, so that the answer reveals nothing about the link."""


class EvaluationAlreadyGiven(LinkNotUsable):
    """The citizen's evaluation of the meeting is recorded, through this link or another
    route: the link has done its job, and the citizen is told so rather than sent for a
    new one. Only the holder of a real link gets this answer, so it tells someone guessing
    links nothing."""

    def __init__(self, link: EvaluationLink):
        super().__init__()
        self.link = link


def _writer(user: User):
    if organisation_access.professional_of(user) is None:
        raise ValidationError(_("Only professionals can plan meetings."))


def _local_day(moment: datetime):
    return timezone.localdate(moment)


def _day_label(meeting: Meeting) -> str:
    return formats.date_format(_local_day(meeting.starts_at), "SHORT_DATE_FORMAT")


def _tell_citizens(meeting: Meeting, change: str) -> None:
    """The citizens invited hear in Én plan that a meeting is planned, moved or cancelled;
    professionals get the invitation e-mail with its calendar file instead. Each version
    of the meeting is its own notice, so every move is told."""
    texts = {
        "new": _("You are invited to a meeting on %(date)s at %(time)s."),
        "changed": _("Your meeting has changed. It is now on %(date)s at %(time)s."),
        "cancelled": _("Your meeting on %(date)s is cancelled."),
    }
    with override(settings.LANGUAGE_CODE):
        text = texts[change] % {
            "date": _day_label(meeting),
            "time": formats.time_format(timezone.localtime(meeting.starts_at), "H.i"),
        }
    participants = meeting.participants.filter(
        member__isnull=False, member__citizen__user__is_active=True
    ).select_related("member__citizen__user")
    for participant in participants:
        member = participant.member
        if member is None or member.citizen.user is None:
            continue
        notifications.notify(
            user=member.citizen.user,
            key=f"meeting-{change}:{meeting.pk}:{meeting.version}",
            text=text,
            url=reverse("citizen:plan", args=[meeting.plan_id]),
            plan=meeting.plan,
            kind=NoticeKind.MEETING,
        )


# Planning -------------------------------------------------------------------------------


def _validate_meeting(
    plan: Plan,
    *,
    kind,
    starts_at,
    ends_at,
    place,
    video_link,
    conversation_types,
    actors,
    members,
):
    errors = {}
    if ends_at is not None and ends_at < starts_at:
        errors["ends_at"] = _("The meeting ends before it starts.")
    if not place.strip() and not video_link.strip():
        errors["place"] = _("Write where the meeting is held, or give a video link.")
    core_access.check_same_municipality(plan, *conversation_types)
    plan_access.check_same_plan(plan, *actors, *members)
    if kind == MeetingKind.NETWORK and not members:
        errors["members"] = _("A network meeting with the citizen needs the citizen invited.")
    if kind in (MeetingKind.PROFESSIONALS, MeetingKind.BILATERAL) and members:
        errors["members"] = _("The citizen is not invited to a meeting for professionals only.")
    if kind == MeetingKind.BILATERAL and (
        len(actors) != 2 or any(a.kind != ActorKind.PROFESSIONAL for a in actors)
    ):
        errors["actors"] = _(
            "A bilateral meeting is between two professionals. Choose exactly two."
        )
    if kind == MeetingKind.PROFESSIONALS and not actors:
        errors["actors"] = _("Invite the professionals who should take part.")
    if errors:
        raise ValidationError(errors)


def _set_participants(meeting: Meeting, actors, members) -> None:
    wanted_actors = {a.pk for a in actors}
    wanted_members = {m.pk for m in members}
    current = list(meeting.participants.all())
    # Someone whose attendance is recorded stays on the list: the no-show counts.
    removable = [
        p.pk
        for p in current
        if p.attended is None
        and (
            (p.actor_id and p.actor_id not in wanted_actors)
            or (p.member_id and p.member_id not in wanted_members)
        )
    ]
    Participant.objects.filter(pk__in=removable).delete()
    have_actors = {p.actor_id for p in current if p.actor_id}
    have_members = {p.member_id for p in current if p.member_id}
    Participant.objects.bulk_create(
        [
            Participant(municipality_id=meeting.municipality_id, meeting=meeting, actor_id=pk)
            for pk in sorted(wanted_actors - have_actors)
        ]
        + [
            Participant(municipality_id=meeting.municipality_id, meeting=meeting, member_id=pk)
            for pk in sorted(wanted_members - have_members)
        ]
    )
    # What the stafetlog already says about the meeting (a decision recorded before the
    # attendance) follows who is invited now, as the meeting itself does.
    invited = _invited_members(meeting)
    for link in MeetingLogEntry.objects.filter(meeting=meeting).select_related("log_entry"):
        link.log_entry.about_members.set(invited)


def _log_about(meeting: Meeting, *, user: User, **entry) -> LogEntry:
    """A stafetlog entry about what happened to the meeting. It is about the members
    invited (none: the whole household's), so it is read by those who may see the meeting."""
    log_entry = plan_services.log_entry_create(
        user=user, plan=meeting.plan, about_members=_invited_members(meeting), **entry
    )
    MeetingLogEntry.objects.create(
        municipality_id=meeting.municipality_id, meeting=meeting, log_entry=log_entry
    )
    return log_entry


def _invited_members(meeting: Meeting) -> list[PlanMember]:
    return list(PlanMember.objects.filter(meeting_participations__meeting=meeting).order_by("pk"))


def _set_agenda(meeting: Meeting, agenda) -> None:
    meeting.agenda_items.all().delete()
    items = [line.strip() for line in agenda if line.strip()]
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                municipality_id=meeting.municipality_id,
                meeting=meeting,
                order=index,
                title=title[:300],
            )
            for index, title in enumerate(items)
        ]
    )


def agenda_lines(text: str) -> list[str]:
    """An agenda typed one item per line; list markers people type are dropped."""
    return [re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip() for line in text.splitlines()]


@transaction.atomic
def meeting_create(
    *,
    user: User,
    plan: Plan,
    kind: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    place: str = "",
    video_link: str = "",
    purpose: str = "",
    conversation_types=(),
    actors=(),
    members=(),
    agenda=(),
    path: str = "",
) -> Meeting:
    _writer(user)
    plan_access.require_can_write_on_plan(user, plan)
    actors, members, conversation_types = list(actors), list(members), list(conversation_types)
    _validate_meeting(
        plan,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        conversation_types=conversation_types,
        actors=actors,
        members=members,
    )
    meeting = Meeting.objects.create(
        municipality_id=plan.municipality_id,
        plan=plan,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        video_link=video_link.strip(),
        purpose=purpose.strip(),
        created_by=user,
    )
    meeting.conversation_types.set(conversation_types)
    _set_participants(meeting, actors, members)
    _set_agenda(meeting, agenda)
    audit.record(user=user, action=AuditAction.CREATE, obj=meeting, plan=plan, path=path)
    invitations.send(meeting, "new")
    _tell_citizens(meeting, "new")
    return meeting


@transaction.atomic
def meeting_update(
    *,
    user: User,
    meeting: Meeting,
    version: int,
    kind: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    place: str = "",
    video_link: str = "",
    purpose: str = "",
    conversation_types=(),
    actors=(),
    members=(),
    agenda=(),
) -> Meeting:
    access.require_meeting_runner(user, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be changed."))
    actors, members, conversation_types = list(actors), list(members), list(conversation_types)
    _validate_meeting(
        meeting.plan,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        video_link=video_link,
        conversation_types=conversation_types,
        actors=actors,
        members=members,
    )
    meeting.kind = kind
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.place = place.strip()
    meeting.video_link = video_link.strip()
    meeting.purpose = purpose.strip()
    # Always a new version: the calendar file's SEQUENCE follows it, so calendars update.
    save_if_unchanged(meeting, expected_version=version)
    meeting.conversation_types.set(conversation_types)
    _set_participants(meeting, actors, members)
    _set_agenda(meeting, agenda)
    audit.record(user=user, action=AuditAction.CHANGE, obj=meeting, plan=meeting.plan)
    invitations.send(meeting, "changed")
    _tell_citizens(meeting, "changed")
    return meeting


@transaction.atomic
def meeting_cancel(*, user: User, meeting: Meeting, version: int, reason: str) -> Meeting:
    access.require_meeting_runner(user, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Write why the meeting is cancelled.")})
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason.strip()
    save_if_unchanged(meeting, expected_version=version)
    _log_about(
        meeting,
        user=user,
        kind=LogEntryKind.ACTION,
        text=_("The meeting on %(date)s is cancelled: %(reason)s")
        % {"date": _day_label(meeting), "reason": meeting.cancel_reason},
    )
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=meeting,
        plan=meeting.plan,
        changed_fields=["status", "cancel_reason"],
    )
    invitations.send(meeting, "cancelled")
    _tell_citizens(meeting, "cancelled")
    return meeting


# Recording ------------------------------------------------------------------------------


def _require_started(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError(_("The meeting was cancelled."))
    if meeting.starts_at > timezone.now():
        raise ValidationError(_("The meeting has not started yet."))


@transaction.atomic
def meeting_record(
    *, user: User, meeting: Meeting, version: int, attendance: dict[int, bool]
) -> Meeting:
    """Who came and who did not. A no-show is recorded, not removed: it counts."""
    access.require_meeting_runner(user, meeting)
    _require_started(meeting)
    participants = list(meeting.participants.all())
    if {p.pk for p in participants} - set(attendance):
        raise ValidationError(_("Record for everyone invited whether they came."))
    first_time = meeting.status == MeetingStatus.PLANNED
    meeting.status = MeetingStatus.HELD
    save_if_unchanged(meeting, expected_version=version)
    for participant in participants:
        came = bool(attendance[participant.pk])
        if participant.attended != came:
            participant.attended = came
            participant.save(update_fields=["attended"])
    if first_time:
        attended = sum(1 for p in participants if p.attended)
        _log_about(
            meeting,
            user=user,
            kind=LogEntryKind.ACTION,
            text=_("%(meeting)s held on %(date)s: %(came)d took part, %(absent)d did not come.")
            % {
                "meeting": meeting.get_kind_display(),
                "date": _day_label(meeting),
                "came": attended,
                "absent": len(participants) - attended,
            },
            occurred_on=min(_local_day(meeting.starts_at), timezone.localdate()),
        )
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=meeting,
        plan=meeting.plan,
        changed_fields=["status", "attendance"],
    )
    return meeting


@transaction.atomic
def decision_record(
    *,
    user: User,
    meeting: Meeting,
    text: str,
    effect: str,
    goal: Goal | None = None,
    goal_version: int | None = None,
    goal_values: dict | None = None,
    intervention: Intervention | None = None,
    intervention_version: int | None = None,
    intervention_values: dict | None = None,
    path: str = "",
) -> Decision:
    """Record a decision and make its change to the plan, all or nothing."""
    access.require_meeting_runner(user, meeting)
    _require_started(meeting)
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    if effect not in DecisionEffect.values:
        raise ValidationError({"effect": _("Choose what the decision changes.")})
    plan = meeting.plan
    if effect == DecisionEffect.GOAL_CREATE:
        goal = plan_services.goal_create(user=user, plan=plan, **(goal_values or {}))
    elif effect == DecisionEffect.GOAL_UPDATE:
        if goal is None or goal_version is None:
            raise ValidationError({"goal": _("Choose the goal.")})
        goal = plan_services.goal_update(
            user=user, plan=plan, goal=goal, version=goal_version, **(goal_values or {})
        )
    elif effect == DecisionEffect.INTERVENTION_CREATE:
        intervention = plan_services.intervention_create(
            user=user, plan=plan, path=path, **(intervention_values or {})
        )
    elif effect == DecisionEffect.INTERVENTION_UPDATE:
        if intervention is None or intervention_version is None:
            raise ValidationError({"intervention": _("Choose the intervention.")})
        intervention = plan_services.intervention_update(
            user=user,
            plan=plan,
            intervention=intervention,
            version=intervention_version,
            **(intervention_values or {}),
        )
    if effect in (DecisionEffect.GOAL_CREATE, DecisionEffect.GOAL_UPDATE):
        intervention = None
    elif effect in (DecisionEffect.INTERVENTION_CREATE, DecisionEffect.INTERVENTION_UPDATE):
        goal = None
    else:
        goal = intervention = None
    log_entry = None
    if effect != DecisionEffect.NONE:
        log_entry = _log_about(
            meeting,
            user=user,
            kind=LogEntryKind.DECISION,
            text=_("Decided at the meeting on %(date)s: %(text)s")
            % {"date": _day_label(meeting), "text": text},
            occurred_on=_local_day(meeting.starts_at),
            goal=goal,
            intervention=intervention,
        )
    decision = Decision.objects.create(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        text=text,
        effect=effect,
        goal=goal,
        intervention=intervention,
        log_entry=log_entry,
        created_by=user,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=decision, plan=plan, path=path)
    return decision


# The citizen's evaluation ---------------------------------------------------------------


def _validate_evaluator(meeting: Meeting, member: PlanMember) -> None:
    if meeting.kind != MeetingKind.NETWORK:
        raise ValidationError(_("Only meetings with the citizen are evaluated by the citizen."))
    _require_started(meeting)
    if not evaluators(meeting).filter(member=member).exists():
        if Participant.objects.filter(meeting=meeting, member=member).exists():
            raise ValidationError(_("The citizen is recorded as not having come to this meeting."))
        raise ValidationError(_("The citizen was not invited to this meeting."))
    if CitizenEvaluation.objects.filter(meeting=meeting, member=member).exists():
        raise ValidationError(
            _("%(name)s has already evaluated this meeting.") % {"name": member.citizen.first_name}
        )


def _create_evaluation(*, meeting, member, scores: Scores, channel: str) -> CitizenEvaluation:
    _validate_evaluator(meeting, member)
    values = {name: getattr(scores, name) for name in CitizenEvaluation.SCORE_FIELDS}
    for name, value in values.items():
        if not isinstance(value, int) or not 0 <= value <= 10:
            raise ValidationError({name: _("Choose a number from 0 to 10.")})
    # Once the answers are in, by whatever route, a link still out for them has no use.
    # Closed before the answers are written: both routes then lock the link first, so a
    # link and the screen answering at the same moment queue up instead of deadlocking.
    EvaluationLink.objects.filter(
        meeting=meeting, member=member, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    try:
        with transaction.atomic():
            return CitizenEvaluation.objects.create(
                municipality_id=meeting.municipality_id,
                meeting=meeting,
                member=member,
                comment=scores.comment.strip(),
                channel=channel,
                **values,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s has already evaluated this meeting.") % {"name": member.citizen.first_name}
        ) from None


@transaction.atomic
def evaluation_record(
    *, user: User, meeting: Meeting, member: PlanMember, scores: Scores, path: str = ""
) -> CitizenEvaluation:
    """The citizen's answers, entered by the citizen on the coordinator's screen."""
    access.require_meeting_runner(user, meeting)
    plan_access.check_same_plan(meeting.plan, member)
    evaluation = _create_evaluation(meeting=meeting, member=member, scores=scores, channel="screen")
    audit.record(user=user, action=AuditAction.CREATE, obj=evaluation, plan=meeting.plan, path=path)
    return evaluation


@transaction.atomic
def evaluation_link_create(
    *, user: User, meeting: Meeting, member: PlanMember
) -> tuple[EvaluationLink, str]:
    """A new one-time link for this citizen and meeting; an earlier unused one stops working.

    Returns the link and its token. The token is not stored and cannot be shown again."""
    access.require_meeting_runner(user, meeting)
    plan_access.check_same_plan(meeting.plan, member)
    _validate_evaluator(meeting, member)
    now = timezone.now()
    EvaluationLink.objects.filter(
        meeting=meeting, member=member, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    hours = meeting_settings_for(meeting.municipality_id).evaluation_link_hours
    link = EvaluationLink.objects.create(
        municipality_id=meeting.municipality_id,
        meeting=meeting,
        member=member,
        token_hash=token_hash(token),
        expires_at=now + timedelta(hours=hours),
        created_by=user,
    )
    audit.record(user=user, action=AuditAction.CREATE, obj=link, plan=meeting.plan)
    return link, token


def evaluation_link_send_sms(
    *, user: User, meeting: Meeting, token: str, mobile: str, url: str
) -> EvaluationLink:
    """Send the one-time link to the citizen's phone, once per link. The number is used
    for the message only: neither the link nor the audit event keeps it. The message names
    neither the citizen nor the meeting's subject (docs/sms.md)."""
    access.require_meeting_runner(user, meeting)
    link = EvaluationLink.objects.filter(token_hash=token_hash(token), meeting=meeting).first()
    now = timezone.now()
    if link is None or not link.is_usable_at(now) or _evaluated(link):
        raise ValidationError(_("The link can no longer be used. Make a new one."))
    # Claimed before sending, so that a double click or two tabs never send it twice.
    if not EvaluationLink.objects.filter(pk=link.pk, sms_sent_at__isnull=True).update(
        sms_sent_at=now
    ):
        raise ValidationError(_("The link has already been sent by SMS."))
    municipality = meeting.plan.municipality.name
    text = _(
        "Hello from %(municipality)s. Here is your link to say what you thought of the "
        "meeting. It works once: %(url)s"
    ) % {"municipality": municipality, "url": url}
    try:
        sms.send_sms(to=mobile, text=text)
    except sms.SmsError:
        EvaluationLink.objects.filter(pk=link.pk).update(sms_sent_at=None)
        raise ValidationError(
            _("The SMS could not be sent. Try again, or give the link in another way.")
        ) from None
    link.sms_sent_at = now
    audit.record(
        user=user,
        action=AuditAction.CHANGE,
        obj=link,
        plan=meeting.plan,
        changed_fields=["sms_sent_at"],
    )
    return link


def _evaluated(link: EvaluationLink) -> bool:
    return CitizenEvaluation.objects.filter(
        meeting_id=link.meeting_id, member_id=link.member_id
    ).exists()


def evaluation_link_for(token: str) -> EvaluationLink:
    """The usable link behind a token; EvaluationAlreadyGiven when the citizen's answers
    are in, LinkNotUsable for any other reason."""
    link = (
        EvaluationLink.objects.select_related("member__citizen", "meeting")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None:
        raise LinkNotUsable
    if _evaluated(link):
        raise EvaluationAlreadyGiven(link)
    if not link.is_usable_at(timezone.now()):
        raise LinkNotUsable
    return link


@transaction.atomic
def evaluation_submit_by_link(*, token: str, scores: Scores) -> CitizenEvaluation:
    """The citizen's answers through the one-time link: the link is spent in the same
    transaction as the answers are saved, so it can be used once and only once."""
    link = evaluation_link_for(token)
    spent = EvaluationLink.objects.filter(
        pk=link.pk, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).update(used_at=timezone.now())
    if not spent:
        # The answers may have come in on the screen since the citizen opened the form.
        if _evaluated(link):
            raise EvaluationAlreadyGiven(link)
        raise LinkNotUsable
    meeting = Meeting.objects.select_related("plan").get(pk=link.meeting_id)
    evaluation = _create_evaluation(
        meeting=meeting, member=link.member, scores=scores, channel="link"
    )
    audit.record(
        user=None,
        action=AuditAction.CREATE,
        obj=evaluation,
        plan=meeting.plan,
        as_role=_("Citizen, through a one-time link"),
    )
    return evaluation


# The learning recap ---------------------------------------------------------------------


def normalise_tags(raw: str | list[str]) -> list[str]:
    """Free tags, typed comma-separated: trimmed, de-duplicated ignoring case, in order."""
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    seen, tags = set(), []
    for part in parts:
        tag = " ".join(part.split())[:MAX_TAG_LENGTH]
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise ValidationError({"tags": _("Use at most %(n)d tags of your own.") % {"n": MAX_TAGS}})
    return tags


@transaction.atomic
def recap_save(
    *,
    user: User,
    meeting: Meeting,
    version: int | None,
    what_worked: str,
    do_differently: str,
    themes=(),
    tags=(),
    quotable: bool = True,
) -> LearningRecap:
    access.require_meeting_runner(user, meeting)
    _require_started(meeting)
    what_worked, do_differently = what_worked.strip(), do_differently.strip()
    if not what_worked and not do_differently:
        raise ValidationError(_("Write what worked, or what to do differently next time."))
    themes = list(themes)
    core_access.check_same_municipality(meeting, *themes)
    tags = normalise_tags(tags)
    recap = LearningRecap.objects.filter(meeting=meeting).first()
    values = {
        "what_worked": what_worked,
        "do_differently": do_differently,
        "tags": tags,
        "quotable": quotable,
        "written_by": user,
        "updated_at": timezone.now(),
    }
    if recap is None:
        recap = LearningRecap.objects.create(
            municipality_id=meeting.municipality_id, meeting=meeting, **values
        )
        action = AuditAction.CREATE
    else:
        for name, value in values.items():
            setattr(recap, name, value)
        save_if_unchanged(recap, expected_version=version or 0)
        action = AuditAction.CHANGE
    recap.themes.set(themes)
    audit.record(user=user, action=action, obj=recap, plan=meeting.plan)
    return recap


# Configuration --------------------------------------------------------------------------

DEFAULT_CONVERSATION_TYPES = [
    "Jobsamtale",
    "Børnefaglig samtale",
    "Opfølgning på sundhed",
    "Uddannelsesvejledning",
    "Opfølgning på bostøtte",
    "Økonomi og bolig",
]

DEFAULT_THEMES = [
    "Borgerens stemme",
    "Forberedelse",
    "Rollefordeling",
    "Fælles mål",
    "Mødeform og tid",
    "Opfølgning på aftaler",
    "Samarbejde på tværs",
]


@transaction.atomic
def defaults_load(*, municipality) -> int:
    """Give a municipality the default conversation types and learning themes (once)."""
    have_types = set(
        ConversationType.objects.filter(municipality=municipality).values_list("name", flat=True)
    )
    have_themes = set(
        Theme.objects.filter(municipality=municipality).values_list("name", flat=True)
    )
    types = [
        ConversationType(municipality=municipality, name=name)
        for name in DEFAULT_CONVERSATION_TYPES
        if name not in have_types
    ]
    themes = [
        Theme(municipality=municipality, name=name, order=order)
        for order, name in enumerate(DEFAULT_THEMES)
        if name not in have_themes
    ]
    ConversationType.objects.bulk_create(types)
    Theme.objects.bulk_create(themes)
    return len(types) + len(themes)
