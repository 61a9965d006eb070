"""The coordination burden is one pure function over plain facts."""

from datetime import date, timedelta

from enplan.network.burden import burden_changes, burden_dates, coordination_burden
from enplan.network.facts import (
    ActorFact,
    CoordinatorFact,
    HandoverFact,
    InterventionFact,
    MeetingFact,
    NetworkFacts,
)

START = date(2026, 1, 5)
DAY = date(2026, 6, 1)


def professional(id, department, area, started=START, ended=None, organisation=""):
    return ActorFact(
        id=id,
        kind="professional",
        name=f"P{id}",
        role="",
        started_on=started,
        ended_on=ended,
        professional_id=100 + id,
        department_id=department,
        area_id=area,
        organisation=organisation,
    )


def private(id):
    return ActorFact(id=id, kind="private", name="Mormor", role="", started_on=START, ended_on=None)


def intervention(id, department, area, law, responsible=None, **dates):
    return InterventionFact(
        id=id,
        status=dates.pop("status", "active"),
        department_id=department,
        area_id=area,
        legislation_id=law,
        legislation_name=f"Lov {law}",
        responsible_id=responsible,
        agreed_start=dates.get("agreed_start"),
        actual_start=dates.get("actual_start", START),
        end_date=dates.get("end_date"),
    )


def facts(**kw):
    return NetworkFacts(
        plan_title="Familien Test",
        started_on=START,
        member_names=["Anna"],
        coordinator=CoordinatorFact(
            professional_id=999, name="Koordinator", title="", workplace=""
        ),
        **kw,
    )


def test_it_counts_distinct_professionals_departments_areas_and_laws():
    burden = coordination_burden(
        facts(
            actors=[
                professional(1, department=10, area=1),
                professional(2, department=10, area=1),
                professional(3, department=20, area=2),
                professional(4, department=None, area=None, organisation="Lægehuset"),
                private(5),
            ],
            interventions=[
                intervention(1, 10, 1, law=1, responsible=101),
                intervention(2, 30, 3, law=2, responsible=555),  # not an actor, still a contact
                intervention(3, 30, 3, law=2),
            ],
        ),
        DAY,
    )
    # Four actors, one responsible outside the network, and the coordinator.
    assert burden.professionals == 6
    # Departments 10, 20, 30 and the GP's practice; areas 1, 2, 3 and "outside".
    assert burden.departments == 4
    assert burden.areas == 4
    assert burden.laws == 2
    assert burden.law_names == ("Lov 1", "Lov 2")
    assert burden.separate_plans == 2
    assert burden.private_people == 1
    assert burden.coordinator_name == "Koordinator"


def test_people_and_efforts_count_only_while_they_are_involved():
    data = facts(
        actors=[
            professional(1, 10, 1, ended=DAY - timedelta(days=1)),
            professional(2, 10, 1, started=DAY + timedelta(days=1)),
        ],
        interventions=[
            intervention(1, 10, 1, law=1, end_date=DAY - timedelta(days=1)),
            intervention(2, 10, 1, law=2, status="planned", actual_start=None, agreed_start=START),
            intervention(3, 10, 1, law=3, status="cancelled"),
        ],
    )
    burden = coordination_burden(data, DAY)
    assert burden.professionals == 1  # only the coordinator
    assert burden.laws == 0
    assert coordination_burden(data, START).laws == 1


def test_meetings_count_when_the_citizen_is_invited_within_the_month():
    data = facts(
        meetings=[
            MeetingFact(id=1, starts_on=DAY, status="held", citizen_invited=True),
            MeetingFact(
                id=2, starts_on=DAY - timedelta(days=29), status="planned", citizen_invited=True
            ),
            MeetingFact(
                id=3, starts_on=DAY - timedelta(days=30), status="held", citizen_invited=True
            ),
            MeetingFact(id=4, starts_on=DAY, status="cancelled", citizen_invited=True),
            MeetingFact(id=5, starts_on=DAY, status="held", citizen_invited=False),
        ]
    )
    assert coordination_burden(data, DAY).meetings_per_month == 2


def test_the_coordinator_on_a_day_follows_the_hand_overs():
    data = facts(
        handovers=[HandoverFact(on=date(2026, 3, 1), from_name="Før", to_name="Koordinator")]
    )
    assert coordination_burden(data, date(2026, 2, 1)).coordinator_name == "Før"
    assert coordination_burden(data, date(2026, 2, 1)).coordinator_changes == 0
    assert coordination_burden(data, DAY).coordinator_name == "Koordinator"
    assert coordination_burden(data, DAY).coordinator_changes == 1


def test_the_change_since_the_start_says_fewer_when_contacts_go():
    data = facts(actors=[professional(1, 10, 1, ended=date(2026, 3, 1)), professional(2, 20, 2)])
    changes = {
        c.figure: c
        for c in burden_changes(coordination_burden(data, START), coordination_burden(data, DAY))
    }
    assert (changes["professionals"].start, changes["professionals"].now) == (3, 2)
    assert changes["professionals"].direction == "fewer"
    assert changes["professionals"].size == 1
    assert changes["laws"].direction == "same"


def test_the_timeline_runs_from_the_start_to_the_day_without_repeats():
    assert burden_dates(START, START + timedelta(days=2)) == [
        START,
        START + timedelta(days=1),
        START + timedelta(days=2),
    ]
    days = burden_dates(START, DAY)
    assert days[0] == START
    assert days[-1] == DAY
    assert len(days) == 5
    assert burden_dates(DAY, START) == [START]
