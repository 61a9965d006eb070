"""Reads of meetings. Each starts from the access policy and writes the audit event itself."""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from enplan.core import access as core_access
from enplan.core import audit
from enplan.core.models import AuditAction, User
from enplan.meetings import access, themes
from enplan.meetings.models import (
    CitizenEvaluation,
    ConversationType,
    Decision,
    EvaluationLink,
    LearningRecap,
    Meeting,
    MeetingKind,
    MeetingSettings,
    MeetingStatus,
    Participant,
    Theme,
)
from enplan.plans import access as plan_access
from enplan.plans.access import visible_parts
from enplan.plans.models import Actor, Plan, PlanMember

QUESTION_FIELDS = CitizenEvaluation.SCORE_FIELDS


def meeting_settings_for(municipality_id) -> MeetingSettings:
    """The municipality's settings, or the defaults when its administrator has set none."""
    found = MeetingSettings.objects.filter(municipality_id=municipality_id).first()
    return found or MeetingSettings(municipality_id=municipality_id)


# The citizen's evaluations over time: pure functions over plain data ---------------------


@dataclass(frozen=True)
class EvaluationScores:
    meeting_id: int
    day: date
    scores: tuple[int, int, int, int]


@dataclass(frozen=True)
class TrendPoint:
    """One meeting's evaluation: the mean per question over the citizens who answered."""

    meeting_id: int
    day: date
    means: tuple[float, float, float, float]
    lowest: int
    answers: int
    flagged: bool

    @property
    def mean(self) -> float:
        return sum(self.means) / len(self.means)


def trend_points(evaluations: Iterable[EvaluationScores], threshold: int) -> list[TrendPoint]:
    """The evaluations per meeting in date order. A meeting is flagged when any single
    answer is below the threshold: one low answer is what the coordinator must talk about."""
    by_meeting: dict[int, list[EvaluationScores]] = defaultdict(list)
    for evaluation in evaluations:
        by_meeting[evaluation.meeting_id].append(evaluation)
    points = []
    for meeting_id, rows in by_meeting.items():
        columns = list(zip(*(r.scores for r in rows), strict=True))
        lowest = min(min(r.scores) for r in rows)
        points.append(
            TrendPoint(
                meeting_id=meeting_id,
                day=rows[0].day,
                means=tuple(round(sum(c) / len(c), 1) for c in columns),
                lowest=lowest,
                answers=len(rows),
                flagged=lowest < threshold,
            )
        )
    return sorted(points, key=lambda p: (p.day, p.meeting_id))


def trend_direction(points: list[TrendPoint]) -> str | None:
    """ "up", "down" or "steady" from the last meeting before to the latest; None with
    fewer than two. Half a point either way is steady: the scale is coarse."""
    if len(points) < 2:
        return None
    change = points[-1].mean - points[-2].mean
    if change >= 0.5:
        return "up"
    if change <= -0.5:
        return "down"
    return "steady"


def question_label(name: str) -> str:
    model_field = CitizenEvaluation._meta.get_field(name)
    assert isinstance(model_field, models.Field)
    return str(model_field.verbose_name)


def low_questions(evaluation: CitizenEvaluation, threshold: int) -> list[str]:
    """The questions this evaluation answered below the threshold, by their wording."""
    return [
        question_label(name) for name in QUESTION_FIELDS if getattr(evaluation, name) < threshold
    ]


CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 300, 80, 6


def chart_y(score: float) -> float:
    """The vertical position of a score on the 0–10 chart (SVG counts from the top)."""
    return round(CHART_HEIGHT - CHART_PAD - score / 10 * (CHART_HEIGHT - 2 * CHART_PAD), 1)


def chart_polyline(points: list[TrendPoint]) -> str:
    """SVG polyline coordinates for the mean score per meeting, on a fixed 0–10 scale."""
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(len(points) - 1, 1)
    return " ".join(f"{CHART_PAD + i * step:.1f},{chart_y(p.mean)}" for i, p in enumerate(points))


