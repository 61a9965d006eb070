"""The reminder rules: who is reminded of what, and when.

Each rule is a selector `rule(now) -> list[Candidate]`; the date arithmetic it relies on is
in small pure functions, tested on their own. Every date is a local calendar date in the
municipality's time zone (Europe/Copenhagen): "today" is `timezone.localdate(now)`, never the
UTC date, which is still yesterday for the first one or two hours of every Danish day.

A candidate names its recipient and a key. `services.send_due_reminders` drops candidates
whose key the recipient already has (each reminder fires at most once), checks through the
access policy that the recipient may still see what the reminder is about, and notifies.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from enplan.core.models import User
from enplan.meetings.models import CitizenEvaluation, LearningRecap, Meeting
from enplan.meetings.models import MeetingStatus as MS
from enplan.meetings.selectors import evaluators
from enplan.plans.models import (
    Intervention,
    InterventionStatus,
    MemberRole,
    Plan,
    PlanKind,
    PlanMember,
    PlanStatus,
)

# Follow-up reminders look back this far, so that switching reminders on does not send one
# for every meeting ever held.
FOLLOWUP_LOOKBACK_DAYS = 30


@dataclass(frozen=True)
class Candidate:
    user: User
    key: str
    text: str
    url: str
    plan: Plan
    # The household member the reminder is about, when the recipient must be allowed to
    # see that member's parts of the plan.
    member_id: int | None = None
    # Who gets it instead when the recipient may no longer see the plan.
    fallback: User | None = None


# Pure date rules ------------------------------------------------------------------------


def add_years(day: date, years: int) -> date:
    """The same date `years` later; 29 February becomes 1 March in other years, which is
    when Danish law (and `core.cpr.age_on`) counts the birthday as passed."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def eighteenth_birthday(birth_date: date) -> date:
    return add_years(birth_date, 18)


def turns_18_within_a_year(birth_date: date, today: date) -> bool:
    """Not yet 18 today, and 18 at the latest on the same date next year."""
    return today < eighteenth_birthday(birth_date) <= add_years(today, 1)


def start_is_overdue(agreed_start: date, today: date) -> bool:
    """The agreed start is in the past: the day itself still counts as on time."""
    return agreed_start < today


def review_is_approaching(review_date: date, today: date, days: int) -> bool:
    return today <= review_date <= today + timedelta(days=days)


