"""The steering group's figures, computed in the database for a period and a group of plans.

Every figure comes from aggregates and window functions over whole tables, never from a
Python loop over rows, so the dashboard answers in constant queries whatever the number
of plans. Each figure carries the number of citizens and plans behind it, for the
small-group rule in `figures.py`. The definitions, in words, are in docs/progress.md.

The staircase figures rest on *stays*: a citizen's registrations in date order, each one
lasting until the next. Each registration carries the next one's date and the previous
step, kept as registrations are made and withdrawn (`models.keep_stays`), so the figures
read a range of an index; a next registration after the period's end is not known at
that date, so the stay counts as going on.
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import connections, transaction
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from enplan.core import access as core_access
from enplan.core.db_router import read_alias
from enplan.core.models import User
from enplan.core.suppression import Total, complementary
from enplan.meetings.models import (
    CitizenEvaluation,
    EvaluationQuestion,
    Meeting,
    MeetingStatus,
    Participant,
)
from enplan.organisation.models import Area, Department, Step, StepModel
from enplan.plans import access as plan_access
from enplan.plans.models import (
    Actor,
    ActorKind,
    CoordinatorHandover,
    Intervention,
    InterventionStatus,
    Plan,
    PlanMember,
)
from enplan.progress import access as progress_access
from enplan.progress.figures import (
    AVERAGE,
    COUNT,
    DAYS,
    DKK,
    SCORE,
    Figure,
    share,
    small_group_limit,
)
from enplan.progress.models import StepRegistration

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
    name: str = ""  # the area's, step model's or team's name; none for all plans

    @property
    def key(self) -> str:
        return ALL if self.kind == ALL else f"{self.kind}:{self.pk}"

    @property
    def label(self) -> str:
        """In the language of whoever looks: the figures are kept once for every language."""
        return str(_("All plans")) if self.kind == ALL else self.name


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
            return Group()
        kind, _sep, pk = key.partition(":")
        options = {AREA: self.areas, MODEL: self.models, TEAM: self.teams}.get(kind, [])
        for option in options:
            if str(option.pk) == pk:
                return Group(kind=kind, pk=option.pk, name=option.name)
        return None


def group_choices(user: User) -> GroupChoices:
    """The groups a leader can look at. A coordinator team is the department the plans'
    coordinators work in."""
    municipality = core_access.scope_of(user)
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


def plans_in_group(user: User, group: Group) -> QuerySet[Plan]:
    """The plans a figure is computed over. Starts from the policy; only ever aggregated."""
    plans = plan_access.plans_for_figures(user)
    if group.kind == ALL:
        return plans
    if group.pk is None:
        raise ValueError("Only the group of all plans has no area, model or team.")
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
    evaluations: list[tuple[EvaluationQuestion, Figure]]  # the question's label: `.label`
    started_as_agreed: Figure
    professionals_per_plan: Figure
    professionals_per_citizen: Figure
    coordinator_changes: Figure
    plans_with_coordinator_change: Figure


@dataclass
class CostRow:
    # An area's name, or the lazy text of a row over all areas: the figures are kept once
    # and shown in the language of whoever looks.
    name: str | Promise
    at_start: Figure
    at_end: Figure

    @property
    def label(self) -> str:
        return str(self.name)

    @property
    def difference(self) -> Figure:
        start, end = self.at_start.value, self.at_end.value
        value = end - start if isinstance(start, Decimal) and isinstance(end, Decimal) else None
        return Figure(
            value, self.at_end.citizens, self.at_end.plans, DKK, withheld=self.at_end.withheld
        )


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


def steering_figures(
    user: User, *, period: Period, group: Group, everyone: SteeringFigures | None = None
) -> SteeringFigures:
    """Everything the dashboard and its exports show; `kept.steering_look` keeps the
    figures and audits each look.

    A group's figures are protected against the figures of all plans for the same
    period. `everyone` passes those when they were just computed for this user (the
    nightly run computes them once per period for every group); otherwise they are
    computed here."""
    progress_access.steering_figures_or_404(user)
    if everyone is not None and (everyone.period != period or everyone.group.kind != ALL):
        raise ValueError("The figures of all plans must be for the same period.")
    plan_ids = plans_in_group(user, group).values("pk")
    # Registrations carry their municipality: all its plans need no list of plans.
    staircase_plans = None if group.kind == ALL else plan_ids
    models = list(
        StepModel.objects.filter(municipality_id=core_access.scope_of(user), is_active=True)
    )
    if group.kind == MODEL:
        models = [m for m in models if m.pk == group.pk]
    steps = list(Step.objects.filter(model__in=models).select_related("model"))
    step_rows, movements = _staircase(user.municipality_id, staircase_plans, period, steps)
    cost_rows, total, per_plan = _cost(user.municipality_id, plan_ids, period)
    figures = SteeringFigures(
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
    if group.kind != ALL:
        # All plans are published beside every group: all minus the group is the rest.
        if everyone is None:
            everyone = steering_figures(user, period=period, group=Group())
        protect_the_rest(figures, everyone)
    protect(figures)
    return figures


# Complementary suppression --------------------------------------------------------------


def protect(figures: SteeringFigures) -> None:
    """Hide, besides the small figures, whatever would let one be worked out from a total
    shown beside it (the rule is in core/suppression.py and docs/progress.md). Done here,
    once, so the page, the charts and every export hide the same cells.

    The totals on the dashboard:
    - the citizens on the staircase, and the moves up, down, new and ended, are the sums
      of the per-step figures (a citizen who moves twice counts on two steps, so the sum
      can exceed the total; treated as a sum all the same);
    - the share past the time limit of all steps gives away the number past the limit
      (share × the citizens on limited steps), which is the sum of the per-step numbers;
    - the annual cost in total is the sum of the areas' costs.
    A share whose count is hidden is hidden too: share × the citizens on the step would
    give the count back.
    """
    cells: dict[tuple, Figure] = {}
    totals: list[Total] = []
    m = figures.movements
    per_step = {
        "on_step": m.on_staircase,
        "moved_up_to": m.up,
        "moved_down_to": m.down,
        "new_on": m.new,
        "left_from": m.ended,
    }
    for attribute, total in per_step.items():
        cells[("movement", attribute)] = total
        parts = []
        for index, row in enumerate(figures.steps):
            cells[(attribute, index)] = getattr(row, attribute)
            parts.append((attribute, index))
        totals.append(Total(("movement", attribute), tuple(parts)))
    cells[("movement", "overdue_share")] = m.overdue_share
    overdue_parts = []
    for index, row in enumerate(figures.steps):
        if row.step.max_days is not None:
            cells[("overdue", index)] = row.overdue
            overdue_parts.append(("overdue", index))
    totals.append(Total(("movement", "overdue_share"), tuple(overdue_parts)))
    cells[("cost", "total")] = figures.cost_total.at_end
    for index, cost_row in enumerate(figures.cost_by_area):
        cells[("cost", index)] = cost_row.at_end
    totals.append(
        Total(("cost", "total"), tuple(("cost", i) for i in range(len(figures.cost_by_area))))
    )

    withheld = complementary(
        {key: (f.citizens, f.plans) for key, f in cells.items()},
        {key for key, f in cells.items() if f.is_suppressed},
        totals,
        limit=small_group_limit(),
    )

    def withhold(figure: Figure) -> Figure:
        return figure if figure.is_suppressed else replace(figure, withheld=True)

    for key in withheld:
        kind, which = key
        if kind == "movement":
            setattr(m, which, withhold(getattr(m, which)))
        elif kind == "cost":
            cost = figures.cost_total if which == "total" else figures.cost_by_area[which]
            cost.at_start, cost.at_end = withhold(cost.at_start), withhold(cost.at_end)
        else:
            step_row = figures.steps[which]
            setattr(step_row, kind, withhold(getattr(step_row, kind)))
    for row in figures.steps:
        if row.step.max_days is None:
            continue
        if row.overdue.is_suppressed or row.on_step.is_suppressed:
            row.overdue_share = withhold(row.overdue_share)
    # The share of plans with a coordinator change times the plans (shown in the
    # downloads' "about" rows) is the number of plans with a change: hidden with it.
    continuity = figures.continuity
    if continuity.coordinator_changes.is_suppressed:
        continuity.plans_with_coordinator_change = withhold(
            continuity.plans_with_coordinator_change
        )
    if figures.cost_total.at_end.is_suppressed:
        per_plan = figures.cost_per_plan
        per_plan.at_start, per_plan.at_end = withhold(per_plan.at_start), withhold(per_plan.at_end)


def _paired_cells(group_figures: SteeringFigures, everyone: SteeringFigures):
    """The counts and amounts of a group beside the same of all plans, as (holder,
    attribute) of the group's figure and the figure of all plans."""
    for name in ("on_staircase", "new", "up", "down", "ended"):
        yield group_figures.movements, name, getattr(everyone.movements, name)
    rows = {row.step.pk: row for row in everyone.steps}
    for row in group_figures.steps:
        if (other := rows.get(row.step.pk)) is not None:
            for name in ("on_step", "new_on", "moved_up_to", "moved_down_to", "left_from"):
                yield row, name, getattr(other, name)
            if row.step.max_days is not None:
                yield row, "overdue", other.overdue
    for name in ("meetings_held", "coordinator_changes"):
        yield group_figures.continuity, name, getattr(everyone.continuity, name)
    costs = {row.name: row for row in everyone.cost_by_area}
    pairs = [(cost, costs.get(cost.name)) for cost in group_figures.cost_by_area]
    pairs.append((group_figures.cost_total, everyone.cost_total))
    for cost, whole in pairs:
        if whole is not None:
            yield cost, "at_start", whole.at_start
            yield cost, "at_end", whole.at_end