@dataclass
class Trend:
    points: list[TrendPoint]
    threshold: int

    @property
    def direction(self) -> str | None:
        return trend_direction(self.points)

    @property
    def latest(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None

    @property
    def polyline(self) -> str:
        return chart_polyline(self.points)

    @property
    def threshold_y(self) -> float:
        return chart_y(self.threshold)


def evaluation_trend(plan: Plan, member_ids) -> Trend:
    """The citizen's evaluations on this plan over time, for the members this user may see."""
    threshold = meeting_settings_for(plan.municipality_id).low_score_threshold
    evaluations = CitizenEvaluation.objects.filter(meeting__plan=plan).select_related("meeting")
    if plan_access.member_rule_applies(member_ids):
        evaluations = evaluations.filter(member__in=member_ids)
    return Trend(points=trend_points(_scores_of(evaluations), threshold), threshold=threshold)


def _scores_of(evaluations) -> list[EvaluationScores]:
    return [
        EvaluationScores(
            meeting_id=e.meeting_id,
            day=timezone.localdate(e.meeting.starts_at),
            scores=tuple(e.scores),
        )
        for e in evaluations
    ]


# Choices for forms ----------------------------------------------------------------------


def invitable_actors(plan: Plan, member_ids) -> list[Actor]:
    return list(
        visible_parts(
            plan_access.professional_actors(
                Actor.objects.active_on(timezone.localdate()).filter(plan=plan)
            ),
            member_ids,
        )
        .select_related("professional", "member__citizen")
        .order_by("kind", "professional__name", "name", "id")
    )


def invitable_members(plan: Plan, member_ids) -> list[PlanMember]:
    return list(PlanMember.objects.filter(plan=plan, pk__in=member_ids).select_related("citizen"))


def conversation_types_for(municipality_id):
    return ConversationType.objects.filter(municipality_id=municipality_id, is_active=True)


def themes_for(municipality_id):
    return Theme.objects.filter(municipality_id=municipality_id, is_active=True)


# The plan page's section ----------------------------------------------------------------


def _annotated_meetings(user: User, plan: Plan, member_ids):
    return (
        access.plan_meetings_visible(user, plan, member_ids)
        .annotate(
            invited=Count("participants", distinct=True),
            no_shows=Count("participants", filter=Q(participants__attended=False), distinct=True),
            evaluation_count=Count("evaluations", distinct=True),
            has_recap=Exists(LearningRecap.objects.filter(meeting=OuterRef("pk"))),
        )
        .order_by("-starts_at", "-id")
    )


def _start_of_today() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


@dataclass
class MeetingsSection:
    upcoming: list[Meeting]
    recent: list[Meeting]
    total: int
    trend: Trend

    @property
    def talk_about_it(self) -> bool:
        return self.trend.latest is not None and self.trend.latest.flagged


RECENT_ON_PLAN_PAGE = 5


def plan_section(user: User, plan: Plan, *, member_ids) -> MeetingsSection:
    """The meetings on the plan page: upcoming ones, the latest held, and the citizen's
    evaluations over time. Three queries whatever the number of meetings."""
    meetings = list(_annotated_meetings(user, plan, member_ids))
    today = _start_of_today()
    upcoming = [m for m in meetings if m.status == MeetingStatus.PLANNED and m.finished_at >= today]
    upcoming.reverse()
    recent = [m for m in meetings if m not in upcoming][:RECENT_ON_PLAN_PAGE]
    return MeetingsSection(
        upcoming=upcoming,
        recent=recent,
        total=len(meetings),
        trend=evaluation_trend(plan, member_ids),
    )


@dataclass
class NextMeeting:
    """The plan's first page: the next meeting, and a warning after a low evaluation."""

    meeting: Meeting | None
    trend: Trend

    @property
    def talk_about_it(self) -> bool:
        return self.trend.latest is not None and self.trend.latest.flagged


def next_meeting(user: User, plan: Plan, *, member_ids) -> NextMeeting:
    """What the first page shows of the meetings, read on its own: the one next meeting
    with its number of invited, not every meeting with the section's three counts."""
    today = _start_of_today()
    meeting = (
        access.plan_meetings_visible(user, plan, member_ids)
        .filter(status=MeetingStatus.PLANNED)
        .filter(Q(ends_at__gte=today) | Q(ends_at__isnull=True, starts_at__gte=today))
        .annotate(invited=Count("participants"))
        .order_by("starts_at", "id")
        .first()
    )
    return NextMeeting(meeting=meeting, trend=evaluation_trend(plan, member_ids))


@dataclass
class PlanMeetings:
    plan: Plan
    meetings: list[Meeting]
    trend: Trend

    @property
    def trend_by_meeting(self) -> dict:
        return {p.meeting_id: p for p in self.trend.points}


def plan_meetings(user: User, plan: Plan) -> PlanMeetings:
    member_ids = plan_access.visible_member_ids(user, plan)
    return PlanMeetings(
        plan=plan,
        meetings=list(_annotated_meetings(user, plan, member_ids)),
        trend=evaluation_trend(plan, member_ids),
    )


# One meeting ----------------------------------------------------------------------------


def meeting_open(user: User, pk, *, path: str) -> Meeting:
    """The meeting, if this user may see its plan (404 otherwise). Audited as a view."""
    meeting = access.visible_meeting_or_404(user, pk)
    audit.record(user=user, action=AuditAction.VIEW, obj=meeting, plan=meeting.plan, path=path)
    return meeting


def meeting_export(user: User, pk, *, path: str) -> Meeting:
    """The meeting for a download (the calendar file). Audited as an export."""
    meeting = access.visible_meeting_or_404(user, pk)
    audit.record(user=user, action=AuditAction.EXPORT, obj=meeting, plan=meeting.plan, path=path)
    return meeting


def evaluators(meeting) -> models.QuerySet[Participant]:
    """Who may evaluate the meeting: the citizens invited to a meeting with the citizen,
    unless recorded as not having come (an answer about a meeting one was not at means
    nothing). Not yet recorded counts as may: the answers are often given before the
    attendance is. `meeting` is a meeting or an `OuterRef` to one.

    The services that record an evaluation and the reminder that asks for one both use
    this, so no one is asked for an evaluation that cannot be recorded."""
    return Participant.objects.filter(
        meeting=meeting, meeting__kind=MeetingKind.NETWORK, member__isnull=False
    ).exclude(attended=False)


def awaiting_evaluation(meeting: Meeting, member_ids) -> list[PlanMember]:
    """The citizens who may evaluate the meeting and have not."""
    return list(
        PlanMember.objects.filter(
            pk__in=member_ids,
        )
        .filter(pk__in=evaluators(meeting).values("member_id"))
        .exclude(pk__in=CitizenEvaluation.objects.filter(meeting=meeting).values("member_id"))
        .select_related("citizen")
        .order_by("order", "id")
    )


def meeting_for_form(user: User, pk, *, opening: bool, path: str) -> Meeting:
    """For forms. Opening one (GET) shows the meeting as stored, so it is audited as a view;
    a submitted form is audited by the write that follows."""
    meeting = access.visible_meeting_or_404(user, pk)
    if opening:
        audit.record(user=user, action=AuditAction.VIEW, obj=meeting, plan=meeting.plan, path=path)
    return meeting


@dataclass
class EvaluationRow:
    evaluation: CitizenEvaluation
    low: list[str]


@dataclass
class MeetingPage:
    meeting: Meeting
    plan: Plan
    citizens: list[Participant]
    professionals: list[Participant]
    agenda: list
    conversation_types: list
    decisions: list[Decision]
    evaluations: list[EvaluationRow]
    awaiting_evaluation: list[Participant]
    open_links: dict
    recap: LearningRecap | None
    can_run: bool
    threshold: int
    earlier_flag: EvaluationRow | None = None
    emails: list[str] = field(default_factory=list)
    # The plan's members this user may see, for what other apps add to the page.
    member_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def participants(self) -> list[Participant]:
        return self.citizens + self.professionals

    @property
    def has_started(self) -> bool:
        return self.meeting.starts_at <= timezone.now()

    @property
    def attended(self) -> int:
        return sum(1 for p in self.participants if p.attended)

    @property
    def no_shows(self) -> list[Participant]:
        return [p for p in self.participants if p.attended is False]


def meeting_participants(meeting: Meeting, member_ids) -> list[Participant]:
    return list(
        Participant.objects.filter(meeting=meeting)
        .filter(
            Q(member__isnull=True) | Q(member__in=member_ids),
            Q(actor__isnull=True) | Q(actor__member__isnull=True) | Q(actor__member__in=member_ids),
            # A private person the citizen keeps from the professionals is not named.
            Q(actor__isnull=True) | Q(actor__visible_to_professionals=True),
        )
        .select_related(
            "member__citizen", "actor__professional__department", "actor__member__citizen"
        )
        .order_by("member__order", "actor__kind", "actor__professional__name", "actor__name", "id")
    )


def meeting_page(user: User, meeting: Meeting) -> MeetingPage:
    """Everything the meeting page shows, in a fixed number of queries."""
    plan = meeting.plan
    member_ids = plan_access.visible_member_ids(user, plan)
    participants = meeting_participants(meeting, member_ids)
    threshold = meeting_settings_for(meeting.municipality_id).low_score_threshold
    evaluations = [
        EvaluationRow(evaluation=e, low=low_questions(e, threshold))
        for e in CitizenEvaluation.objects.filter(
            meeting=meeting, member__in=member_ids
        ).select_related("member__citizen")
    ]
    evaluated = {row.evaluation.member_id for row in evaluations}
    citizens = [p for p in participants if p.member_id]
    decisions = list(
        Decision.objects.filter(meeting=meeting)
        .filter(
            Q(goal__isnull=True) | Q(goal__member__isnull=True) | Q(goal__member__in=member_ids),
            Q(intervention__isnull=True)
            | Q(intervention__member__isnull=True)
            | Q(intervention__member__in=member_ids),
        )
        .select_related("goal", "intervention", "created_by")
    )
    recap = (
        LearningRecap.objects.filter(meeting=meeting)
        .select_related("written_by")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
        .first()
    )
    now = timezone.now()
    open_links = {
        link.member_id: link
        for link in EvaluationLink.objects.filter(
            meeting=meeting, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        )
    }
    earlier_flag = None
    if meeting.status == MeetingStatus.PLANNED:
        earlier = (
            CitizenEvaluation.objects.filter(
                meeting__plan=plan,
                meeting__starts_at__lt=meeting.starts_at,
                member__in=member_ids,
            )
            .exclude(meeting=meeting)
            .select_related("member__citizen", "meeting")
            .order_by("-meeting__starts_at", "-id")
            .first()
        )
        if earlier is not None and low_questions(earlier, threshold):
            earlier_flag = EvaluationRow(evaluation=earlier, low=low_questions(earlier, threshold))
    emails = sorted(
        {
            p.actor.email
            for p in participants
            if p.actor is not None and p.actor.email and meeting.status == MeetingStatus.PLANNED
        }
    )
    return MeetingPage(
        meeting=meeting,
        plan=plan,
        citizens=citizens,
        professionals=[p for p in participants if p.actor_id],
        agenda=list(meeting.agenda_items.all()),
        conversation_types=list(meeting.conversation_types.all()),
        decisions=decisions,
        evaluations=evaluations,
        awaiting_evaluation=[
            p for p in citizens if p.member_id not in evaluated and p.attended is not False
        ],
        open_links=open_links,
        recap=recap,
        can_run=access.can_run_meeting(user, meeting),
        threshold=threshold,
        earlier_flag=earlier_flag,
        emails=emails,
        member_ids=member_ids,
    )


# The themes overview across plans -------------------------------------------------------


def _aware_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def themes_overview(user: User, *, start: date, end: date) -> themes.Overview:
    """The learning themes of the user's municipality for meetings from `start` to `end`
    (local dates, both included), with counts and anonymised quotes only."""
    access.learning_themes_or_404(user)
    from enplan.core.models import User
    from enplan.organisation.models import Area, Department, Legislation, Professional
    from enplan.plans.models import Citizen

    municipality_id = core_access.scope_of(user)
    recaps = list(
        LearningRecap.objects.filter(
            municipality_id=municipality_id,
            meeting__starts_at__gte=_aware_midnight(start),
            meeting__starts_at__lt=_aware_midnight(end + timedelta(days=1)),
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
    )
    # Every citizen and private person the municipality knows, not only those on the plans
    # in the period: a recap may name a sibling or a partner who has a plan of their own.
    names = [
        *(
            f"{first} {last}"
            for first, last in Citizen.objects.filter(municipality_id=municipality_id).values_list(
                "first_name", "last_name"
            )
        ),
        *Actor.objects.filter(municipality_id=municipality_id)
        .exclude(name="")
        .values_list("name", flat=True),
        *Professional.objects.filter(municipality_id=municipality_id).values_list(
            "name", flat=True
        ),
        *(
            f"{first} {last}"
            for first, last in User.objects.filter(municipality_id=municipality_id).values_list(
                "first_name", "last_name"
            )
        ),
    ]
    keep = [
        *Area.objects.filter(municipality_id=municipality_id).values_list("name", flat=True),
        *Department.objects.filter(municipality_id=municipality_id).values_list("name", flat=True),
        *Legislation.objects.filter(municipality_id=municipality_id).values_list(
            "short_name", flat=True
        ),
        *Theme.objects.filter(municipality_id=municipality_id).values_list("name", flat=True),
        *ConversationType.objects.filter(municipality_id=municipality_id).values_list(
            "name", flat=True
        ),
        "Én",
    ]
    return themes.summarise(
        [
            themes.RecapData(
                plan_id=r.meeting.plan_id,
                themes=tuple(t.name for t in r.themes.all()),
                tags=tuple(r.tags),
                what_worked=r.what_worked,
                do_differently=r.do_differently,
                quotable=r.quotable,
            )
            for r in recaps
        ],
        anonymise=themes.anonymiser(names, keep),
    )


def evaluation_link_of(meeting: Meeting, token: str) -> EvaluationLink | None:
    """The link of this meeting behind a token the coordinator was shown, to send it on;
    None when the token is not one of this meeting's links."""
    return (
        EvaluationLink.objects.select_related("member__citizen")
        .filter(meeting=meeting, token_hash=token_hash(token))
        .first()
    )


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
