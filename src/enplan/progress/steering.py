"""The steering group's figures, computed in the database for a period and a group of plans.

Every figure comes from aggregates and window functions over whole tables, never from a
Python loop over rows, so the dashboard answers in constant queries whatever the number
of plans. Each figure carries the number of citizens and plans behind it, for the
small-group rule in `figures.py`. The definitions, in words, are in docs/progress.md.

The staircase figures rest on *stays*: a citizen's registrations in date order, each one
lasting until the next (SQL `LEAD`). Registrations after the period's end are left out
before the window is taken, so "the next registration" is always one known at that date.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, Lag, Lead, Least, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enplan.core import policy
from enplan.meetings.models import CitizenEvaluation, Meeting, MeetingStatus, Participant
from enplan.network.models import Actor, ActorKind
from enplan.organisation.models import Area, Department
from enplan.plans.models import (
    CoordinatorHandover,
    Intervention,
    InterventionStatus,
    Plan,
    PlanMember,
)
from enplan.progress.figures import AVERAGE, COUNT, DAYS, DKK, SCORE, Figure, share
from enplan.progress.models import Step, StepModel, StepRegistration

# Groups of plans ------------------------------------------------------------------------

ALL, AREA, MODEL, TEAM = "all", "area", "model", "team"


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def last_day(self) -> date:
        """The period's last day that has happened: figures "at the end" are as of then."""
        return min(self.end, timezone.localdate())

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def ends_before(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), time.min))


@dataclass(frozen=True)
class Group:
    kind: str = ALL
    pk: int | None = None
    label: str = ""

    @property
    def key(self) -> str:
        return ALL if self.kind == ALL else f"{self.kind}:{self.pk}"


@dataclass
class GroupChoices:
    areas: list
    models: list
    teams: list

    def as_choices(self) -> list:
        return [
            (ALL, _("All plans")),
            (_("Area"), [(f"{AREA}:{a.pk}", a.name) for a in self.areas]),
            (_("Step model"), [(f"{MODEL}:{m.pk}", m.name) for m in self.models]),
            (_("Coordinator team"), [(f"{TEAM}:{d.pk}", d.name) for d in self.teams]),
        ]

    def group_for(self, key: str) -> Group | None:
        if key == ALL:
            return Group(label=str(_("All plans")))
        kind, _sep, pk = key.partition(":")
        options = {AREA: self.areas, MODEL: self.models, TEAM: self.teams}.get(kind, [])
        for option in options:
            if str(option.pk) == pk:
                return Group(kind=kind, pk=option.pk, label=option.name)
        return None


def group_choices(user) -> GroupChoices:
    """The groups a leader can look at. A coordinator team is the department the plans'
    coordinators work in."""
    municipality = user.municipality_id
    return GroupChoices(
        areas=list(Area.objects.filter(municipality_id=municipality)),
        models=list(StepModel.objects.filter(municipality_id=municipality, is_active=True)),
        teams=list(
            Department.objects.filter(municipality_id=municipality)
            .filter(
                Exists(
                    Plan.objects.filter(
                        municipality_id=municipality, coordinator__department=OuterRef("pk")
                    )
                )
            )
            .select_related("area")
        ),
    )


def plans_in_group(user, group: Group) -> QuerySet[Plan]:
    """The plans a figure is computed over. Starts from the policy; only ever aggregated."""
    plans = policy.plans_for_figures(user)
    if group.kind == AREA:
        # Plans with an effort from a department in the area (cancelled ones aside).
        in_area = Intervention.objects.filter(
            plan=OuterRef("pk"), department__area_id=group.pk
        ).exclude(status=InterventionStatus.CANCELLED)
        plans = plans.filter(Exists(in_area))
    elif group.kind == MODEL:
        follows = Q(progression__step_model_id=group.pk)
        if StepModel.objects.filter(pk=group.pk, is_default=True).exists():
            follows |= Q(progression__isnull=True)
        plans = plans.filter(follows)
    elif group.kind == TEAM:
        plans = plans.filter(coordinator__department_id=group.pk)
    return plans


