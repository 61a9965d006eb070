"""Benchmark: the steering dashboard over 20,000 plans, 200,000 step registrations and
100,000 interventions, on PostgreSQL.

    createdb -h 127.0.0.1 -U postgres enplan_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \
        /usr/bin/time -v .venv/bin/python scripts/bench_steering.py

The first run migrates the database and generates the data with set-based SQL
(generate_series), which takes a minute or so; later runs reuse it. The script then times
whole requests to the dashboard and its full XLSX export through Django's test client, as
a team leader, for last month and for the last twelve months. Not part of `make test`.

`BENCH_PLANS=100000` generates 100,000 plans (1M registrations) instead, in a database of
its own. With `--once`, a fresh process makes one cold request to the dashboard (last month) on
the data already generated, for timing the whole process from outside.

Each request is timed twice: computing the figures (the kept ones deleted first, as for a
period nobody looked at that day) and reading the figures kept (progress/kept.py), as
every later look does. Where the municipality is large enough for the task queue
(`ENPLAN_STEERING_QUEUE_FROM_PLANS`), a computing look at the dashboard is the page that
says the figures are on the way; the script then times that first look, the worker
computing and keeping the figures, and the look that shows them. `--nightly` times the
nightly `keep_steering_figures` run too.
"""

import importlib
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")

import django

django.setup()

from django.apps import apps as django_apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from enplan.core.models import Municipality, Role, User  # noqa: E402
from enplan.organisation.models import (  # noqa: E402
    Area,
    Department,
    Legislation,
    Professional,
    Step,
    StepModel,
)

CODE = "997"
# BENCH_PLANS=100000 for the municipality-scale run (issue 21); one database per size.
PLANS = int(os.environ.get("BENCH_PLANS", "20000"))
REGISTRATIONS_PER_CITIZEN = 10  # 200,000 at 20,000 plans
INTERVENTIONS_PER_PLAN = 5  # 100,000 at 20,000 plans
ACTORS_PER_PLAN = 4
MEETINGS_PER_PLAN = 2


