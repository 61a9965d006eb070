"""Reads for the citizen's side. Each starts from the policy's citizen rules and writes the
audit event itself, so every page the citizen opens is in the trail too."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    CharField,
    Count,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Cast
from django.http import Http404
from django.utils import formats, timezone
from django.utils.dateformat import DateFormat
from django.utils.translation import gettext as _

from enplan.citizen.models import MeetingTopic, PrivacyContact
from enplan.citizen.purposes import KINDS, purpose_of
from enplan.core import audit
from enplan.core.models import AuditAction, AuditEvent, User, object_types_of
from enplan.meetings import access as meeting_access
from enplan.meetings.models import (
    CitizenEvaluation,
    Decision,
    EvaluationLink,
    LearningRecap,
    Meeting,
    MeetingStatus,
)
from enplan.organisation.models import Area, Department
from enplan.plans import access as plan_access
from enplan.plans import fhir
from enplan.plans.models import (
    Actor,
    ActorKind,
    Consent,
    CoordinatorHandover,
    Goal,
    GoalStatus,
    Intervention,
    InterventionStatus,
    LogEntry,
    LogEntryKind,
    Plan,
    PlanMember,
)
from enplan.progress.models import StepRegistration

COMMENTS_PER_GOAL = 3
RECENT_ENTRIES = 10


def citizen_plans(user: User):
    return plan_access.citizen_plans(user).select_related("coordinator").order_by("-created_at")


def plan_open(
    user: User, pk, *, path: str, action=AuditAction.VIEW
) -> tuple[Plan, plan_access.CitizenScope]:
    """The citizen's plan and what they may see of it (404 otherwise), audited."""
    plan = plan_access.citizen_plan_or_404(user, pk)
    scope = plan_access.citizen_scope(user, plan)
    audit.record(user=user, action=action, obj=plan, plan=plan, path=path)
    return plan, scope


def plan_for_write(user: User, pk) -> tuple[Plan, plan_access.CitizenScope]:
    """As `plan_open`, for a form: the write that follows is the audited event."""
    plan = plan_access.citizen_plan_or_404(user, pk)
    return plan, plan_access.citizen_scope(user, plan)


@dataclass
class MemberPart:
    member: PlanMember
    is_me: bool
    can_write: bool
    wishes_hidden: bool  # a young person keeps their own words from their parents


@dataclass
class GoalRow:
    goal: Goal
    comments: list = field(default_factory=list)


@dataclass
class AgreedDecision:
    """A decision the citizen should see: from a meeting they took part in, or one the
    professionals wrote in the stafetlog."""

    occurred_on: date
    text: str


@dataclass
class MyPlan:
    plan: Plan
    scope: plan_access.CitizenScope
    parts: list[MemberPart]
    goals: list[GoalRow]
    interventions: list[Intervention]
    professionals: list[Actor]
    private_people: list[Actor]
    meetings: list[Meeting]
    decisions: list[AgreedDecision]
    recent: list[LogEntry]
    my_topics: list[MeetingTopic]
    today: date
    # When the coordinator took over the plan from another, if they did.
    coordinator_since: datetime | None = None

    @property
    def is_household(self) -> bool:
        return self.plan.kind == "household"


def citizen_log(scope, plan) -> QuerySet[LogEntry]:
    # The meeting link tells which entries a meeting wrote (`agreed_decisions`).
    return plan_access.citizen_log_entries(
        scope, LogEntry.objects.filter(plan=plan)
    ).select_related("goal", "citizen_author__citizen", "meeting_link")


