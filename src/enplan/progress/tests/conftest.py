"""A small municipality with a known history on the staircase, for figures that are
checked against hand-computed expectations (see test_steering_figures.py).

The period is March 2025. Default model: s1 (≤183 days), s2 (≤183), s3 (no limit).
A second model M2: t1 (≤92), t2 (no limit). One plan per letter; H is a household of two.

    A  s1 01.10.2024 → s2 10.03.2025          (up in March; s1 stay 160 days)
    B  s1 20.01.2025 → s2 03.03.2025          (up; s1 stay 42 days, across February)
    C  s1 01.08.2024                          (242 days at 31.03: past the limit)
    D  s1 01.06.2024 → s2 15.09.2024 → s1 20.03.2025   (down; s2 stay 186 days)
    E  s1 05.03.2025                          (new: the plan starts in March)
    F  s1 10.01.2024 → s2 01.05.2024 → s3 01.09.2024 → ended 25.03.2025 (s3 stay 205 days)
    G  (M2) t1 01.12.2024 → t2 05.04.2025     (April is after the period: on t1, 120 days)
    H1 s2 01.02.2025 → s3 15.03.2025          (new in February, up in March; s2 stay 42)
    H2 s1 12.03.2025                          (new)
    I  s1 20.02.2025 → s2 28.03.2025          (up; s1 stay 36 days)
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.meetings.models import CitizenEvaluation, Meeting, MeetingStatus, Participant
from enplan.organisation.models import Step, StepModel
from enplan.organisation.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    ProfessionalFactory,
    StepFactory,
    StepModelFactory,
)
from enplan.plans.models import CoordinatorHandover, InterventionStatus, PlanKind
from enplan.plans.tests.factories import (
    ActorFactory,
    InterventionFactory,
    PlanFactory,
    PlanMemberFactory,
    PlanProgressionFactory,
    PrivateActorFactory,
)
from enplan.progress.steering import Period
from enplan.progress.tests.factories import StepRegistrationFactory

MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))


def at(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


@dataclass
class March:
    municipality: object
    leader: object
    steps: dict
    plans: dict
    members: dict
    areas: dict
    teams: dict
    default_model: StepModel
    second_model: StepModel


@pytest.fixture
def march(db) -> March:
    municipality = MunicipalityFactory()
    default = StepModel.objects.get(municipality=municipality, is_default=True)
    s1, s2, s3 = Step.objects.filter(model=default).order_by("order")
    second = StepModelFactory(municipality=municipality, name="M2")
    t1 = StepFactory(model=second, order=1, name="t1", max_days=92)
    t2 = StepFactory(model=second, order=2, name="t2", max_days=None)
    areas = {
        name: AreaFactory(municipality=municipality, name=name)
        for name in ("Work", "Social", "Health")
    }
    departments = {name: DepartmentFactory(area=area) for name, area in areas.items()}
    team_one = ProfessionalFactory(department=departments["Work"])
    team_two = ProfessionalFactory(department=departments["Social"])

    created = {
        "A": date(2024, 10, 1),
        "B": date(2025, 1, 20),
        "C": date(2024, 9, 1),  # registered from 01.08.2024, before the plan was created
        "D": date(2024, 6, 1),
        "E": date(2025, 3, 1),  # created before its first registration on 05.03.2025
        "F": date(2024, 1, 10),
        "G": date(2024, 12, 1),
        "H": date(2025, 2, 1),
        "I": date(2025, 2, 20),
    }
    plans, members = {}, {}
    for letter, day in created.items():
        coordinator = team_one if letter in "ABC" else team_two
        plans[letter] = PlanFactory(
            coordinator=coordinator,
            kind=PlanKind.HOUSEHOLD if letter == "H" else PlanKind.CITIZEN,
            created_at=at(day.year, day.month, day.day, 9),
        )
        PlanProgressionFactory(plan=plans[letter], step_model=second if letter == "G" else default)
        if letter == "H":
            members["H1"] = PlanMemberFactory(plan=plans["H"])
            members["H2"] = PlanMemberFactory(plan=plans["H"])
        else:
            members[letter] = PlanMemberFactory(plan=plans[letter])

    history = {
        "A": [(s1, date(2024, 10, 1)), (s2, date(2025, 3, 10))],
        "B": [(s1, date(2025, 1, 20)), (s2, date(2025, 3, 3))],
        "C": [(s1, date(2024, 8, 1))],
        "D": [(s1, date(2024, 6, 1)), (s2, date(2024, 9, 15)), (s1, date(2025, 3, 20))],
        "E": [(s1, date(2025, 3, 5))],
        "F": [
            (s1, date(2024, 1, 10)),
            (s2, date(2024, 5, 1)),
            (s3, date(2024, 9, 1)),
            (None, date(2025, 3, 25)),
        ],
        "G": [(t1, date(2024, 12, 1)), (t2, date(2025, 4, 5))],
        "H1": [(s2, date(2025, 2, 1)), (s3, date(2025, 3, 15))],
        "H2": [(s1, date(2025, 3, 12))],
        "I": [(s1, date(2025, 2, 20)), (s2, date(2025, 3, 28))],
    }
    for key, registrations in history.items():
        # Created in reverse order, so that the figures cannot lean on insertion order.
        for step, day in reversed(registrations):
            StepRegistrationFactory(member=members[key], step=step, entered_on=day)

    _meetings(plans, members)
    _interventions(plans, departments)
    _networks(plans)
    _handovers(plans, team_one, team_two)
    _another_municipality(s1)

    return March(
        municipality=municipality,
        leader=UserFactory(municipality=municipality, role=Role.LEADER),
        steps={"s1": s1, "s2": s2, "s3": s3, "t1": t1, "t2": t2},
        plans=plans,
        members=members,
        areas=areas,
        teams={"one": departments["Work"], "two": departments["Social"]},
        default_model=default,
        second_model=second,
    )


def _meeting(plan, when, status, creator):
    return Meeting.objects.create(
        municipality=plan.municipality,
        plan=plan,
        kind="network",
        starts_at=when,
        status=status,
        created_by=creator,
    )


def _meetings(plans, members):
    a, b = plans["A"], plans["B"]
    user = a.created_by
    m1 = _meeting(a, at(2025, 3, 5, 10), MeetingStatus.HELD, user)
    a1 = ActorFactory(plan=a)
    a2 = ActorFactory(plan=a)
    Participant.objects.create(
        municipality=a.municipality, meeting=m1, member=members["A"], attended=True
    )
    Participant.objects.create(municipality=a.municipality, meeting=m1, actor=a1, attended=True)
    Participant.objects.create(municipality=a.municipality, meeting=m1, actor=a2, attended=False)
    CitizenEvaluation.objects.create(
        municipality=a.municipality,
        meeting=m1,
        member=members["A"],
        felt_heard=8,
        talked_about_what_matters=7,
        way_of_working_suited_me=9,
        overall=8,
    )
    # Late on the period's last evening, local time: still in March.
    m2 = _meeting(b, at(2025, 3, 31, 23, 30), MeetingStatus.HELD, user)
    b1 = ActorFactory(plan=b)
    Participant.objects.create(
        municipality=b.municipality, meeting=m2, member=members["B"], attended=False
    )
    Participant.objects.create(municipality=b.municipality, meeting=m2, actor=b1, attended=True)
    # Outside the period, cancelled, or not yet recorded: none of these count.
    m3 = _meeting(plans["C"], at(2025, 2, 28, 12), MeetingStatus.HELD, user)
    Participant.objects.create(
        municipality=a.municipality, meeting=m3, member=members["C"], attended=False
    )
    CitizenEvaluation.objects.create(
        municipality=a.municipality,
        meeting=m3,
        member=members["C"],
        felt_heard=1,
        talked_about_what_matters=1,
        way_of_working_suited_me=1,
        overall=1,
    )
    m4 = _meeting(plans["D"], at(2025, 3, 10, 10), MeetingStatus.CANCELLED, user)
    Participant.objects.create(
        municipality=a.municipality, meeting=m4, member=members["D"], attended=False
    )
    m5 = _meeting(plans["E"], at(2025, 3, 20, 10), MeetingStatus.PLANNED, user)
    Participant.objects.create(
        municipality=a.municipality, meeting=m5, member=members["E"], attended=None
    )


def _intervention(plan, department, **values):
    return InterventionFactory(
        plan=plan, department=department, status=values.pop("status", "active"), **values
    )


def _interventions(plans, departments):
    work, social, health = departments["Work"], departments["Social"], departments["Health"]
    money = Decimal
    # A: 10.000 a month before the plan, ended; 2.000 started in March on the agreed day.
    _intervention(
        plans["A"],
        work,
        agreed_start=date(2024, 6, 1),
        actual_start=date(2024, 6, 1),
        end_date=date(2025, 1, 31),
        status="ended",
        status_reason="Slut",
        monthly_cost=money(10000),
    )
    _intervention(
        plans["A"],
        social,
        agreed_start=date(2025, 3, 3),
        actual_start=date(2025, 3, 3),
        monthly_cost=money(2000),
    )
    # B: started two days early, no cost; a cancelled one that must not count anywhere.
    _intervention(plans["B"], social, agreed_start=date(2025, 3, 10), actual_start=date(2025, 3, 8))
    _intervention(
        plans["B"],
        work,
        agreed_start=date(2024, 1, 1),
        actual_start=date(2024, 1, 1),
        status=InterventionStatus.CANCELLED,
        status_reason="Fejl",
        monthly_cost=money(9999),
    )
    # C: 5.000 from the plan's first day; 1.000 started five days late.
    _intervention(
        plans["C"],
        work,
        agreed_start=date(2024, 8, 1),
        actual_start=date(2024, 8, 1),
        monthly_cost=money(5000),
    )
    _intervention(
        plans["C"],
        social,
        agreed_start=date(2025, 3, 15),
        actual_start=date(2025, 3, 20),
        monthly_cost=money(1000),
    )
    # D: agreed in March, never started; another without a cost.
    _intervention(plans["D"], social, agreed_start=date(2025, 3, 20), status="planned")
    _intervention(plans["D"], work, agreed_start=date(2024, 1, 1), actual_start=date(2024, 1, 1))
    # E: 3.000 ending on the plan's first day (still active that day).
    _intervention(
        plans["E"],
        health,
        agreed_start=date(2025, 2, 1),
        actual_start=date(2025, 2, 1),
        end_date=date(2025, 3, 1),
        status="ended",
        status_reason="Slut",
        monthly_cost=money(3000),
    )
    _intervention(
        plans["E"],
        social,
        agreed_start=date(2025, 3, 25),
        status=InterventionStatus.CANCELLED,
        status_reason="Ikke relevant",
    )
    # F: 4.000 since before the plan, ended in March.
    _intervention(
        plans["F"],
        work,
        agreed_start=date(2023, 12, 1),
        actual_start=date(2023, 12, 1),
        end_date=date(2025, 3, 25),
        status="ended",
        status_reason="Slut",
        monthly_cost=money(4000),
    )


def _networks(plans):
    a, b, c = plans["A"], plans["B"], plans["C"]
    # A already has two professionals from its meeting; one ends on the period's last day.
    a.actors.filter(professional__isnull=False).update(started_on=date(2024, 1, 1))
    last = a.actors.order_by("pk").last()
    last.ended_on = date(2025, 3, 31)
    last.save()
    b.actors.update(started_on=date(2025, 3, 31))
    PrivateActorFactory(plan=b, started_on=date(2024, 1, 1))
    ActorFactory(plan=c, started_on=date(2024, 1, 1), ended_on=date(2025, 3, 30))


def _handovers(plans, one, two):
    for plan, when in (
        (plans["A"], at(2025, 3, 15, 12)),
        (plans["B"], at(2025, 4, 1, 0, 30)),
        (plans["C"], at(2025, 3, 1, 0, 10)),
    ):
        CoordinatorHandover.objects.create(
            municipality=plan.municipality,
            plan=plan,
            from_coordinator=one,
            to_coordinator=two,
            note="Skift",
            handed_over_at=when,
            recorded_by=plan.created_by,
        )


def _another_municipality(step_elsewhere):
    """Registrations and costs in another municipality never reach these figures."""
    plan = PlanFactory()
    member = PlanMemberFactory(plan=plan)
    other_steps = Step.objects.filter(model__municipality=plan.municipality).order_by("order")
    StepRegistrationFactory(member=member, step=other_steps[0], entered_on=date(2025, 3, 2))
    InterventionFactory(plan=plan, actual_start=date(2024, 1, 1), monthly_cost=Decimal(50000))