def generate() -> Municipality:
    municipality = Municipality.objects.create(name="Benchmark Kommune", code=CODE)
    areas = [Area.objects.create(municipality=municipality, name=f"Område {i}") for i in range(5)]
    departments = [
        Department.objects.create(municipality=municipality, area=area, name=f"Afdeling {i}")
        for i, area in enumerate(areas * 4)
    ]
    law = Legislation.objects.create(municipality=municipality, short_name="Lov", name="Lov")
    user = User.objects.create(username="bench-coordinator", municipality=municipality)
    professionals = [
        Professional(
            municipality=municipality,
            name=f"Fagperson {i}",
            department=departments[i % len(departments)],
            user=user if i == 0 else None,
        )
        for i in range(200)
    ]
    Professional.objects.bulk_create(professionals)
    User.objects.create(username="bench-leader", municipality=municipality, role=Role.LEADER)
    model = StepModel.objects.get(municipality=municipality, is_default=True)
    s1, s2, s3 = Step.objects.filter(model=model).order_by("order").values_list("pk", flat=True)
    first_professional = Professional.objects.filter(municipality=municipality).order_by("pk")[0]
    first_department = departments[0].pk
    params = {
        "m": municipality.pk,
        "user": user.pk,
        "p0": first_professional.pk,
        "d0": first_department,
        "law": law.pk,
        "model": model.pk,
        "s1": s1,
        "s2": s2,
        "s3": s3,
    }
    statements = [
        # Citizens with unique, obviously fictional CPR-shaped numbers.
        f"""INSERT INTO plans_citizen (municipality_id, cpr, birth_date, first_name, last_name,
                phone, email, search_name)
            SELECT %(m)s, lpad(g::text, 6, '0') || '-' || lpad((g % 10000)::text, 4, '0'),
                DATE '1960-01-02' + (g % 15000), 'Borger', 'Nr ' || g, '', '', 'borger nr ' || g
            FROM generate_series(1, {PLANS}) g""",
        f"""INSERT INTO plans_plan (municipality_id, kind, title, coordinator_id, status,
                created_at, created_by_id, version, annulment_reason, start_on)
            SELECT %(m)s, 'citizen', 'Plan ' || g, %(p0)s + (g % 200), 'active',
                TIMESTAMPTZ '2024-01-01 09:00+01' + ((g % 700)::int || ' days')::interval,
                %(user)s, 1, '', DATE '2024-01-01' + (g % 700)
            FROM generate_series(1, {PLANS}) g""",
        """INSERT INTO plans_planmember (municipality_id, plan_id, citizen_id, role, wishes,
                goal_areas, "order", version, hides_writing_from_custodians,
                shares_with_household, plan_is_active)
            SELECT %(m)s, p.id, c.id, 'citizen', '', '[]', 0, 1, false, false, true
            FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM plans_plan
                  WHERE municipality_id = %(m)s) p
            JOIN (SELECT id, row_number() OVER (ORDER BY id) n FROM plans_citizen
                  WHERE municipality_id = %(m)s) c ON c.n = p.n""",
        """INSERT INTO progress_planprogression (municipality_id, plan_id, step_model_id,
                chosen_by_id, chosen_at)
            SELECT %(m)s, id, %(model)s, %(user)s, now() FROM plans_plan
            WHERE municipality_id = %(m)s""",
        # Ten registrations per citizen, a month or so apart, up and down the staircase;
        # every fourth citizen's course ends with the tenth.
        f"""INSERT INTO progress_stepregistration (municipality_id, plan_id, member_id, step_id,
                entered_on, reason, registered_by_id, registered_by_name,
                registered_by_workplace, created_at)
            SELECT %(m)s, m.plan_id, m.id,
                CASE WHEN k = {REGISTRATIONS_PER_CITIZEN} AND m.id % 4 = 0 THEN NULL
                     ELSE (ARRAY[%(s1)s, %(s2)s, %(s1)s, %(s2)s, %(s3)s, %(s2)s, %(s3)s,
                                 %(s3)s, %(s1)s, %(s2)s])[1 + (k + m.id) % 10] END,
                DATE '2024-01-01' + (m.plan_id % 700)::int + (k - 1) * 30,
                'Benchmark', %(user)s, 'Benchmark', '', now()
            FROM plans_planmember m CROSS JOIN generate_series(1, {REGISTRATIONS_PER_CITIZEN}) k
            WHERE m.municipality_id = %(m)s""",
        f"""INSERT INTO plans_intervention (municipality_id, plan_id, title, department_id,
                legislation_id, agreed_start, actual_start, end_date, status, status_reason,
                monthly_cost, created_at, version, step_id)
            SELECT %(m)s, p.id, 'Indsats ' || k, %(d0)s + ((p.id + k) % 20), %(law)s,
                DATE '2023-10-01' + (p.id % 700)::int + k * 40,
                CASE WHEN k % 3 = 0 THEN NULL
                     ELSE DATE '2023-10-01' + (p.id % 700)::int + k * 40 + (p.id % 3)::int END,
                CASE WHEN k = 1 THEN DATE '2023-10-01' + (p.id % 700)::int + 200 END,
                CASE WHEN k % 3 = 0 THEN 'planned' WHEN k = 1 THEN 'ended' ELSE 'active' END,
                '', 1000 + (p.id * k) % 12000, now(), 1, %(s2)s
            FROM plans_plan p CROSS JOIN generate_series(1, {INTERVENTIONS_PER_PLAN}) k
            WHERE p.municipality_id = %(m)s""",
        f"""INSERT INTO network_actor (municipality_id, plan_id, kind, professional_id, name,
                role, phone, email, started_on, added_by_id, added_by_citizen, version,
                visible_to_professionals)
            SELECT %(m)s, p.id, 'professional', %(p0)s + ((p.id + k * 37) % 200), '', 'Rolle',
                '', '', DATE '2024-01-01' + (p.id % 700)::int, %(user)s, false, 1, true
            FROM plans_plan p CROSS JOIN generate_series(1, {ACTORS_PER_PLAN}) k
            WHERE p.municipality_id = %(m)s""",
        f"""INSERT INTO meetings_meeting (municipality_id, plan_id, kind, starts_at, place,
                video_link, status, created_by_id, created_at, version, purpose, cancel_reason)
            SELECT %(m)s, p.id, 'network',
                TIMESTAMPTZ '2024-02-01 10:00+01'
                    + (((p.id % 700)::int + k * 60) || ' days')::interval,
                '', '', 'held', %(user)s, now(), 1, '', ''
            FROM plans_plan p CROSS JOIN generate_series(1, {MEETINGS_PER_PLAN}) k
            WHERE p.municipality_id = %(m)s""",
        """INSERT INTO meetings_participant (municipality_id, meeting_id, member_id, attended)
            SELECT %(m)s, mt.id, pm.id, (mt.id % 7) <> 0
            FROM meetings_meeting mt JOIN plans_planmember pm ON pm.plan_id = mt.plan_id
            WHERE mt.municipality_id = %(m)s""",
        """INSERT INTO meetings_participant (municipality_id, meeting_id, actor_id, attended)
            SELECT %(m)s, mt.id, a.id, (a.id % 9) <> 0
            FROM meetings_meeting mt JOIN network_actor a ON a.plan_id = mt.plan_id
            WHERE mt.municipality_id = %(m)s""",
        """INSERT INTO meetings_citizenevaluation (municipality_id, meeting_id, member_id,
                felt_heard, talked_about_what_matters, way_of_working_suited_me, overall,
                comment, submitted_at, channel)
            SELECT %(m)s, mt.id, pm.id, 5 + mt.id % 6, 4 + mt.id % 7, 6 + mt.id % 5,
                5 + mt.id % 6, '', mt.starts_at, 'screen'
            FROM meetings_meeting mt JOIN plans_planmember pm ON pm.plan_id = mt.plan_id
            WHERE mt.municipality_id = %(m)s AND mt.id % 2 = 0""",
        """INSERT INTO plans_coordinatorhandover (municipality_id, plan_id, from_coordinator_id,
                to_coordinator_id, note, handed_over_at, recorded_by_id)
            SELECT %(m)s, p.id, p.coordinator_id, %(p0)s + ((p.id + 1) % 200), 'Skift',
                p.created_at + interval '120 days', %(user)s
            FROM plans_plan p WHERE p.municipality_id = %(m)s AND p.id % 10 = 0""",
    ]
    with connection.cursor() as cursor:
        for statement in statements:
            # With parameters, the driver reads "%" as a placeholder; "%%" is the operator.
            cursor.execute(statement.replace(" % ", " %% "), params)
    # What the registrations and plans keep for the figures, as the migration fills it in.
    migration = importlib.import_module(
        "enplan.progress.migrations.0004_registrations_keep_their_stays"
    )
    migration.fill_in(django_apps, SimpleNamespace(connection=connection))
    return municipality


