"""A municipality at a scale where PostgreSQL's planner chooses as it would in production:
thousands of plans, each with a member, actors, a consent and two meetings, built with
bulk inserts and analysed. The query-plan tests EXPLAIN the access rules against it."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from enplan.core.demo import demo_cpr
from enplan.core.models import Municipality, Notification, User
from enplan.core.search import fold
from enplan.meetings.models import Meeting, Participant
from enplan.organisation.models import Area, Department, Professional
from enplan.plans.models import Actor, Citizen, Consent, Plan, PlanMember

PLANS = 4000
PROFESSIONALS = 80

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="query plans are PostgreSQL's"
)


@dataclass
class Scale:
    municipality: Municipality
    user: User
    plan: Plan
    meeting: Meeting


def build(plans: int = PLANS) -> Scale:
    municipality = Municipality.objects.create(name="Skalakommune", code="997")
    areas = [Area.objects.create(municipality=municipality, name=f"Center {i}") for i in range(4)]
    departments = [
        Department.objects.create(municipality=municipality, area=areas[i % 4], name=f"Afd {i}")
        for i in range(12)
    ]
    users = User.objects.bulk_create(
        [
            User(username=f"scale{i}", municipality=municipality, password="!")
            for i in range(PROFESSIONALS)
        ]
    )
    pros = Professional.objects.bulk_create(
        [
            Professional(
                municipality=municipality, user=u, name=f"F {i}", department=departments[i % 12]
            )
            for i, u in enumerate(users)
        ]
    )
    births = [date(1960, 1, 2) + timedelta(days=k) for k in range(plans * 2)]
    births = [d for d in births if (d.month, d.day) != (1, 1)][:plans]
    citizens = Citizen.objects.bulk_create(
        [
            Citizen(
                municipality=municipality,
                cpr=demo_cpr(born, i),
                birth_date=born,
                first_name=f"Borger{i}",
                last_name="Skala",
                search_name=fold(f"Borger{i} Skala"),
            )
            for i, born in enumerate(births)
        ],
        batch_size=2000,
    )
    plan_rows = Plan.objects.bulk_create(
        [
            Plan(
                municipality=municipality,
                kind="citizen",
                title=f"Borger{i} Skala",
                coordinator=pros[i % PROFESSIONALS],
                created_by=users[i % PROFESSIONALS],
            )
            for i in range(plans)
        ],
        batch_size=2000,
    )
    members = PlanMember.objects.bulk_create(
        [
            PlanMember(municipality=municipality, plan=p, citizen=c, role="citizen")
            for p, c in zip(plan_rows, citizens, strict=True)
        ],
        batch_size=2000,
    )
    Actor.objects.bulk_create(
        [
            Actor(
                municipality=municipality,
                plan=p,
                kind="professional",
                professional=pros[(i + k) % PROFESSIONALS],
                role="Sagsbehandler",
                added_by=users[0],
                started_on=date(2026, 1, 1),
            )
            for i, p in enumerate(plan_rows)
            for k in range(1, 5)
        ],
        batch_size=5000,
    )
    consents = Consent.objects.bulk_create(
        [
            Consent(
                municipality=municipality,
                plan=p,
                given_by=m,
                given_on=date(2026, 1, 1),
                method="written",
                recorded_by=users[0],
            )
            for p, m in zip(plan_rows, members, strict=True)
        ],
        batch_size=2000,
    )
    Consent.areas.through.objects.bulk_create(
        [Consent.areas.through(consent=c, area=areas[i % 4]) for i, c in enumerate(consents)],
        batch_size=5000,
    )
    Consent.covers.through.objects.bulk_create(
        [
            Consent.covers.through(consent=c, planmember=m)
            for c, m in zip(consents, members, strict=True)
        ],
        batch_size=5000,
    )
    starts = timezone.make_aware(datetime(2026, 11, 2, 10))
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                municipality=municipality,
                plan=p,
                kind="network" if k == 0 else "professionals",
                starts_at=starts + timedelta(days=i % 30),
                created_by=users[0],
            )
            for i, p in enumerate(plan_rows)
            for k in range(2)
        ],
        batch_size=5000,
    )
    Participant.objects.bulk_create(
        [
            Participant(municipality=municipality, meeting=m, member=members[i // 2])
            for i, m in enumerate(meetings)
            if i % 2 == 0
        ],
        batch_size=5000,
    )
    Notification.objects.bulk_create(
        [
            Notification(
                municipality=municipality,
                user=users[i % PROFESSIONALS],
                key=f"k{i}",
                text="Påmindelse",
                plan_id=p.pk,
            )
            for i, p in enumerate(plan_rows)
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    user = users[7]
    plan = plan_rows[7]
    return Scale(
        municipality=municipality,
        user=user,
        plan=plan,
        meeting=next(m for m in meetings if m.plan_id == plan.pk),
    )


@pytest.fixture(scope="module")
def scale(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)


def rows_read(queryset) -> dict[str, int]:
    """For each table in the query, how many rows PostgreSQL read from it (returned or
    thrown away by a filter, over every loop), from EXPLAIN ANALYZE. Sequential scans and
    hash and merge joins are switched off for the measurement: on a test database a whole
    table fits in a few pages and the planner rightly reads it all, while at 100,000 plans
    it chooses the index paths by itself (docs/benchmarks.md). What is left is whether the
    query *can* start from the user's own rows: a rule written as one OR over the
    municipality cannot, and reads every row however it is planned."""
    found: dict[str, int] = {}

    def walk(node):
        relation = node.get("Relation Name")
        if relation:
            read = (
                node.get("Actual Rows", 0)
                + node.get("Rows Removed by Filter", 0)
                + node.get("Rows Removed by Index Recheck", 0)
            ) * node.get("Actual Loops", 1)
            found[relation] = found.get(relation, 0) + read
        for child in node.get("Plans", []):
            walk(child)

    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off; SET enable_hashjoin = off")
        cursor.execute("SET enable_mergejoin = off")
    try:
        for entry in json.loads(queryset.explain(format="json", analyze=True)):
            walk(entry["Plan"])
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan; RESET enable_hashjoin; RESET enable_mergejoin")
    return found


def table_size(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def assert_index_driven(queryset, *tables: str, share: float = 0.1) -> dict[str, int]:
    """Each big table named is read only in the part that concerns the user: at most
    `share` of its rows (a caseworker here has ~2.5 % of the plans)."""
    found = rows_read(queryset)
    for table in tables:
        assert table in found, (table, found)
        assert found[table] <= share * table_size(table), (table, found)
    return found