def my_plan(plan: Plan, scope: plan_access.CitizenScope) -> MyPlan:
    """Everything Min plan shows, in a fixed number of queries."""
    today = timezone.localdate()
    members = list(
        PlanMember.objects.filter(plan=plan, pk__in=scope.member_ids).select_related("citizen")
    )
    # Me first, then the others in the plan's order.
    members.sort(key=lambda m: (m.pk != scope.member.pk, m.order, m.pk))
    parts = [
        MemberPart(
            member=m,
            is_me=m.pk == scope.member.pk,
            can_write=scope.can_write_for(m),
            wishes_hidden=m.pk in scope.hidden_writer_ids,
        )
        for m in members
    ]
    goals = [
        GoalRow(goal=g)
        for g in Goal.objects.filter(plan=plan)
        .filter(scope.parts())
        .exclude(status=GoalStatus.DROPPED)
        .select_related("member__citizen")
    ]
    entries = list(citizen_log(scope, plan)[:300])
    by_goal: defaultdict[int, list[LogEntry]] = defaultdict(list)
    for entry in entries:
        if entry.goal_id and len(by_goal[entry.goal_id]) < COMMENTS_PER_GOAL:
            by_goal[entry.goal_id].append(entry)
    for row in goals:
        row.comments = by_goal.get(row.goal.pk, [])
    interventions = list(
        Intervention.objects.filter(plan=plan)
        .filter(scope.parts())
        .exclude(status=InterventionStatus.CANCELLED)
        .select_related(
            "department__area", "legislation", "responsible__department", "member__citizen"
        )
        .order_by("status", "agreed_start", "id")
    )
    actors = list(
        plan_access.citizen_actors(scope, Actor.objects.active_on(today).filter(plan=plan))
        .select_related("professional__department", "member__citizen")
        .order_by("kind", "professional__name", "name", "id")
    )
    coordinator_since = (
        CoordinatorHandover.objects.filter(plan=plan, to_coordinator_id=plan.coordinator_id)
        .order_by("-handed_over_at")
        .values_list("handed_over_at", flat=True)
        .first()
    )
    return MyPlan(
        coordinator_since=coordinator_since,
        plan=plan,
        scope=scope,
        parts=parts,
        goals=goals,
        interventions=interventions,
        professionals=[
            a
            for a in actors
            if a.kind == ActorKind.PROFESSIONAL and a.professional_id != plan.coordinator_id
        ],
        private_people=[a for a in actors if a.kind == ActorKind.PRIVATE],
        meetings=upcoming_meetings(plan, scope),
        decisions=agreed_decisions(plan, scope, entries),
        recent=entries[:RECENT_ENTRIES],
        my_topics=list(
            MeetingTopic.objects.filter(plan=plan, member=scope.member).select_related("meeting")[
                :5
            ]
        ),
        today=today,
    )


