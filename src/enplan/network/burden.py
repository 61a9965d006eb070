"""The coordination burden: how much organisation a citizen has to deal with.

In the municipalities we learn from, the turning point of a stuck case was counting: more
than 20 regular contacts, four sector laws, no shared goal, and a mother doing the
coordinating. The aim of the plan is fewer, better connected contacts, so the panel shows
the figures on a date and the change since the plan started.

`coordination_burden` is a pure function over plain facts (see `facts.py`).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from enplan.network.facts import NetworkFacts

# Meetings are counted over the month (30 days) up to and including the day.
MEETING_WINDOW_DAYS = 30


@dataclass(frozen=True)
class Burden:
    on: date
    professionals: int
    departments: int
    areas: int
    laws: int
    law_names: tuple[str, ...]
    separate_plans: int
    meetings_per_month: int
    private_people: int
    coordinator_name: str
    coordinator_changes: int

    # The figures where fewer is the aim, in the order the panel shows them.
    FIGURES = (
        "professionals",
        "departments",
        "areas",
        "laws",
        "separate_plans",
        "meetings_per_month",
    )


def coordinator_on(facts: NetworkFacts, day: date) -> str:
    """Who coordinated on `day`: the one handed over *from* after that day, or today's."""
    later = [h for h in sorted(facts.handovers, key=lambda h: h.on) if h.on > day]
    return later[0].from_name if later else facts.coordinator.name


def coordination_burden(facts: NetworkFacts, on: date) -> Burden:
    actors = [a for a in facts.actors if a.is_active_on(on)]
    interventions = [i for i in facts.interventions if i.is_in_force_on(on)]
    professional_actors = [a for a in actors if a.is_professional]

    # A professional is in regular contact when they are in the network, responsible for
    # an effort in force, or the coordinator.
    professionals = {a.professional_id for a in professional_actors}
    professionals |= {i.responsible_id for i in interventions if i.responsible_id}
    professionals.add(facts.coordinator.professional_id)

    # External contacts without a department (a GP's practice, the police) count as one
    # department each, by organisation, and together as one area: "outside the municipality".
    departments: set[tuple[str, int | str | None]] = {
        ("department", a.department_id) for a in professional_actors if a.department_id
    }
    departments |= {
        ("organisation", a.organisation.strip().lower())
        for a in professional_actors
        if not a.department_id
    }
    departments |= {("department", i.department_id) for i in interventions}
    areas: set[tuple[str, int | None]] = {
        ("area", a.area_id) for a in professional_actors if a.area_id
    }
    areas |= {("area", i.area_id) for i in interventions}
    if any(not a.department_id for a in professional_actors):
        areas.add(("outside", None))

    law_names = tuple(sorted({i.legislation_name for i in interventions}))
    window_start = on - timedelta(days=MEETING_WINDOW_DAYS - 1)
    meetings = [
        m
        for m in facts.meetings
        if m.citizen_invited and m.status != "cancelled" and window_start <= m.starts_on <= on
    ]
    return Burden(
        on=on,
        professionals=len(professionals),
        departments=len(departments),
        areas=len(areas),
        laws=len(law_names),
        law_names=law_names,
        # Each department with an effort in force keeps its own plan under its own law;
        # these are the plans the shared plan exists to replace.
        separate_plans=len({i.department_id for i in interventions}),
        meetings_per_month=len(meetings),
        private_people=sum(1 for a in actors if not a.is_professional),
        coordinator_name=coordinator_on(facts, on),
        coordinator_changes=sum(1 for h in facts.handovers if facts.started_on < h.on <= on),
    )


@dataclass(frozen=True)
class BurdenChange:
    figure: str
    start: int
    now: int

    @property
    def delta(self) -> int:
        return self.now - self.start

    @property
    def size(self) -> int:
        return abs(self.delta)

    @property
    def direction(self) -> str:
        """'fewer' is the aim; the template words it."""
        if self.delta < 0:
            return "fewer"
        if self.delta > 0:
            return "more"
        return "same"


def burden_changes(start: Burden, now: Burden) -> list[BurdenChange]:
    return [
        BurdenChange(figure=name, start=getattr(start, name), now=getattr(now, name))
        for name in Burden.FIGURES
    ]


def burden_dates(started_on: date, on: date, *, points: int = 5) -> list[date]:
    """The days the panel's timeline shows: the start, the chosen day, and evenly spaced
    days between them (at most `points` in all, never two on the same day)."""
    if on <= started_on:
        return [on]
    span = (on - started_on).days
    steps = min(points - 1, span)
    days = [started_on + timedelta(days=round(span * k / steps)) for k in range(steps + 1)]
    return sorted(set(days))