def followup_is_due(finished_at: datetime, now: datetime, days: int) -> bool:
    """`days` calendar days after the local date the meeting ended, from local midnight."""
    return timezone.localdate(now) >= timezone.localdate(finished_at) + timedelta(days=days)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _date(day: date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _plan_url(plan, anchor="", section="") -> str:
    url = (
        reverse("plans:section", args=[plan.pk, section])
        if section
        else reverse("plans:detail", args=[plan.pk])
    )
    return f"{url}#{anchor}" if anchor else url


# The rules ------------------------------------------------------------------------------


def interventions_not_started(now: datetime) -> list[Candidate]:
    """An intervention whose agreed start has passed without an actual start: to the
    coordinator and to the professional responsible for it."""
    today = timezone.localdate(now)
    overdue = (
        Intervention.objects.filter(
            status=InterventionStatus.PLANNED,
            actual_start__isnull=True,
            agreed_start__lt=today,
            plan__status=PlanStatus.ACTIVE,
        )
        .select_related("plan__coordinator__user", "responsible__user")
        .order_by("id")
    )
    candidates = []
    for intervention in overdue:
        agreed_start = intervention.agreed_start
        if agreed_start is None or not start_is_overdue(agreed_start, today):
            continue
        plan = intervention.plan
        recipients = [plan.coordinator.user]
        if intervention.responsible is not None and intervention.responsible.user is not None:
            recipients.append(intervention.responsible.user)
        text = _(
            "%(title)s on the plan %(plan)s was agreed to start on %(date)s, "
            "but no start has been recorded."
        ) % {
            "title": intervention.title,
            "plan": plan.title,
            "date": _date(agreed_start),
        }
        for user in recipients:
            if user is None:
                continue
            candidates.append(
                Candidate(
                    user=user,
                    key=f"intervention-not-started:{intervention.pk}:{agreed_start:%Y-%m-%d}",
                    text=text,
                    url=_plan_url(plan, f"intervention-{intervention.pk}", section="interventions"),
                    plan=plan,
                    member_id=intervention.member_id,
                )
            )
    return candidates


def reviews_approaching(now: datetime) -> list[Candidate]:
    """A plan's review date within `ENPLAN_REVIEW_SOON_DAYS`: to its coordinator."""
    today = timezone.localdate(now)
    days = settings.ENPLAN_REVIEW_SOON_DAYS
    plans = (
        Plan.objects.filter(
            status=PlanStatus.ACTIVE,
            review_date__gte=today,
            review_date__lte=today + timedelta(days=days),
        )
        .select_related("coordinator__user")
        .order_by("id")
    )
    return [
        Candidate(
            user=plan.coordinator.user,
            key=f"plan-review:{plan.pk}:{plan.review_date:%Y-%m-%d}",
            text=_("The plan %(plan)s is due for review on %(date)s.")
            % {"plan": plan.title, "date": _date(plan.review_date)},
            url=_plan_url(plan),
            plan=plan,
        )
        for plan in plans
        if plan.coordinator.user is not None
        and plan.review_date is not None
        and review_is_approaching(plan.review_date, today, days)
    ]


def children_turning_18(now: datetime) -> list[Candidate]:
    """A child in a household plan who turns 18 within 12 months: the move from the
    children's to the adults' system (other laws, other departments) needs planning."""
    today = timezone.localdate(now)
    # A slightly wider range in the database; the pure rule decides.
    earliest = add_years(today, -18) - timedelta(days=2)
    latest = add_years(add_years(today, 1), -18) + timedelta(days=2)
    children = (
        PlanMember.objects.filter(
            role=MemberRole.CHILD,
            plan__kind=PlanKind.HOUSEHOLD,
            plan__status=PlanStatus.ACTIVE,
            citizen__birth_date__gte=earliest,
            citizen__birth_date__lte=latest,
        )
        .select_related("citizen", "plan__coordinator__user")
        .order_by("id")
    )
    candidates = []
    for child in children:
        if not turns_18_within_a_year(child.citizen.birth_date, today):
            continue
        birthday = eighteenth_birthday(child.citizen.birth_date)
        plan = child.plan
        if plan.coordinator.user is None:
            continue
        candidates.append(
            Candidate(
                user=plan.coordinator.user,
                key=f"turns-18:{child.pk}:{birthday:%Y-%m-%d}",
                text=_(
                    "%(name)s (%(plan)s) turns 18 on %(date)s. Plan the move from the "
                    "children's to the adults' services in good time."
                )
                % {"name": child.citizen.first_name, "plan": plan.title, "date": _date(birthday)},
                url=_plan_url(plan, f"member-{child.pk}"),
                plan=plan,
                member_id=child.pk,
            )
        )
    return candidates


def meetings_without_followup(now: datetime) -> list[Candidate]:
    """A meeting that ended `ENPLAN_MEETING_FOLLOWUP_DAYS` days ago (local calendar days)
    and still lacks the citizen's evaluation (when a citizen may give one, see
    `meetings.selectors.evaluators`) or the learning recap: to the professional who
    convened it."""
    today = timezone.localdate(now)
    days = settings.ENPLAN_MEETING_FOLLOWUP_DAYS
    meetings = (
        Meeting.objects.exclude(status=MS.CANCELLED)
        .filter(plan__status=PlanStatus.ACTIVE)
        .annotate(
            finished=Coalesce("ends_at", "starts_at"),
            has_recap=Exists(LearningRecap.objects.filter(meeting=OuterRef("pk"))),
            has_evaluation=Exists(CitizenEvaluation.objects.filter(meeting=OuterRef("pk"))),
            has_evaluators=Exists(evaluators(OuterRef("pk"))),
        )
        .filter(
            finished__lt=_local_midnight(today - timedelta(days=days - 1)),
            finished__gte=_local_midnight(today - timedelta(days=days + FOLLOWUP_LOOKBACK_DAYS)),
        )
        .select_related("plan__coordinator__user", "created_by")
        .order_by("id")
    )
    candidates = []
    for meeting in meetings:
        if not followup_is_due(meeting.finished, now, days):
            continue
        missing = []
        if meeting.status == MS.PLANNED:
            missing.append(_("attendance"))
        # Asked for only when someone may give it: a citizen who did not come cannot.
        if meeting.has_evaluators and not meeting.has_evaluation:
            missing.append(_("the citizen's evaluation"))
        if not meeting.has_recap:
            missing.append(_("a learning recap"))
        if not missing:
            continue
        what = (
            missing[0]
            if len(missing) == 1
            else _("%(first)s and %(last)s")
            % {
                "first": ", ".join(str(m) for m in missing[:-1]),
                "last": missing[-1],
            }
        )
        text = _("The meeting on %(date)s on the plan %(plan)s has no record of %(what)s yet.") % {
            "date": _date(timezone.localdate(meeting.starts_at)),
            "plan": meeting.plan.title,
            "what": what,
        }
        url = reverse("meetings:detail", args=[meeting.pk])
        # The convener is reminded; if they no longer see the plan, the coordinator is.
        candidates.append(
            Candidate(
                user=meeting.created_by,
                key=f"meeting-followup:{meeting.pk}",
                text=text,
                url=url,
                plan=meeting.plan,
                fallback=meeting.plan.coordinator.user,
            )
        )
    return candidates


RULES = [
    interventions_not_started,
    reviews_approaching,
    children_turning_18,
    meetings_without_followup,
]


def recipients_in_municipality(candidates: list[Candidate]) -> list[Candidate]:
    """Never across a municipality boundary, whatever the data says."""
    return [c for c in candidates if c.user.municipality_id == c.plan.municipality_id]
