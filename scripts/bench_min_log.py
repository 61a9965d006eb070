"""Benchmark: the citizen's Min log for a plan with 10,000 audit events, among many more
events of the municipality's other plans, paired with /healthz in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench_minlog \\
        .venv/bin/python scripts/bench_min_log.py [--background 1000000]

On PostgreSQL the named database is dropped and made anew (give it a throw-away name);
with --keep a database an earlier run built is timed again as it is. Without DATABASE_URL
a temporary SQLite file is used. The plan's 10,000 events are
written through the audit trail's own door (`audit.record`, so they are chained); the
background events of other plans are bulk-inserted by SQL. Requests go through Django's
test client, so middleware, the citizen's access rule, the audit event of the visit,
queries and templates are all timed. Prints p50/p95 in milliseconds and the query count.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
os.environ["ALLOWED_HOSTS"] = "testserver"

parser = argparse.ArgumentParser()
parser.add_argument("--events", type=int, default=10_000)
parser.add_argument("--background", type=int, default=None)
parser.add_argument("--requests", type=int, default=60)
parser.add_argument("--keep", action="store_true", help="time the database of an earlier run")
args = parser.parse_args()

if "DATABASE_URL" in os.environ and os.environ["DATABASE_URL"].startswith("postgres"):
    import psycopg

    url = os.environ["DATABASE_URL"]
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not (args.keep and exists):
            args.keep = False
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
    background = 1_000_000 if args.background is None else args.background
else:
    args.keep = False
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    background = 100_000 if args.background is None else args.background

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from enplan.core.models import AuditEvent  # noqa: E402


def build():
    from enplan.citizen.tests.factories import with_login
    from enplan.core.models import AuditAction
    from enplan.organisation.tests.factories import (
        AreaFactory,
        DepartmentFactory,
        ProfessionalFactory,
    )
    from enplan.plans.tests.factories import (
        ActorFactory,
        ConsentFactory,
        GoalFactory,
        PlanFactory,
        PlanMemberFactory,
    )

    call_command("migrate", verbosity=0)
    plan = PlanFactory(title="Benchmark")
    municipality = plan.municipality
    area = AreaFactory(municipality=municipality)
    departments = [DepartmentFactory(area=area) for _ in range(8)]
    member = PlanMemberFactory(plan=plan)
    ConsentFactory(plan=plan, given_by=member, areas=[area])
    actors = [
        ActorFactory(
            plan=plan,
            member=member,
            professional=ProfessionalFactory(department=departments[i % 8]),
        )
        for i in range(20)
    ]
    goals = [GoalFactory(plan=plan, member=member) for _ in range(10)]
    # Chained as `audit.record` chains them, but written in batches: the benchmark times
    # reading the trail, not writing it.
    from enplan.core import auditchain
    from enplan.core.models import AuditChainHead, AuditEvent

    started = time.perf_counter()
    head = AuditChainHead.objects.get(pk=municipality.pk)
    seq, prev, batch = head.seq, head.hash, []
    first_day = timezone.now() - timedelta(days=700)
    for i in range(args.events):
        reader = actors[i % len(actors)].professional
        obj, action = (goals[i % 10], AuditAction.CHANGE) if i % 5 == 0 else (plan, "view")
        seq += 1
        values = {
            "municipality_id": municipality.pk,
            "seq": seq,
            "at": first_day + timedelta(minutes=100 * i),
            "user_id": reader.user_id,
            "actor_role": reader.title,
            "actor_organisation": reader.department.name,
            "action": action,
            "object_type": obj._meta.label_lower,
            "object_id": str(obj.pk),
            "plan_id": plan.pk,
            "member_id": None,
            "path": f"/plans/{plan.pk}/",
            "changed_fields": ["title"] if action == AuditAction.CHANGE else [],
            "prev_hash": prev,
        }
        values["hash"] = prev = auditchain.event_hash(values)
        batch.append(AuditEvent(**values))
    AuditEvent.objects.bulk_create(batch, batch_size=2000)
    AuditChainHead.objects.filter(pk=municipality.pk).update(seq=seq, hash=prev)
    print(f"{args.events} chained events written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Other plans' events, spread over two years before the benchmark plan's.
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO core_auditevent (municipality_id, at, actor_role,"
                " actor_organisation, action, object_type, object_id, plan_id, path,"
                " changed_fields, prev_hash, hash)"
                " SELECT %s, now() - mod(g, 730) * interval '1 day'"
                " - mod(g, 86400) * interval '1 s',"
                " 'Sagsbehandler', 'Jobcenter', 'view', 'plans.plan', mod(g, 100000)::text,"
                " 1000000 + mod(g, 100000), '', '[]', '', ''"
                " FROM generate_series(1, %s) g",
                [municipality.pk, background],
            )
            cursor.execute("ANALYZE core_auditevent")
        else:
            now = timezone.now()
            rows = [
                (municipality.pk, now.isoformat(), "view", str(g), 1_000_000 + g % 100_000)
                for g in range(background)
            ]
            cursor.executemany(
                "INSERT INTO core_auditevent (municipality_id, at, actor_role,"
                " actor_organisation, action, object_type, object_id, plan_id, path,"
                " changed_fields, prev_hash, hash)"
                " VALUES (%s, %s, 'Sagsbehandler', 'Jobcenter', %s, 'plans.plan', %s, %s,"
                " '', '[]', '', '')",
                rows,
            )
    print(f"{background} background events in {time.perf_counter() - started:.1f} s")
    return plan, with_login(member)


def timed(client, url, n):
    client.get(url)  # warm up
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def built():
    """The plan and citizen an earlier run built."""
    from enplan.plans.models import Plan

    plan = Plan.objects.get(title="Benchmark")
    member = plan.members.select_related("citizen__user").get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_auditevent WHERE plan_id <> %s", [plan.pk])
        (others,) = cursor.fetchone()
    return plan, member.citizen.user, others


def main():
    global background
    if args.keep:
        plan, citizen, background = built()
    else:
        plan, citizen = build()
    client = Client()
    # As MitID logs a citizen in: a login through it owes no second factor of ours.
    client.force_login(citizen, backend="enplan.citizen.mitid.MitIDBackend")
    base = f"/borger/plan/{plan.pk}/min-log/"
    organisation = (
        AuditEvent.objects.filter(plan_id=plan.pk)
        .exclude(actor_organisation="")
        .values_list("actor_organisation", flat=True)
        .order_by("actor_organisation")
        .first()
    )
    pages = {
        "/healthz": "/healthz",
        "Min log, first page": base,
        "Min log, page 100": f"{base}?side=100",
        "Min log, changes": f"{base}?organisation=&kind=change",
        "Min log, one organisation": f"{base}?{urlencode({'organisation': organisation})}",
    }
    print(f"{connection.vendor}, {args.events} events on the plan, {background} others")
    for label, url in pages.items():
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        client.get(url)
        queries = list(connection.queries_log)
        connection.force_debug_cursor = False
        p50, p95 = timed(client, url, args.requests)
        print(f"{label:28} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   {len(queries)} queries")


main()