def counts(municipality) -> dict:
    tables = {
        "plans": "plans_plan",
        "citizens": "plans_planmember",
        "registrations": "progress_stepregistration",
        "interventions": "plans_intervention",
        "actors": "network_actor",
        "meetings": "meetings_meeting",
        "participants": "meetings_participant",
        "evaluations": "meetings_citizenevaluation",
    }
    result = {}
    with connection.cursor() as cursor:
        for name, table in tables.items():
            cursor.execute(
                f"SELECT COUNT(*) FROM {table} WHERE municipality_id = %s", [municipality.pk]
            )
            result[name] = cursor.fetchone()[0]
    return result


def backend_cpu(pid: int) -> float:
    """CPU seconds the database backend serving this connection has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(client, path, backend: int | None, runs=7, *, computing=False) -> dict:
    """Wall time of whole requests, and the CPU time they cost in Django and in the
    database together: on a shared, busy machine the CPU time is what the request would
    take on an idle one, since the data is in memory and the work is single-threaded.

    `computing`: the kept figures are deleted before each request, so it computes them
    (a period nobody looked at that day); otherwise it reads what the first one kept."""
    client.get(path)  # warm up: connection, templates, query plans
    if not computing:
        run_queued_task()  # the figures the warm-up asked for, where it waited for them
    wall, cpu = [], []
    for _ in range(runs):
        if computing:
            forget_figures()
        started, started_cpu = time.perf_counter(), time.process_time()
        started_db = backend_cpu(backend) if backend else 0.0
        response = client.get(path)
        wall.append(time.perf_counter() - started)
        used_db = backend_cpu(backend) - started_db if backend else 0.0
        cpu.append(time.process_time() - started_cpu + used_db)
        assert response.status_code == 200, response.status_code
    if computing:
        forget_figures()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return {"wall": wall, "cpu": cpu, "queries": len(queries)}


def forget_figures() -> None:
    """As before anyone has looked today: nothing kept, nothing asked for or queued."""
    from django_tasks_db.models import DBTaskResult

    from enplan.progress.models import KeptSteeringFigures, SteeringFiguresRequest

    KeptSteeringFigures.objects.all().delete()
    SteeringFiguresRequest.objects.all().delete()
    DBTaskResult.objects.filter(task_path__endswith="keep_requested_figures").delete()


def run_queued_task() -> None:
    """What the worker runs for a queued look, in this process (the task's function with
    the task's arguments), so that the database backend's CPU can be read as for the
    requests; db_worker would close the connection. Nothing when nothing is queued."""
    from django_tasks_db.models import DBTaskResult

    from enplan.progress.tasks import keep_requested_figures

    for task in DBTaskResult.objects.filter(task_path__endswith="keep_requested_figures"):
        keep_requested_figures.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
        task.delete()


def queued(client, path, backend: int | None, runs=3) -> dict:
    """A first look in a municipality large enough for the task queue: the page that says
    the figures are on the way, then the worker computing and keeping them, and the look
    that shows them."""
    first, worker, shown = [], [], []
    for _ in range(runs):
        forget_figures()
        started = time.perf_counter()
        response = client.get(path)
        first.append(time.perf_counter() - started)
        assert "every 2s" in response.text, "the look did not wait for the task queue"
        started, started_cpu = time.perf_counter(), time.process_time()
        started_db = backend_cpu(backend) if backend else 0.0
        run_queued_task()
        used_db = backend_cpu(backend) - started_db if backend else 0.0
        worker.append((time.perf_counter() - started, time.process_time() - started_cpu + used_db))
        started = time.perf_counter()
        response = client.get(path)
        shown.append(time.perf_counter() - started)
        assert 'id="staircase-heading"' in response.text, "the figures were not shown"
    forget_figures()
    return {"first": first, "worker": worker, "shown": shown}


def nightly(municipality, backend: int | None) -> None:
    """The nightly run (`keep_steering_figures`) for the municipality, timed once."""
    from enplan.progress import kept
    from enplan.progress.models import KeptSteeringFigures

    KeptSteeringFigures.objects.all().delete()
    started, started_cpu = time.perf_counter(), time.process_time()
    started_db = backend_cpu(backend) if backend else 0.0
    count = kept.keep_for_municipality(municipality)
    used_db = backend_cpu(backend) - started_db if backend else 0.0
    print(
        f"nightly run: {count} sets of figures in {time.perf_counter() - started:.0f} s "
        f"(CPU {time.process_time() - started_cpu + used_db:.0f} s)"
    )


def once() -> None:
    """One cold request in a fresh process, on data generated by an earlier full run:
    for timing the whole process from outside (e.g. /usr/bin/time)."""
    client = Client()
    client.force_login(User.objects.get(username="bench-leader"))
    end = timezone.localdate().replace(day=1) - timedelta(days=1)
    started = time.perf_counter()
    response = client.get(f"/progress/steering/?start={end.replace(day=1)}&end={end}")
    assert response.status_code == 200, response.status_code
    print(f"one cold dashboard request: {(time.perf_counter() - started) * 1000:.0f} ms")


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("Run the benchmark on PostgreSQL: set DATABASE_URL=postgres://…")
    settings.ALLOWED_HOSTS = ["testserver"]
    if "--once" in sys.argv:
        once()
        return
    call_command("migrate", verbosity=0)
    municipality = Municipality.objects.filter(code=CODE).first()
    if municipality is None:
        started = time.perf_counter()
        with transaction.atomic():
            municipality = generate()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"Generated the data in {time.perf_counter() - started:.1f} s")
    print("Data:", ", ".join(f"{n:,} {name}" for name, n in counts(municipality).items()))
    client = Client()
    client.force_login(User.objects.get(username="bench-leader"))
    today = timezone.localdate()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    periods = {
        "last month": (last_month_end.replace(day=1), last_month_end),
        "last twelve months": (today - timedelta(days=365), today),
        "2025": (date(2025, 1, 1), date(2025, 12, 31)),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    backend = pid if Path(f"/proc/{pid}/stat").exists() else None  # a database on this host
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    queue = PLANS >= settings.ENPLAN_STEERING_QUEUE_FROM_PLANS
    print(f"{'':26} {'period':19} {'wall, median (min–max)':>28} {'CPU, median':>12}")
    for label, (start, end) in periods.items():
        for what, path in (
            ("dashboard", "/progress/steering/"),
            ("XLSX, all tables", "/progress/steering/all.xlsx"),
        ):
            for how, computing in (("computed", True), ("kept", False)):
                url = f"{path}?start={start}&end={end}&group=all"
                if computing and what.startswith("XLSX") and queue:
                    # A download of figures not kept goes to the page that waits for them.
                    forget_figures()
                    assert client.get(url).status_code == 302
                    print(f"{what + ', ' + how:30} {label:19} redirected to the waiting page")
                    forget_figures()
                    continue
                result = timed(client, url, backend, computing=computing)
                wall, cpu = result["wall"], result["cpu"]
                if computing and queue:
                    how = "first look, waits"
                print(
                    f"{what + ', ' + how:30} {label:19} {statistics.median(wall) * 1000:8.0f} ms "
                    f"({min(wall) * 1000:4.0f}–{max(wall) * 1000:4.0f} ms)"
                    f" {statistics.median(cpu) * 1000:8.0f} ms  {result['queries']} queries"
                )
    if queue:
        start, end = periods["last month"]
        result = queued(client, f"/progress/steering/?start={start}&end={end}&group=all", backend)
        ms = [round(t * 1000) for t in result["first"]]
        print(f"first look, waiting for the queue (last month): {ms} ms")
        ms = [f"{wall * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)" for wall, cpu in result["worker"]]
        print(f"the worker computing and keeping them: {', '.join(ms)}")
        ms = [round(t * 1000) for t in result["shown"]]
        print(f"the look that shows them: {ms} ms")
    if "--nightly" in sys.argv:
        nightly(municipality, backend)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