# The figures ----------------------------------------------------------------------------


@dataclass
class StepRow:
    step: Step
    on_step: Figure  # citizens on the step at the end of the period
    overdue: Figure  # of them, past the step's time limit
    overdue_share: Figure
    moved_up_to: Figure
    moved_down_to: Figure
    new_on: Figure
    left_from: Figure  # ended their course on the staircase from this step
    median_days: Figure  # on the step, for stays that ended in the period


@dataclass
class Movements:
    on_staircase: Figure
    overdue_share: Figure
    new: Figure
    up: Figure
    down: Figure
    ended: Figure


@dataclass
class Continuity:
    meetings_held: Figure
    attendance: Figure
    citizen_no_show: Figure
    evaluations: list[tuple[str, Figure]]
    started_as_agreed: Figure
    professionals_per_plan: Figure
    coordinator_changes: Figure
    plans_with_coordinator_change: Figure


@dataclass
class CostRow:
    label: str
    at_start: Figure
    at_end: Figure

    @property
    def difference(self) -> Figure:
        value = None
        if self.at_start.value is not None and self.at_end.value is not None:
            value = self.at_end.value - self.at_start.value
        return Figure(value, self.at_end.citizens, self.at_end.plans, DKK)


@dataclass
class SteeringFigures:
    period: Period
    group: Group
    models: list[StepModel]
    steps: list[StepRow]
    movements: Movements
    continuity: Continuity
    cost_by_area: list[CostRow]
    cost_total: CostRow
    cost_per_plan: CostRow
    generated_at: datetime = field(default_factory=timezone.now)

    def steps_of(self, model) -> list[StepRow]:
        return [row for row in self.steps if row.step.model_id == model.pk]


def steering_figures(user, *, period: Period, group: Group) -> SteeringFigures:
    """Everything the dashboard and its exports show. The caller audits the access."""
    plan_ids = plans_in_group(user, group).values("pk")
    models = list(StepModel.objects.filter(municipality_id=user.municipality_id, is_active=True))
    if group.kind == MODEL:
        models = [m for m in models if m.pk == group.pk]
    steps = list(Step.objects.filter(model__in=models).select_related("model"))
    step_rows, movements = _staircase(user.municipality_id, plan_ids, period, steps)
    cost_rows, total, per_plan = _cost(user.municipality_id, plan_ids, period)
    return SteeringFigures(
        period=period,
        group=group,
        models=models,
        steps=step_rows,
        movements=movements,
        continuity=_continuity(plan_ids, period),
        cost_by_area=cost_rows,
        cost_total=total,
        cost_per_plan=per_plan,
    )


# SQL helpers ----------------------------------------------------------------------------