def agreed_decisions(
    plan: Plan, scope: plan_access.CitizenScope, entries: list[LogEntry], limit: int = 5
) -> list[AgreedDecision]:
    """The newest decisions: every decision of the meetings the citizen takes part in
    (also those recorded on the meeting only, which leave no log entry), and the decisions
    in the stafetlog that belong to no meeting. One query besides `entries`."""
    from_meetings = [
        AgreedDecision(occurred_on=timezone.localdate(d.meeting.starts_at), text=d.text)
        for d in Decision.objects.filter(
            meeting__in=meeting_access.citizen_meetings(scope, Meeting.objects.filter(plan=plan))
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at", "-id")[:limit]
    ]
    from_log = [
        AgreedDecision(occurred_on=e.occurred_on, text=e.text)
        for e in entries
        if e.kind == LogEntryKind.DECISION and not hasattr(e, "meeting_link")
    ][:limit]
    # Stable sort: on the same day the meeting's own decisions come first.
    return sorted(from_meetings + from_log, key=lambda d: d.occurred_on, reverse=True)[:limit]


def upcoming_meetings(plan: Plan, scope: plan_access.CitizenScope) -> list[Meeting]:
    """The meetings the citizen takes part in, soonest first. Meetings among the
    professionals alone are theirs."""
    return list(
        meeting_access.citizen_meetings(
            scope,
            Meeting.objects.filter(
                plan=plan, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
            ),
        ).order_by("starts_at")[:5]
    )


def meeting_for_calendar(user: User, plan: Plan, meeting_pk: int, *, path: str) -> Meeting | None:
    scope = plan_access.citizen_scope(user, plan)
    meeting = meeting_access.citizen_meetings(
        scope, Meeting.objects.filter(plan=plan, pk=meeting_pk)
    ).first()
    if meeting is not None:
        audit.record(user=user, action=AuditAction.EXPORT, obj=meeting, plan=plan, path=path)
    return meeting


# Consent ----------------------------------------------------------------------------------


@dataclass
class DepartmentConsent:
    department: Department
    since: date | None  # None: may not see the plan


@dataclass
class AreaConsent:
    area: Area
    departments: list[DepartmentConsent]


def consent_overview(plan: Plan, scope: plan_access.CitizenScope) -> tuple[list[AreaConsent], list]:
    """Every department of the municipality, and since when a consent lets it see my part
    of the plan: my own consent, or, for a young person, the consent a parent with custody
    gave for them (the rule professionals are held to, `plan_access.visible_member_ids`)."""
    consents = list(
        Consent.objects.filter(plan=plan)
        .filter(Q(given_by=scope.member) | Q(covers=scope.member))
        .distinct()
        .select_related("given_by__citizen")
        .prefetch_related(
            "departments",
            Prefetch("areas", queryset=Area.objects.prefetch_related("departments")),
        )
        .order_by("-given_on", "-id")
    )
    since: dict[int, date] = {}
    for consent in consents:
        if not consent.is_active:
            continue
        covered = {d.pk for d in consent.departments.all()}
        for area in consent.areas.all():
            covered |= {d.pk for d in area.departments.all()}
        for pk in covered:
            since[pk] = min(since.get(pk, consent.given_on), consent.given_on)
    areas = []
    departments = Department.objects.filter(municipality_id=plan.municipality_id).select_related(
        "area"
    )
    grouped: dict = {}
    for department in departments:
        grouped.setdefault(department.area, []).append(
            DepartmentConsent(department=department, since=since.get(department.pk))
        )
    for area, items in grouped.items():
        areas.append(AreaConsent(area=area, departments=items))
    return areas, consents


# Min log ----------------------------------------------------------------------------------


@dataclass
class LogFilter:
    since: date | None = None
    until: date | None = None
    kind: str = ""
    organisation: str = ""


@dataclass
class AccessRow:
    at: datetime
    role: str
    organisation: str
    purpose: str
    # Who it was, by name: the citizen may know who has read their data (GDPR art. 15),
    # and a name reads more plainly than a job title.
    who: str = ""
    # When, as the page writes it (`access_page`): "3. december", the machine-readable
    # time, and "03.12.2026 10:15".
    day: str = ""
    stamp: str = ""
    when: str = ""

    @property
    def sentence(self) -> str:
        """The row as a plain sentence: "Lars Holm åbnede din plan"."""
        what = self.purpose[:1].lower() + self.purpose[1:]
        return _("%(who)s %(what)s") % {"who": self.who or self.role, "what": what}


def _scoped_keys(plan: Plan, scope: plan_access.CitizenScope) -> dict[str, set[str]]:
    """The ids, by object type, of the things of the plan this citizen may see, read in one
    query (a UNION of the parts), however many kinds there are and however big the plan.

    A meeting to which members are invited is theirs, as on the professionals' side
    (`meeting_access.meetings_visible_to`); one without invited members is the household's.
    What hangs on a meeting follows it: its parts are read with their meeting, and kept
    here if the meeting is one the citizen sees, so that the rule is worked out once. A step
    registration is matched through the registration while it exists (`_object_scope`)."""
    parts = scope.parts()
    meetings = Meeting.objects.filter(plan=plan).filter(
        meeting_access.meetings_seen_by_members(scope.member_ids, meeting_ref="pk")
    )
    own_writing = ~Q(member__in=scope.hidden_writer_ids)
    sources: dict[str, QuerySet] = {
        "plans.goal": Goal.objects.filter(plan=plan).filter(parts),
        "plans.intervention": Intervention.objects.filter(plan=plan).filter(parts),
        "plans.actor": plan_access.citizen_actors(scope, Actor.objects.filter(plan=plan)),
        "plans.consent": Consent.objects.filter(plan=plan, given_by__in=scope.member_ids),
        "plans.logentry": plan_access.citizen_log_entries(
            scope, LogEntry.objects.filter(plan=plan), with_internal=True
        ),
        "citizen.meetingtopic": MeetingTopic.objects.filter(
            plan=plan, member__in=scope.member_ids
        ).exclude(member__in=scope.hidden_writer_ids),
        "meetings.meeting": meetings,
        "progress.stepregistration": StepRegistration.objects.filter(
            plan=plan, member__in=scope.member_ids
        ),
    }
    # Of the plan's meetings, seen or not: kept below if their meeting is seen.
    on_meetings: dict[str, QuerySet] = {
        "meetings.decision": Decision.objects.filter(meeting__plan=plan),
        "meetings.learningrecap": LearningRecap.objects.filter(meeting__plan=plan),
        "meetings.evaluationlink": EvaluationLink.objects.filter(
            meeting__plan=plan, member__in=scope.member_ids
        ),
        "meetings.citizenevaluation": CitizenEvaluation.objects.filter(
            own_writing, meeting__plan=plan, member__in=scope.member_ids
        ),
    }
    keyed = [
        queryset.order_by()
        .annotate(
            label=Value(label, output_field=CharField()),
            key=Cast("pk", CharField()),
            meeting_key=Value("", output_field=CharField()),
        )
        .values_list("label", "key", "meeting_key")
        for label, queryset in sources.items()
    ] + [
        queryset.order_by()
        .annotate(
            label=Value(label, output_field=CharField()),
            key=Cast("pk", CharField()),
            meeting_key=Cast("meeting_id", CharField()),
        )
        .values_list("label", "key", "meeting_key")
        for label, queryset in on_meetings.items()
    ]
    rows = list(keyed[0].union(*keyed[1:], all=True))
    keys: dict[str, set[str]] = {label: set() for label in [*sources, *on_meetings]}
    for label, key, _meeting in rows:
        if label in sources:
            keys[label].add(key)
    seen_meetings = keys["meetings.meeting"]
    for label, key, meeting in rows:
        if label in on_meetings and meeting in seen_meetings:
            keys[label].add(key)
    return keys


# The kinds of object whose events belong to one member of the plan, or to a meeting:
# the rest (the plan itself, ...) is the whole household's. The first match their events
# under old labels too; a meeting's parts and step registrations only under today's.
MEMBER_SCOPED = [
    "plans.planmember",
    "plans.goal",
    "plans.intervention",
    "plans.actor",
    "plans.consent",
    "plans.logentry",
    "citizen.meetingtopic",
]
MEETING_SCOPED = [
    "meetings.meeting",
    "meetings.decision",
    "meetings.learningrecap",
    "meetings.evaluationlink",
    "meetings.citizenevaluation",
]


def _object_scope(plan: Plan, scope: plan_access.CitizenScope) -> Q:
    """The audit events about things this citizen may see. Events about another member's
    own part are that member's, not theirs."""
    keys = _scoped_keys(plan, scope)
    keys["plans.planmember"] = {str(pk) for pk in scope.member_ids}
    scoped = [*MEMBER_SCOPED, *MEETING_SCOPED, "progress.stepregistration"]
    allowed = ~Q(object_type__in=[old for label in scoped for old in object_types_of(label)])
    # A step registration can be withdrawn (deleted); the event names its member, so the
    # citizen still sees that it was made and withdrawn. Events from before events named
    # their member are matched through the registration, while it exists.
    allowed |= Q(object_type="progress.stepregistration") & (
        Q(member_id__in=scope.member_ids)
        | Q(member_id__isnull=True, object_id__in=sorted(keys["progress.stepregistration"]))
    )
    for object_type in MEMBER_SCOPED:
        allowed |= Q(
            object_type__in=object_types_of(object_type),
            object_id__in=sorted(keys[object_type]),
        )
    for object_type in MEETING_SCOPED:
        allowed |= Q(object_type=object_type, object_id__in=sorted(keys[object_type]))
    return allowed


def access_events(user: User, plan: Plan, scope: plan_access.CitizenScope):
    """Min log: who read or changed my plan in the last two years, newest first.

    The citizen's own visits are left out: it is a log of the others.
    """
    earliest = timezone.now() - timedelta(days=settings.ENPLAN_CITIZEN_LOG_DAYS)
    return (
        AuditEvent.objects.filter(
            municipality_id=plan.municipality_id, plan_id=plan.pk, at__gte=earliest
        )
        .exclude(user=user)
        .filter(_object_scope(plan, scope))
        .select_related("user")
        .only(
            "at",
            "actor_role",
            "actor_organisation",
            "action",
            "object_type",
            "user__first_name",
            "user__last_name",
            "user__username",
        )
    )


@dataclass
class LogSummary:
    """What Min log counts, read in one pass over the citizen's events: the number of
    events by organisation, all of them and those the filter's dates and kind match."""

    by_organisation: dict[str, tuple[int, int]]

    @property
    def organisations(self) -> list[str]:
        """The organisations in the log, for the filter."""
        return sorted(o for o in self.by_organisation if o)

    def count(self, filters: LogFilter | None) -> int:
        """How many events the page lists: all of them without a filter."""
        if filters is None:
            return sum(total for total, _matching in self.by_organisation.values())
        return sum(
            matching
            for organisation, (_total, matching) in self.by_organisation.items()
            if not filters.organisation or organisation == filters.organisation
        )


def log_summary(events, filters: LogFilter | None) -> LogSummary:
    """The organisations and counts of `events` in one query; `filters`' organisation is
    left to `LogSummary.count`, as the filter's list of organisations is the whole log's."""
    matching = _filter_q(filters, with_organisation=False) if filters else Q()
    rows = (
        events.order_by()
        .values_list("actor_organisation")
        .annotate(
            total=Count("pk"),
            matching=Count("pk", filter=matching) if matching else Count("pk"),
        )
    )
    return LogSummary({organisation: (total, n) for organisation, total, n in rows})


def _filter_q(filters: LogFilter, *, with_organisation: bool = True) -> Q:
    tz = timezone.get_current_timezone()
    q = Q()
    if filters.since:
        q &= Q(at__gte=datetime.combine(filters.since, time.min, tzinfo=tz))
    if filters.until:
        q &= Q(at__lt=datetime.combine(filters.until + timedelta(days=1), time.min, tzinfo=tz))
    if filters.kind in KINDS:
        q &= Q(action__in=KINDS[filters.kind][0])
    if with_organisation and filters.organisation:
        q &= Q(actor_organisation=filters.organisation)
    return q


def filter_events(events, filters: LogFilter):
    return events.filter(_filter_q(filters))


def access_row(event, purposes: dict[tuple[str, str], str] | None = None) -> AccessRow:
    """The event as a row of Min log; `purposes` keeps the purposes already put into words,
    so that a page of rows translates each kind once."""
    key = (event.action, event.object_type)
    if purposes is None:
        purpose = purpose_of(*key)
    elif key in purposes:
        purpose = purposes[key]
    else:
        purpose = purposes[key] = purpose_of(*key)
    return AccessRow(
        at=event.at,
        role=event.actor_role,
        organisation=event.actor_organisation,
        purpose=purpose,
        who=event.user.display_name if event.user else "",
    )


def access_rows(events) -> list[AccessRow]:
    purposes: dict[tuple[str, str], str] = {}
    return [access_row(e, purposes) for e in events]


def access_page(events, page_number=1, *, count: int | None = None) -> Page:
    """A page of 50 rows; `count`, when known (`log_summary`), saves counting again."""
    paginator = Paginator(events, 50)
    if count is not None:
        paginator.count = count
    page = paginator.get_page(page_number)
    page.object_list = _written_times(access_rows(page.object_list))
    return page


def _written_times(rows: list[AccessRow]) -> list[AccessRow]:
    """The rows' times in the current time zone and language, as the template's date
    filters would write them: each worked out once, the day once for the rows of a day."""
    short_date = formats.get_format("SHORT_DATE_FORMAT")
    days: dict[date, tuple[str, str]] = {}
    for row in rows:
        local = timezone.localtime(row.at)
        written = DateFormat(local)
        if (day := days.get(local.date())) is None:
            day = days[local.date()] = (written.format("j. F"), written.format(short_date))
        row.day = day[0]
        row.stamp = written.format("Y-m-d\\TH:i:sO")
        row.when = f"{day[1]} {written.format('H:i')}"
    return rows


# Download and the GDPR page -------------------------------------------------------------


def privacy_contact(plan: Plan) -> PrivacyContact | None:
    return PrivacyContact.objects.filter(municipality_id=plan.municipality_id).first()


def all_my_data(user: User, plan: Plan, scope: plan_access.CitizenScope) -> dict:
    """Everything the citizen can see of their plan, as plain data for the JSON download."""
    page = my_plan(plan, scope)
    consents = consent_overview(plan, scope)[1]
    log = list(citizen_log(scope, plan))
    all_accesses = access_rows(access_events(user, plan, scope))
    me = scope.member.citizen

    def day(value):
        return value.isoformat() if value else None

    return {
        "format": "enplan-citizen-data/1",
        "exported_at": timezone.now().isoformat(),
        "municipality": plan.municipality.name,
        "me": {
            "name": me.full_name,
            "cpr": me.cpr,
            "birth_date": day(me.birth_date),
            "phone": me.phone,
            "email": me.email,
        },
        "plan": {
            "title": plan.title,
            "kind": plan.kind,
            "status": plan.status,
            "next_review": day(plan.review_date),
            "coordinator": _person(plan.coordinator),
        },
        "members": [
            {
                "name": part.member.citizen.full_name,
                "role": part.member.role,
                "the_most_important_thing": "" if part.wishes_hidden else part.member.wishes,
                "shared_goals": part.member.goal_areas,
            }
            for part in page.parts
        ],
        "goals": [
            {
                "goal": row.goal.title,
                "for": row.goal.member.citizen.full_name if row.goal.member else None,
                "life_area": row.goal.life_area,
                "status": row.goal.status,
                "target_date": day(row.goal.target_date),
            }
            for row in page.goals
        ],
        "interventions": [
            {
                "intervention": i.title,
                "for": i.member.citizen.full_name if i.member else None,
                "department": i.department.name,
                "area": i.department.area.name,
                "legal_basis": i.legislation.name,
                "legal_reference": i.legislation.reference,
                "responsible": _person(i.responsible) if i.responsible else None,
                "agreed_start": day(i.agreed_start),
                "actual_start": day(i.actual_start),
                "end_date": day(i.end_date),
                "status": i.status,
                "reason": i.status_reason,
                "monthly_cost_dkk": str(i.monthly_cost) if i.monthly_cost is not None else None,
            }
            for i in page.interventions
        ],
        "network": [
            {
                "name": a.display_name,
                "role": a.role,
                "kind": a.kind,
                "phone": a.phone,
                "email": a.email,
                "since": day(a.started_on),
                "professionals_may_see": a.visible_to_professionals,
            }
            for a in page.professionals + page.private_people
        ],
        "consents": [
            {
                "given_on": day(c.given_on),
                "how": c.method,
                "departments": [d.name for d in c.departments.all()],
                "whole_areas": [a.name for a in c.areas.all()],
                "withdrawn_on": day(c.withdrawn_on),
                "note": c.note,
            }
            for c in consents
        ],
        "log": [
            {
                "date": day(e.occurred_on),
                "kind": e.kind,
                "written_by": e.author_name,
                "written_by_me_or_my_family": e.citizen_author_id is not None,
                "text": e.text,
                "goal": e.goal.title if e.goal else None,
            }
            for e in log
        ],
        "meetings": [
            {
                "starts_at": m.starts_at.isoformat(),
                "ends_at": m.ends_at.isoformat() if m.ends_at else None,
                "place": m.place,
                "video_link": m.video_link,
            }
            for m in page.meetings
        ],
        "my_topics_for_meetings": [
            {"written": t.created_at.isoformat(), "text": t.text}
            for t in MeetingTopic.objects.filter(plan=plan, member=scope.member)
        ],
        "who_looked_at_my_data": [
            {
                "at": row.at.isoformat(),
                "role": row.role,
                "organisation": row.organisation,
                "purpose": row.purpose,
            }
            for row in all_accesses
        ],
    }


def _person(professional) -> dict:
    return {
        "name": professional.name,
        "title": professional.title,
        "workplace": professional.workplace,
        "phone": professional.phone,
        "email": professional.email,
    }


def my_data_fhir(user: User, plan: Plan, scope: plan_access.CitizenScope) -> dict:
    """The citizen's data as a FHIR R4 Bundle: their plan as they see it on Min plan, and
    their own access log as AuditEvents. Their own CPR number only, as in the JSON."""
    page = my_plan(plan, scope)
    prefetch_related_objects(page.interventions, "goals")
    consents = consent_overview(plan, scope)[1]
    # The FHIR AuditEvent names the organisation, not the person: no user row is read.
    events = (
        access_events(user, plan, scope)
        .select_related(None)
        .only("at", "actor_role", "actor_organisation", "action", "object_type", "object_id")
    )
    return fhir.plan_bundle(
        plan=plan,
        members=[part.member for part in page.parts],
        goals=[row.goal for row in page.goals],
        interventions=page.interventions,
        actors=page.professionals + page.private_people,
        consents=consents,
        base_url=f"{settings.ENPLAN_BASE_URL}/fhir",
        cpr_member_ids={scope.member.pk},
        audit_events=events,
    )


# The citizen's topics at a meeting ------------------------------------------------------


def topics_for_meeting(user: User, meeting: Meeting, *, member_ids=None) -> list[MeetingTopic]:
    """What the citizens wrote that they want to talk about, on the meeting's agenda: the
    topics written for this meeting, and, at the plan's next meeting, those written while
    no meeting was planned. Only members this user may see (the household rule), which
    the meeting page passes as `member_ids` when it has them. The meeting page has opened
    (and audited) the meeting."""
    plan = meeting.plan
    if member_ids is None:
        member_ids = plan_access.visible_member_ids(user, plan)
    for_this = Q(meeting=meeting)
    upcoming = (
        Meeting.objects.filter(
            plan=plan, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .values_list("pk", flat=True)
        .first()
    )
    if upcoming == meeting.pk:
        for_this |= Q(meeting__isnull=True, talked_about_at__isnull=True)
    return list(
        MeetingTopic.objects.filter(for_this, plan=plan, member__in=member_ids)
        .select_related("member__citizen")
        .order_by("created_at", "id")
    )


def topic_for_meeting_or_404(user: User, meeting: Meeting, topic_pk) -> MeetingTopic:
    for topic in topics_for_meeting(user, meeting):
        if topic.pk == int(topic_pk):
            return topic
    raise Http404
