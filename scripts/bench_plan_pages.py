"""Time the caseload and the plan page on a municipality-sized database.

Builds (once) a municipality with PLANS plans, each with interventions, goals, log entries
and actors, then requests both pages through Django's test client and prints the median
server time. Run against PostgreSQL, as production does:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \\
        .venv/bin/python scripts/bench_plan_pages.py --plans 20000
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")

import warnings

import django

warnings.filterwarnings("ignore", "No directory at")

django.setup()

from datetime import date, datetime, timedelta  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from enplan.core.demo import demo_cpr  # noqa: E402
from enplan.core.models import Municipality, User  # noqa: E402
from enplan.core.search import fold  # noqa: E402
from enplan.meetings.models import Meeting, Participant  # noqa: E402
from enplan.organisation.models import Department, Legislation, Professional  # noqa: E402
from enplan.plans.models import (  # noqa: E402
    Actor,
    Citizen,
    Consent,
    Goal,
    Intervention,
    LogEntry,
    Plan,
    PlanMember,
)

BENCH_CODE = "998"


def build(plans: int, professionals: int) -> None:
    """`professionals` caseworkers share the plans: each plan has one coordinator and five
    actors, so everyone is on about 6 * plans / professionals plans."""
    municipality = Municipality.objects.create(name="Målekommune", code=BENCH_CODE)
    from enplan.organisation.models import Area

    areas = [Area.objects.create(municipality=municipality, name=f"Center {i}") for i in range(5)]
    departments = [
        Department.objects.create(
            municipality=municipality, area=areas[i % 5], name=f"Afdeling {i}"
        )
        for i in range(20)
    ]
    law = Legislation.objects.create(municipality=municipality, short_name="Serviceloven", name="x")
    users = User.objects.bulk_create(
        [
            User(username=f"bench{i}", municipality=municipality, password="!")
            for i in range(professionals)
        ]
    )
    pros = Professional.objects.bulk_create(
        [
            Professional(
                municipality=municipality,
                user=u,
                name=f"Fagperson {i}",
                department=departments[i % 20],
            )
            for i, u in enumerate(users)
        ]
    )
    days = (date(1950, 1, 2) + timedelta(days=k) for k in range(plans * 2))
    births = [d for d in days if (d.month, d.day) != (1, 1)][:plans]
    citizens = Citizen.objects.bulk_create(
        [
            Citizen(
                municipality=municipality,
                cpr=demo_cpr(born, i),
                birth_date=born,
                first_name=f"Borger{i}",
                last_name="Test",
                search_name=fold(f"Borger{i} Test"),
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
                title=f"Borger{i} Test",
                coordinator=pros[i % professionals],
                created_by=users[i % professionals],
                review_date=date(2027, 1, 1) + timedelta(days=i % 90),
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
    Goal.objects.bulk_create(
        [
            Goal(municipality=municipality, plan=p, title=f"Mål {k}", life_area="job")
            for p in plan_rows
            for k in range(3)
        ],
        batch_size=5000,
    )
    Intervention.objects.bulk_create(
        [
            Intervention(
                municipality=municipality,
                plan=p,
                title=f"Indsats {k}",
                department=departments[k % 20],
                legislation=law,
                status="active",
                monthly_cost=1000,
            )
            for p in plan_rows
            for k in range(5)
        ],
        batch_size=5000,
    )
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                municipality=municipality,
                plan=p,
                kind="note",
                text="Notat",
                author=users[0],
                author_name="x",
                occurred_on=date(2026, 1, 1) + timedelta(days=k),
            )
            for p in plan_rows
            for k in range(10)
        ],
        batch_size=10000,
    )
    Actor.objects.bulk_create(
        [
            Actor(
                municipality=municipality,
                plan=p,
                kind="professional",
                professional=pros[(i + k) % professionals],
                role="Sagsbehandler",
                added_by=users[0],
                started_on=date(2026, 1, 1),
            )
            for i, p in enumerate(plan_rows)
            for k in range(1, 6)
        ],
        batch_size=10000,
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
        batch_size=5000,
    )
    Consent.areas.through.objects.bulk_create(
        [Consent.areas.through(consent=c, area=a) for c in consents for a in areas],
        batch_size=10000,
    )
    Consent.covers.through.objects.bulk_create(
        [
            Consent.covers.through(consent=c, planmember=m)
            for c, m in zip(consents, members, strict=True)
        ],
        batch_size=10000,
    )

    # Two meetings per plan, one of them with the citizen invited: the meeting rule checks
    # the invited members against the members the user may see.
    starts = timezone.make_aware(datetime(2026, 11, 1, 10))
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                municipality=municipality,
                plan=p,
                kind="network" if k == 0 else "professionals",
                starts_at=starts + timedelta(days=(i + 7 * k) % 60),
                created_by=users[i % professionals],
                purpose="Opfølgning",
            )
            for i, p in enumerate(plan_rows)
            for k in range(2)
        ],
        batch_size=10000,
    )
    Participant.objects.bulk_create(
        [
            Participant(municipality=municipality, meeting=m, member=members[i // 2])
            for i, m in enumerate(meetings)
            if i % 2 == 0
        ],
        batch_size=10000,
    )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed(client, url, runs):
    """p50 and p95 of `url`, each request paired with one to /healthz right before it, so
    that a busy shared machine shows in both figures alike."""
    times, health = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        client.get("/healthz")
        health.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "p50": statistics.median(times),
        "p95": percentile(times, 0.95),
        "healthz": statistics.median(health),
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument(
        "--professionals",
        type=int,
        default=None,
        help="caseworkers in the municipality (default: one per ten plans, so each is on "
        "about 60 plans, as in a municipality; 200 gives the heavy case of 3,000 plans each)",
    )
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    if not Municipality.objects.filter(code=BENCH_CODE).exists():
        t0 = time.perf_counter()
        with transaction.atomic():
            build(args.plans, args.professionals or max(200, args.plans // 10))
        print(f"built {args.plans} plans in {time.perf_counter() - t0:.0f} s")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ANALYZE")
    if args.build_only:
        return
    # As the app server does when it loads the application (enplan.wsgi): the first
    # requests of a fresh process would otherwise compile the templates.
    from enplan.core.warmup import warm_up

    warm_up()
    municipality = Municipality.objects.get(code=BENCH_CODE)
    user = User.objects.get(username="bench7")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    plan = Plan.objects.filter(municipality=municipality, coordinator__user=user).first()
    meeting = Meeting.objects.filter(plan=plan).order_by("pk").first()
    citizen = Citizen.objects.get(memberships__plan=plan)
    plans = Plan.objects.filter(municipality=municipality).count()
    caseload = Plan.objects.filter(coordinator__user=user).count()
    print(f"database: {connection.vendor}, plans: {plans}, caseload size: {caseload}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cpr = citizen.cpr
    for name, url in [
        ("caseload", "/plans/"),
        ("caseload sorted by quiet days", "/plans/?sort=-quiet"),
        ("search by name", f"/plans/?q={citizen.first_name}"),
        ("search by name, folded", f"/plans/?q={citizen.first_name.lower()}"),
        ("search by CPR with dash", f"/plans/?q={cpr}"),
        ("search by CPR without dash", f"/plans/?q={cpr.replace('-', '')}"),
        ("plan page", f"/plans/{plan.pk}/"),
        ("network map", f"/plans/{plan.pk}/organisation/"),
        ("plan's meetings", f"/meetings/plan/{plan.pk}/"),
        ("meeting page", f"/meetings/{meeting.pk}/"),
        ("version history", f"/plans/{plan.pk}/history/"),
        ("notices", "/notifications/"),
    ]:
        r = timed(client, url, args.runs)
        print(
            f"{name:30s} p50 {r['p50']:6.1f} ms  p95 {r['p95']:6.1f} ms  "
            f"(/healthz {r['healthz']:4.1f} ms, x{r['p50'] / r['healthz']:4.1f})  "
            f"{r['queries']} queries"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