def protect_the_rest(figures: SteeringFigures, everyone: SteeringFigures) -> None:
    """Hide a group's figure when all plans' figure minus it, the rest of the plans,
    would be a small group: the differencing attacker subtracts the group (a coordinator
    team, say) from all plans and has the other teams' "<5". Marked before `protect`, so
    the group's own totals and shares are protected around it as any hidden figure."""
    limit = small_group_limit()
    for holder, name, whole in _paired_cells(figures, everyone):
        part = getattr(holder, name)
        if part.is_suppressed:
            continue
        rest_citizens, rest_plans = whole.citizens - part.citizens, whole.plans - part.plans
        rest_is_small = (rest_citizens > 0 or rest_plans > 0) and (
            rest_citizens < limit or rest_plans < limit
        )
        if rest_is_small:
            setattr(holder, name, replace(part, withheld=True))


# SQL helpers ----------------------------------------------------------------------------


def _db():
    """The database the figures' own SQL reads: the replica inside `replica_reads()` when
    one is configured (docs/scaling.md), otherwise the primary."""
    return connections[read_alias()]


def _days(later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later`, two date expressions."""
    if _db().vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _date_param() -> str:
    return "CAST(%s AS date)" if _db().vendor == "postgresql" else "%s"


def use_percentile_cont() -> bool:
    return _db().vendor == "postgresql"


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
    db = _db()
    if db.vendor != "postgresql":
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        # The window and the distinct counts sort every registration in the period; enough
        # memory for this one statement keeps those sorts off the disk.
        cursor.execute("SET LOCAL work_mem = %s", [settings.ENPLAN_STEERING_WORK_MEM])
        cursor.execute(sql, params)
        return cursor.fetchall()


# The staircase --------------------------------------------------------------------------

COLUMNS = 14  # the widest part of the staircase query below


class _Query:
    """Collects parameters in the order their placeholders appear in the SQL text, so a
    condition used twice simply adds its parameters twice."""

    def __init__(self, params=()):
        self.params = list(params)

    def date(self, value) -> str:
        self.params.append(value)
        return _date_param()

    def value(self, value) -> str:
        self.params.append(value)
        return "%s"


def _counts(condition, *, once_per_citizen=False) -> list[str]:
    """Distinct citizens and distinct plans among the rows matching `condition`.

    A citizen has one current registration, so counting those rows counts citizens,
    without the sort that DISTINCT needs.
    """
    citizens = (
        f"COUNT(CASE WHEN {condition()} THEN 1 END)"
        if once_per_citizen
        else f"COUNT(DISTINCT CASE WHEN {condition()} THEN member_id END)"
    )
    return [citizens, f"COUNT(DISTINCT CASE WHEN {condition()} THEN plan_id END)"]


def _part(kind: str, key: str, columns: list[str], rest: str) -> str:
    padded = columns + ["NULL"] * (COLUMNS - len(columns))
    return f"SELECT '{kind}', {key}, {', '.join(padded)} {rest}"


def _registrations(q: "_Query", municipality_id, plan_ids, period: Period) -> str:
    """The registrations any staircase figure reads, as the common table expression `reg`:
    each citizen's registration current at the end of the period, the ones made in it, and
    those whose stay ended in it, with the steps' order and limits.

    Each registration carries the date the citizen left it and the previous step
    (`models.keep_stays`), so this is a range on an index, not a window over every
    registration. The date left is as known at the period's end: a stay that ended after
    it was still going on then. `plan_ids` is None for all the municipality's plans:
    registrations carry their municipality, so no join is needed.
    """
    table = StepRegistration._meta.db_table
    step = Step._meta.db_table
    day = period.last_day
    # Going on at the end (left after it, or not yet), or left in the period.
    left_from = min(period.start, day + timedelta(days=1))

    def select(left) -> str:
        # The parameters are added in the order their placeholders appear in the text.
        sql = (
            "SELECT r.member_id, r.plan_id, r.step_id, r.entered_on, "
            f"CASE WHEN r.left_on <= {q.date(day)} THEN r.left_on END AS left_on, "
            'r.prev_step_id AS prev_step, s."order" AS step_order, s.max_days, '
            'p."order" AS prev_order '
            f"FROM {table} r LEFT JOIN {step} s ON s.id = r.step_id "
            f"LEFT JOIN {step} p ON p.id = r.prev_step_id "
            f"WHERE r.municipality_id = {q.value(municipality_id)} "
            f"AND {left()} AND r.entered_on <= {q.date(day)}"
        )
        if plan_ids is not None:
            group_sql, params = plan_ids.query.sql_with_params()
            q.params.extend(params)
            sql += f" AND r.plan_id IN ({group_sql})"
        return sql

    going_on = select(lambda: "r.left_on IS NULL")
    left = select(lambda: f"r.left_on >= {q.date(left_from)}")
    return f"reg AS ({going_on} UNION ALL {left})"


def _staircase(municipality_id, plan_ids, period: Period, steps):
    """All staircase figures in one statement: the registrations that matter are read
    once, then by four aggregates (per step, in total, per step left, and stays)."""
    q = _Query()

    def current():
        return "left_on IS NULL AND step_id IS NOT NULL"

    def limited():
        return f"{current()} AND max_days IS NOT NULL"

    def overdue():
        days = _days(q.date(period.last_day), "entered_on")
        return f"{limited()} AND {days} > max_days"

    def moved():
        return f"entered_on >= {q.date(period.start)}"

    def up():
        return f"{moved()} AND step_order > prev_order"

    def down():
        return f"{moved()} AND step_order < prev_order"

    def new():
        return f"{moved()} AND step_id IS NOT NULL AND prev_order IS NULL"

    def ended():
        return f"{moved()} AND step_id IS NULL AND prev_step IS NOT NULL"

    def stays():
        days = _days("left_on", "entered_on")
        sql = (
            f"SELECT step_id, member_id, plan_id, {days} AS days "
            f"FROM reg WHERE step_id IS NOT NULL AND left_on >= {q.date(period.start)}"
        )
        return f"SELECT s.*, {ranking} FROM ({sql}) s" if ranking else sql

    head = f"WITH {_registrations(q, municipality_id, plan_ids, period)} "
    median, ranking = median_sql("days", "step_id")
    parts = [
        # Per step: on it at the end (and past its limit), and moved up, down or new to it.
        _part(
            "step",
            "step_id",
            [
                *_counts(current, once_per_citizen=True),
                *_counts(overdue, once_per_citizen=True),
                *_counts(up),
                *_counts(down),
                *_counts(new),
            ],
            "FROM reg WHERE step_id IS NOT NULL GROUP BY step_id",
        ),
        _part(
            "all",
            "NULL",
            [
                *_counts(current, once_per_citizen=True),
                *_counts(limited, once_per_citizen=True),
                *_counts(overdue, once_per_citizen=True),
                *_counts(up),
                *_counts(down),
                *_counts(new),
                *_counts(ended),
            ],
            "FROM reg",
        ),
        _part("left", "prev_step", _counts(ended), f"FROM reg WHERE {ended()} GROUP BY prev_step"),
        _part(
            "stay",
            "step_id",
            ["COUNT(DISTINCT member_id)", "COUNT(DISTINCT plan_id)", median],
            f"FROM ({stays()}) stays GROUP BY step_id",
        ),
    ]
    sql = head + " UNION ALL ".join(parts)
    params = q.params
    rows = {(row[0], row[1]): row[2:] for row in _fetch(sql, params)}

    def pair(values, index, kind=COUNT) -> Figure:
        citizens, plans = int(values[index] or 0), int(values[index + 1] or 0)
        return Figure(citizens, citizens, plans, kind)

    empty = (0,) * COLUMNS
    step_rows = []
    for step in steps:
        values = rows.get(("step", step.pk), empty)
        on_step = pair(values, 0)
        limit = step.max_days is not None
        over = pair(values, 2)
        stay = rows.get(("stay", step.pk), (0, 0, None))
        step_rows.append(
            StepRow(
                step=step,
                on_step=on_step,
                overdue=over if limit else Figure(None, on_step.citizens, on_step.plans),
                overdue_share=share(
                    over.citizens, on_step.citizens, citizens=on_step.citizens, plans=on_step.plans
                )
                if limit
                else Figure(None, on_step.citizens, on_step.plans),
                moved_up_to=pair(values, 4),
                moved_down_to=pair(values, 6),
                new_on=pair(values, 8),
                left_from=pair(rows.get(("left", step.pk), empty), 0),
                median_days=Figure(
                    float(stay[2]) if stay[2] is not None else None,
                    int(stay[0] or 0),
                    int(stay[1] or 0),
                    DAYS,
                ),
            )
        )
    totals = rows.get(("all", None), empty)
    limited_figure = pair(totals, 2)
    movements = Movements(
        on_staircase=pair(totals, 0),
        overdue_share=share(
            pair(totals, 4).citizens,
            limited_figure.citizens,
            citizens=limited_figure.citizens,
            plans=limited_figure.plans,
        ),
        up=pair(totals, 6),
        down=pair(totals, 8),
        new=pair(totals, 10),
        ended=pair(totals, 12),
    )
    return step_rows, movements


# Continuity -----------------------------------------------------------------------------


def _population(plan_ids) -> tuple[int, int]:
    """Citizens and plans behind a plan-level figure (every member of each plan)."""
    result = PlanMember.objects.filter(plan__in=plan_ids).aggregate(
        citizens=Count("pk"), plans=Count("plan", distinct=True)
    )
    return result["citizens"], result["plans"]


def _continuity(plan_ids, period: Period) -> Continuity:
    meetings = Meeting.objects.filter(
        plan__in=plan_ids, starts_at__gte=period.starts_at, starts_at__lt=period.ends_before
    ).exclude(status=MeetingStatus.CANCELLED)
    held = meetings.filter(status=MeetingStatus.HELD)
    held_count = held.count()
    held_people = _population(held.values("plan"))

    recorded = Participant.objects.filter(meeting__in=meetings, attended__isnull=False)
    meetings_recorded = meetings.filter(
        Exists(Participant.objects.filter(meeting=OuterRef("pk"), attended__isnull=False))
    )
    attendance = recorded.aggregate(
        recorded=Count("pk"),
        present=Count("pk", filter=Q(attended=True)),
        citizens_recorded=Count("pk", filter=Q(member__isnull=False)),
        citizens_absent=Count("pk", filter=Q(member__isnull=False, attended=False)),
        invited_citizens=Count("member", distinct=True),
        invited_plans=Count("meeting__plan", distinct=True, filter=Q(member__isnull=False)),
    )
    attendance_people = _population(meetings_recorded.values("plan"))

    scores = CitizenEvaluation.objects.filter(meeting__in=meetings).aggregate(
        citizens=Count("member", distinct=True),
        plans=Count("meeting__plan", distinct=True),
        **{q.value: Avg(q.value) for q in EvaluationQuestion},
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
    per_citizen = _professionals_per_citizen(plan_ids, period)

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
            (question, Figure(scores[question.value], scores["citizens"], scores["plans"], SCORE))
            for question in EvaluationQuestion
        ],
        started_as_agreed=share(
            punctuality["on_time"],
            punctuality["due"],
            citizens=due_people[0],
            plans=due_people[1],
        ),
        professionals_per_plan=Figure(networks["average"], *network_people, AVERAGE),
        professionals_per_citizen=per_citizen,
        coordinator_changes=Figure(changes["count"], *change_people, COUNT),
        plans_with_coordinator_change=share(
            changes["plans"],
            existing_people[1],
            citizens=existing_people[0],
            plans=existing_people[1],
        ),
    )


def _professionals_per_citizen(plan_ids, period: Period) -> Figure:
    """How many professionals each citizen has around them on the last day of the period,
    on average: every citizen of every plan that existed then counts, with the distinct
    professionals active on their plan (none counts as 0). A household's members share the
    household plan's network, as they do in life.

    One statement, summed in the database: a municipality has tens of thousands of plans,
    and a row per plan costs more to fetch than the sum costs to compute.
    """
    existing_sql, params = (
        plan_ids.filter(created_at__lt=period.ends_before)
        .values("id")
        .order_by()
        .query.sql_with_params()
    )
    q = _Query(params)
    day = period.last_day
    sql = (
        f"WITH existing(id) AS ({existing_sql}), "
        f"m AS (SELECT m.plan_id, COUNT(*) AS n FROM {PlanMember._meta.db_table} m "
        "JOIN existing e ON e.id = m.plan_id GROUP BY m.plan_id), "
        # The distinct professionals of each plan, then counted: hashed, not sorted.
        f"pro AS (SELECT DISTINCT a.plan_id, a.professional_id FROM {Actor._meta.db_table} a "
        f"JOIN existing e ON e.id = a.plan_id WHERE a.kind = {q.value(ActorKind.PROFESSIONAL)} "
        f"AND a.started_on <= {q.date(day)} "
        f"AND (a.ended_on IS NULL OR a.ended_on >= {q.date(day)})), "
        "a AS (SELECT plan_id, COUNT(professional_id) AS n FROM pro GROUP BY plan_id) "
        "SELECT SUM(m.n * COALESCE(a.n, 0)), SUM(m.n), COUNT(*) "
        "FROM m LEFT JOIN a ON a.plan_id = m.plan_id"
    )
    with _db().cursor() as cursor:
        cursor.execute(sql, q.params)
        around, citizens, plans = cursor.fetchone()
    citizens = int(citizens or 0)
    average = float(around) / citizens if citizens else None
    return Figure(average, citizens, int(plans or 0), AVERAGE)


# Cost -----------------------------------------------------------------------------------


def _money(value) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(str(value)) * 12).quantize(Decimal("0.01"))


def _cost(municipality_id, plan_ids, period: Period):
    """The annual cost (12 × the monthly cost of the interventions active on a day) at each
    plan's start and at the end of the period, per area and in total.

    A plan starts on the day it was created, or on its first step registration if that is
    earlier (a plan moved from paper keeps its real history): `Plan.start_on`, kept by the
    registrations (`progress.models`). An intervention is active on
    a day when it had started by then and not yet ended, and was not cancelled. An
    intervention marked ended counts until its end date; one marked ended without a date
    (recorded before the date was required) no longer counts at all.
    """
    day = period.last_day
    started_sql, started_params = (
        plan_ids.filter(start_on__lte=day)
        .values("id", "start_on")
        .order_by()
        .query.sql_with_params()
    )
    q = _Query(started_params)

    def active_on(started_by: str, not_ended_before: str) -> str:
        # The caller has added the parameters of both dates; the status comes after them
        # in the text, so its parameter is added here.
        return (
            f"i.actual_start <= {started_by} "
            f"AND (i.end_date >= {not_ended_before} "
            f"OR (i.end_date IS NULL AND i.status <> {q.value(InterventionStatus.ENDED)}))"
        )

    def active_at_start() -> str:
        return active_on("s.start_on", "s.start_on")

    def active_at_end() -> str:
        return active_on(q.date(day), q.date(day))

    intervention = Intervention._meta.db_table
    department = Department._meta.db_table
    member = PlanMember._meta.db_table
    sql = (
        f"WITH started(id, start_on) AS ({started_sql}), "
        f"people AS (SELECT m.plan_id, COUNT(*) AS n FROM {member} m "
        "JOIN started s ON s.id = m.plan_id GROUP BY m.plan_id), "
        "counted AS ("
        "SELECT i.plan_id, d.area_id, i.monthly_cost AS cost, p.n, "
        f"CASE WHEN {active_at_start()} THEN 1 ELSE 0 END AS at_start, "
        f"CASE WHEN {active_at_end()} THEN 1 ELSE 0 END AS at_end "
        f"FROM {intervention} i JOIN started s ON s.id = i.plan_id "
        f"JOIN {department} d ON d.id = i.department_id "
        "LEFT JOIN people p ON p.plan_id = i.plan_id "
        f"WHERE i.municipality_id = {q.value(municipality_id)} "
        f"AND i.status <> {q.value(InterventionStatus.CANCELLED)} "
        "AND i.monthly_cost IS NOT NULL "
        f"AND ({active_at_start()} OR {active_at_end()})"
        "), "
        # An area's people: its plans with a cost counted, and their members (a plan
        # without members counts as none).
        "area_plans AS (SELECT area_id, plan_id, MAX(n) AS n FROM counted "
        "GROUP BY area_id, plan_id) "
        "SELECT 'cost', area_id, SUM(cost * at_start), SUM(cost * at_end) "
        "FROM counted GROUP BY area_id "
        "UNION ALL "
        "SELECT 'people', area_id, COUNT(n), SUM(n) FROM area_plans "
        "GROUP BY area_id HAVING COUNT(n) > 0 "
        "UNION ALL "
        "SELECT 'cost', NULL, SUM(cost * at_start), SUM(cost * at_end) FROM counted "
        "UNION ALL "
        "SELECT 'people', NULL, COUNT(*), SUM(n) FROM people"
    )
    params = q.params
    found = {(kind, area): (a, b) for kind, area, a, b in _fetch(sql, params)}
    areas = {a.pk: a.name for a in Area.objects.filter(municipality_id=municipality_id)}

    def row(label, area_id) -> CostRow:
        at_start, at_end = found.get(("cost", area_id), (0, 0))
        plans, citizens = found.get(("people", area_id), (0, 0))
        plans, citizens = int(plans or 0), int(citizens or 0)
        return CostRow(
            label,
            Figure(_money(at_start or 0), citizens, plans, DKK),
            Figure(_money(at_end or 0), citizens, plans, DKK),
        )

    by_area = [row(name, pk) for pk, name in areas.items() if ("people", pk) in found]
    total = row(_("All areas"), None)
    plans = total.at_end.plans

    def per_plan(figure: Figure) -> Figure:
        total = figure.value
        value = (
            (total / plans).quantize(Decimal("0.01"))
            if plans and isinstance(total, Decimal)
            else None
        )
        return Figure(value, figure.citizens, figure.plans, DKK)

    average = CostRow(_("Average per plan"), per_plan(total.at_start), per_plan(total.at_end))
    return by_area, total, average