def _days(later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later`, two date expressions."""
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _date_param() -> str:
    return "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"


def use_percentile_cont() -> bool:
    return connection.vendor == "postgresql"


def median_sql(values: str, partition: str) -> tuple[str, str]:
    """(select expression, from-clause wrapper) for the median of `values` per `partition`.

    PostgreSQL has the ordered-set aggregate `percentile_cont`. SQLite has none, so there
    the middle row (or the two middle rows, averaged) is picked with ROW_NUMBER and COUNT
    window functions, which gives the same result: the 50th percentile by linear
    interpolation between the two middle values.
    """
    if use_percentile_cont():
        return f"percentile_cont(0.5) WITHIN GROUP (ORDER BY {values})", ""
    return (
        f"AVG(CASE WHEN _rn IN ((_cnt + 1) / 2, (_cnt + 2) / 2) THEN {values} END)",
        f"ROW_NUMBER() OVER (PARTITION BY {partition} ORDER BY {values}) AS _rn, "
        f"COUNT(*) OVER (PARTITION BY {partition}) AS _cnt",
    )


def _fetch(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _registrations(municipality_id, plan_ids, until: date):
    """Every registration up to `until`, with the next one's date and the previous step."""
    window = {
        "partition_by": [F("member_id")],
        "order_by": [F("entered_on").asc(), F("id").asc()],
    }
    return (
        StepRegistration.objects.filter(
            municipality_id=municipality_id, plan__in=plan_ids, entered_on__lte=until
        )
        .annotate(
            step_order=F("step__order"),
            max_days=F("step__max_days"),
            left_on=Window(Lead("entered_on"), **window),
            prev_order=Window(Lag("step__order"), **window),
            prev_step=Window(Lag("step_id"), **window),
        )
        .values(
            "member_id",
            "plan_id",
            "step_id",
            "entered_on",
            "step_order",
            "max_days",
            "left_on",
            "prev_order",
            "prev_step",
        )
        .order_by()
    )


# The staircase --------------------------------------------------------------------------


def _staircase(municipality_id, plan_ids, period: Period, steps):
    registrations_sql, registrations_params = _registrations(
        municipality_id, plan_ids, period.last_day
    ).query.sql_with_params()
    end, start = _date_param(), _date_param()
    days_on = _days(end, "entered_on")
    overdue = f"max_days IS NOT NULL AND {days_on} > max_days"
    median, ranking = median_sql("days", "step_id")
    stays = (
        f"SELECT step_id, member_id, plan_id, {_days('left_on', 'entered_on')} AS days "
        f"FROM reg WHERE step_id IS NOT NULL AND left_on >= {start}"
    )
    if ranking:
        stays = f"SELECT s.*, {ranking} FROM ({stays}) s"
    moved = f"entered_on >= {start}"
    kinds = {
        "up": f"{moved} AND step_order > prev_order",
        "down": f"{moved} AND step_order < prev_order",
        "new": f"{moved} AND step_id IS NOT NULL AND prev_order IS NULL",
    }
    parts, params = [], []
    # Citizens on each step at the end of the period, and those past the step's limit.
    parts.append(
        "SELECT 'on', step_id, COUNT(*), COUNT(DISTINCT plan_id), "
        f"SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END), "
        f"COUNT(DISTINCT CASE WHEN {overdue} THEN plan_id END) "
        "FROM reg WHERE left_on IS NULL AND step_id IS NOT NULL GROUP BY step_id"
    )
    params += [period.last_day, period.last_day]
    parts.append(
        "SELECT 'on_all', NULL, COUNT(*), COUNT(DISTINCT plan_id), "
        "SUM(CASE WHEN max_days IS NOT NULL THEN 1 ELSE 0 END), "
        "COUNT(DISTINCT CASE WHEN max_days IS NOT NULL THEN plan_id END) "
        "FROM reg WHERE left_on IS NULL AND step_id IS NOT NULL"
    )
    parts.append(
        f"SELECT 'overdue_all', NULL, SUM(CASE WHEN {overdue} THEN 1 ELSE 0 END), "
        f"COUNT(DISTINCT CASE WHEN {overdue} THEN plan_id END), NULL, NULL "
        "FROM reg WHERE left_on IS NULL AND step_id IS NOT NULL"
    )
    params += [period.last_day, period.last_day]
    for kind, condition in kinds.items():
        parts.append(
            f"SELECT '{kind}', step_id, COUNT(DISTINCT member_id), COUNT(DISTINCT plan_id), "
            f"NULL, NULL FROM reg WHERE {condition} GROUP BY step_id"
        )
        parts.append(
            f"SELECT '{kind}_all', NULL, COUNT(DISTINCT member_id), COUNT(DISTINCT plan_id), "
            f"NULL, NULL FROM reg WHERE {condition}"
        )
        params += [period.start, period.start]
    ended = f"{moved} AND step_id IS NULL AND prev_step IS NOT NULL"
    parts.append(
        "SELECT 'ended', prev_step, COUNT(DISTINCT member_id), COUNT(DISTINCT plan_id), "
        f"NULL, NULL FROM reg WHERE {ended} GROUP BY prev_step"
    )
    parts.append(
        "SELECT 'ended_all', NULL, COUNT(DISTINCT member_id), COUNT(DISTINCT plan_id), "
        f"NULL, NULL FROM reg WHERE {ended}"
    )
    params += [period.start, period.start]
    parts.append(
        "SELECT 'stay', step_id, COUNT(DISTINCT member_id), COUNT(DISTINCT plan_id), "
        f"{median}, NULL FROM ({stays}) stays GROUP BY step_id"
    )
    params += [period.start]
    sql = f"WITH reg AS ({registrations_sql}) " + " UNION ALL ".join(parts)
    rows = _fetch(sql, [*registrations_params, *params])

    found: dict[tuple[str, object], tuple] = {}
    for kind, step_id, citizens, plans, a, b in rows:
        found[(kind, step_id)] = (int(citizens or 0), int(plans or 0), a, b)

    def count(kind, step_id=None) -> Figure:
        citizens, plans, _a, _b = found.get((kind, step_id), (0, 0, None, None))
        return Figure(citizens, citizens, plans, COUNT)

    step_rows = []
    for step in steps:
        citizens, plans, overdue_citizens, overdue_plans = found.get(("on", step.pk), (0, 0, 0, 0))
        overdue_citizens, overdue_plans = int(overdue_citizens or 0), int(overdue_plans or 0)
        stay = found.get(("stay", step.pk), (0, 0, None, None))
        step_rows.append(
            StepRow(
                step=step,
                on_step=Figure(citizens, citizens, plans, COUNT),
                overdue=Figure(overdue_citizens, overdue_citizens, overdue_plans, COUNT)
                if step.max_days is not None
                else Figure(None, citizens, plans, COUNT),
                overdue_share=share(overdue_citizens, citizens, citizens=citizens, plans=plans)
                if step.max_days is not None
                else Figure(None, citizens, plans, COUNT),
                moved_up_to=count("up", step.pk),
                moved_down_to=count("down", step.pk),
                new_on=count("new", step.pk),
                left_from=count("ended", step.pk),
                median_days=Figure(
                    float(stay[2]) if stay[2] is not None else None, stay[0], stay[1], DAYS
                ),
            )
        )
    on_all = found.get(("on_all", None), (0, 0, 0, 0))
    overdue_all = found.get(("overdue_all", None), (0, 0, None, None))
    limited_citizens, limited_plans = int(on_all[2] or 0), int(on_all[3] or 0)
    movements = Movements(
        on_staircase=Figure(on_all[0], on_all[0], on_all[1], COUNT),
        overdue_share=share(
            overdue_all[0], limited_citizens, citizens=limited_citizens, plans=limited_plans
        ),
        new=count("new_all"),
        up=count("up_all"),
        down=count("down_all"),
        ended=count("ended_all"),
    )
    return step_rows, movements


# Continuity -----------------------------------------------------------------------------


def _population(plan_ids) -> tuple[int, int]:
    """Citizens and plans behind a plan-level figure (every member of each plan)."""
    result = PlanMember.objects.filter(plan__in=plan_ids).aggregate(
        citizens=Count("pk"), plans=Count("plan", distinct=True)
    )
    return result["citizens"], result["plans"]


EVALUATION_QUESTIONS = [
    ("felt_heard", _("I felt heard")),
    ("talked_about_what_matters", _("We talked about what matters to me")),
    ("way_of_working_suited_me", _("The way we worked suited me")),
    ("overall", _("Overall the meeting was good for me")),
]


def _continuity(plan_ids, period: Period) -> Continuity:
    meetings = Meeting.objects.filter(
        plan__in=plan_ids, starts_at__gte=period.starts_at, starts_at__lt=period.ends_before
    ).exclude(status=MeetingStatus.CANCELLED)
    held = meetings.filter(status=MeetingStatus.HELD)
    held_count = held.count()
    held_people = _population(held.values("plan"))

    recorded = Participant.objects.filter(meeting__in=meetings, attended__isnull=False)
    attendance = recorded.aggregate(
        recorded=Count("pk"),
        present=Count("pk", filter=Q(attended=True)),
        citizens_recorded=Count("pk", filter=Q(member__isnull=False)),
        citizens_absent=Count("pk", filter=Q(member__isnull=False, attended=False)),
        invited_citizens=Count("member", distinct=True),
        invited_plans=Count("meeting__plan", distinct=True, filter=Q(member__isnull=False)),
    )
    attendance_people = _population(recorded.values("meeting__plan"))

    scores = CitizenEvaluation.objects.filter(meeting__in=meetings).aggregate(
        citizens=Count("member", distinct=True),
        plans=Count("meeting__plan", distinct=True),
        **{name: Avg(name) for name, _label in EVALUATION_QUESTIONS},
    )

    due = Intervention.objects.filter(
        plan__in=plan_ids, agreed_start__gte=period.start, agreed_start__lte=period.last_day
    ).exclude(status=InterventionStatus.CANCELLED)
    punctuality = due.aggregate(
        due=Count("pk"),
        on_time=Count(
            "pk", filter=Q(actual_start__isnull=False, actual_start__lte=F("agreed_start"))
        ),
    )
    due_people = _population(due.values("plan"))

    networks = (
        Actor.objects.active_on(period.last_day)
        .filter(plan__in=plan_ids, kind=ActorKind.PROFESSIONAL)
        .values("plan")
        .annotate(professionals=Count("professional", distinct=True))
        .aggregate(average=Avg("professionals"))
    )
    network_people = _population(
        Actor.objects.active_on(period.last_day)
        .filter(plan__in=plan_ids, kind=ActorKind.PROFESSIONAL)
        .values("plan")
    )

    handovers = CoordinatorHandover.objects.filter(
        plan__in=plan_ids,
        handed_over_at__gte=period.starts_at,
        handed_over_at__lt=period.ends_before,
    )
    changes = handovers.aggregate(count=Count("pk"), plans=Count("plan", distinct=True))
    change_people = _population(handovers.values("plan"))
    existing_people = _population(
        Plan.objects.filter(pk__in=plan_ids, created_at__lt=period.ends_before).values("pk")
    )

    return Continuity(
        meetings_held=Figure(held_count, *held_people, COUNT),
        attendance=share(
            attendance["present"],
            attendance["recorded"],
            citizens=attendance_people[0],
            plans=attendance_people[1],
        ),
        citizen_no_show=share(
            attendance["citizens_absent"],
            attendance["citizens_recorded"],
            citizens=attendance["invited_citizens"],
            plans=attendance["invited_plans"],
        ),
        evaluations=[
            (label, Figure(scores[name], scores["citizens"], scores["plans"], SCORE))
            for name, label in EVALUATION_QUESTIONS
        ],
        started_as_agreed=share(
            punctuality["on_time"],
            punctuality["due"],
            citizens=due_people[0],
            plans=due_people[1],
        ),
        professionals_per_plan=Figure(networks["average"], *network_people, AVERAGE),
        coordinator_changes=Figure(changes["count"], *change_people, COUNT),
        plans_with_coordinator_change=share(
            changes["plans"],
            existing_people[1],
            citizens=existing_people[0],
            plans=existing_people[1],
        ),
    )


# Cost -----------------------------------------------------------------------------------


def plan_starts(plan_ids):
    """Each plan's start: the day it was created, or its first step registration if that
    is earlier (a plan moved from paper keeps its real history)."""
    first = (
        StepRegistration.objects.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(first=Min("entered_on"))
        .values("first")
    )
    return (
        Plan.objects.filter(pk__in=plan_ids)
        .annotate(created_on=TruncDate("created_at"), first_on=Subquery(first))
        .annotate(start_on=Least("created_on", Coalesce("first_on", "created_on")))
        .values("id", "start_on")
        .order_by()
    )


def _money(value) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(str(value)) * 12).quantize(Decimal("0.01"))


def _cost(municipality_id, plan_ids, period: Period):
    """The annual cost (12 × the monthly cost of the interventions active on a day) at each
    plan's start and at the end of the period, per area and in total.

    An intervention is active on a day when it had started by then and not yet ended, and
    was not cancelled.
    """
    starts_sql, starts_params = plan_starts(plan_ids).query.sql_with_params()
    end = _date_param()
    active_on = "i.actual_start <= {day} AND (i.end_date IS NULL OR i.end_date >= {day})"
    intervention = Intervention._meta.db_table
    department = Department._meta.db_table
    member = PlanMember._meta.db_table
    sql = (
        f"WITH s AS ({starts_sql}), "
        "iv AS ("
        "SELECT i.plan_id, d.area_id, i.monthly_cost AS cost, "
        f"CASE WHEN {active_on.format(day='s.start_on')} THEN 1 ELSE 0 END AS at_start, "
        f"CASE WHEN {active_on.format(day=end)} THEN 1 ELSE 0 END AS at_end "
        f"FROM {intervention} i JOIN s ON s.id = i.plan_id "
        f"JOIN {department} d ON d.id = i.department_id "
        "WHERE i.status <> %s AND i.monthly_cost IS NOT NULL AND i.actual_start IS NOT NULL "
        f"AND s.start_on <= {end}"
        "), counted AS (SELECT * FROM iv WHERE at_start = 1 OR at_end = 1) "
        "SELECT c.area_id, SUM(c.cost * c.at_start), SUM(c.cost * c.at_end), "
        "COUNT(DISTINCT c.plan_id), "
        f"(SELECT COUNT(*) FROM {member} m WHERE m.plan_id IN "
        "(SELECT c2.plan_id FROM counted c2 WHERE c2.area_id = c.area_id)) "
        "FROM counted c GROUP BY c.area_id "
        "UNION ALL "
        "SELECT NULL, (SELECT SUM(cost * at_start) FROM counted), "
        "(SELECT SUM(cost * at_end) FROM counted), COUNT(*), "
        f"(SELECT COUNT(*) FROM {member} m WHERE m.plan_id IN (SELECT s2.id FROM s s2 "
        f"WHERE s2.start_on <= {end})) "
        f"FROM s WHERE s.start_on <= {end}"
    )
    day = period.last_day
    params = [*starts_params, day, day, InterventionStatus.CANCELLED, day, day, day]
    rows = _fetch(sql, params)
    areas = {a.pk: a.name for a in Area.objects.filter(municipality_id=municipality_id)}
    position = {pk: index for index, pk in enumerate(areas)}
    by_area, total = [], None
    for area_id, at_start, at_end, plans, citizens in sorted(
        rows, key=lambda row: position.get(row[0], -1)
    ):
        start_figure = Figure(_money(at_start or 0), citizens or 0, plans or 0, DKK)
        end_figure = Figure(_money(at_end or 0), citizens or 0, plans or 0, DKK)
        if area_id is None:
            total = CostRow(str(_("All areas")), start_figure, end_figure)
        else:
            by_area.append(CostRow(areas.get(area_id, ""), start_figure, end_figure))
    if total is None:  # no plans at all
        empty = Figure(Decimal(0), 0, 0, DKK)
        total = CostRow(str(_("All areas")), empty, empty)
    plans = total.at_end.plans

    def per_plan(figure: Figure) -> Figure:
        value = (figure.value / plans).quantize(Decimal("0.01")) if plans else None
        return Figure(value, figure.citizens, figure.plans, DKK)

    average = CostRow(str(_("Average per plan")), per_plan(total.at_start), per_plan(total.at_end))
    return by_area, total, average
