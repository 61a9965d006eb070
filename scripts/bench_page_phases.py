"""Where a page's server time goes: the database, compiling SQL, the templates, the rest.

For the pages of `bench_plan_pages.py`, on the database it built, each request paired with
one to /healthz right before it. Prints medians in milliseconds of:

- db: time inside the database driver (every query, an `execute_wrapper`);
- compiling SQL: Django's `SQLCompiler.as_sql`, outermost calls only (building the
  querysets, `filter()` and `clone()`, is in "rest");
- templates: rendering, without the queries the templates run and their compiling;
- rest: middleware, the view's own Python, building querysets, the audit event's hash.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \\
        .venv/bin/python scripts/bench_page_phases.py [--runs 40]

It measures by wrapping Django's functions, which costs a little itself; the totals are
for comparing the phases, `bench_plan_pages.py` gives the pages' times.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
warnings.filterwarnings("ignore", "No directory at")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models.sql import compiler  # noqa: E402
from django.template.backends import django as template_backend  # noqa: E402
from django.test import Client  # noqa: E402

from enplan.core.models import User  # noqa: E402
from enplan.core.warmup import warm_up  # noqa: E402
from enplan.meetings.models import Meeting  # noqa: E402
from enplan.plans.models import Plan  # noqa: E402

PHASES = ("db", "compiling SQL", "templates", "rest")


class Clock:
    """Seconds spent in each phase of one request; nested calls count once, and what the
    templates spend in the database and compiling SQL is kept apart."""

    def __init__(self):
        self.reset()

    def reset(self):
        self.spent = defaultdict(float)
        self.depth = defaultdict(int)

    def spend(self, phase: str, seconds: float) -> None:
        self.spent[phase] += seconds
        if phase != "render" and self.depth["render"]:
            self.spent[f"{phase} in render"] += seconds

    def outermost(self, function, phase: str):
        """`function`, with the time of its outermost calls spent on `phase`."""

        def timed(*args, **kwargs):
            self.depth[phase] += 1
            t0 = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.depth[phase] -= 1
                if not self.depth[phase]:
                    self.spend(phase, time.perf_counter() - t0)

        return timed

    def query(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.spend("db", time.perf_counter() - t0)

    def phases(self, total: float) -> dict:
        spent = self.spent
        templates = spent["render"] - spent["db in render"] - spent["sql in render"]
        return {
            "db": spent["db"],
            "compiling SQL": spent["sql"],
            "templates": templates,
            "rest": total - spent["db"] - spent["sql"] - templates,
        }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    warm_up()
    user = User.objects.get(username="bench7")
    plan = Plan.objects.filter(coordinator__user=user).first()
    if plan is None:
        sys.exit("No bench data: run scripts/bench_plan_pages.py --build-only first.")
    meeting = Meeting.objects.filter(plan=plan).order_by("pk").first()
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    clock = Clock()
    template_backend.Template.render = clock.outermost(template_backend.Template.render, "render")
    compiler.SQLCompiler.as_sql = clock.outermost(compiler.SQLCompiler.as_sql, "sql")
    print(f"database: {connection.vendor}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for name, url in [
        ("caseload", "/plans/"),
        ("plan page", f"/plans/{plan.pk}/"),
        ("meeting page", f"/meetings/{meeting.pk}/"),
        ("notices", "/notifications/"),
    ]:
        for _ in range(10):
            client.get(url)
        totals, health, phases = [], [], {phase: [] for phase in PHASES}
        for _ in range(args.runs):
            t0 = time.perf_counter()
            client.get("/healthz")
            health.append(time.perf_counter() - t0)
            clock.reset()
            with connection.execute_wrapper(clock.query):
                t0 = time.perf_counter()
                response = client.get(url)
                total = time.perf_counter() - t0
            assert response.status_code == 200, (url, response.status_code)
            totals.append(total)
            for phase, spent in clock.phases(total).items():
                phases[phase].append(spent)
        ms = {phase: statistics.median(values) * 1000 for phase, values in phases.items()}
        total_ms = statistics.median(totals) * 1000
        healthz_ms = statistics.median(health) * 1000
        print(
            f"{name:13s} {total_ms:5.1f} ms (x{total_ms / healthz_ms:4.1f} /healthz "
            f"{healthz_ms:.1f} ms): " + ", ".join(f"{phase} {ms[phase]:4.1f}" for phase in PHASES)
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
