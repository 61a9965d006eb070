"""Benchmark: how many audit events one municipality's chain takes per second, and how
long a writer waits for the chain's head, with 1 to N writers at once.

Every audited page view and every write of a municipality goes through one row lock (the
chain's head, `core.auditchain`), so this is the ceiling of audited requests per second
per municipality, whatever the number of app servers. Each writer is a process of its own
with its own connection, as gunicorn's workers are, and writes through the trail's own
door (`audit.record`: lock the head, insert the event, move the head, commit).

Runs against the database that `bench_plan_pages.py` built (its municipality 998):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \\
        .venv/bin/python scripts/bench_audit_chain.py [--writers 1,2,4,8,16] [--seconds 5]

Prints, per number of writers, the events per second, the ratio to one writer, and the
p50/p95 of one append (the lock wait included). The events it writes stay in the chain
(they verify like any other); use a throw-away database.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
warnings.filterwarnings("ignore", "No directory at")

import django  # noqa: E402

django.setup()

from benchkit import percentile  # noqa: E402
from django.db import connections  # noqa: E402

from enplan.core import audit  # noqa: E402
from enplan.core.models import AuditAction, User  # noqa: E402
from enplan.plans.models import Plan  # noqa: E402

BENCH_CODE = "998"


def writer(args) -> list[float]:
    """Append events for `seconds`, as a page view does; the time of each append."""
    user_pk, plan_pks, seconds, start = args
    user = User.objects.get(pk=user_pk)
    plans = list(Plan.objects.filter(pk__in=plan_pks))
    while time.time() < start:  # every writer begins at the same moment
        time.sleep(0.001)
    times = []
    end = start + seconds
    i = 0
    while time.time() < end:
        plan = plans[i % len(plans)]
        t0 = time.perf_counter()
        audit.record(
            user=user, action=AuditAction.VIEW, obj=plan, plan=plan, path=f"/plans/{plan.pk}/"
        )
        times.append(time.perf_counter() - t0)
        i += 1
    connections.close_all()
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--writers", default="1,2,4,8,16")
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    user = User.objects.get(username="bench7")
    plan_pks = list(
        Plan.objects.filter(municipality__code=BENCH_CODE, coordinator__user=user)
        .order_by("pk")
        .values_list("pk", flat=True)[:20]
    )
    if not plan_pks:
        sys.exit("No bench data: run scripts/bench_plan_pages.py --build-only first.")
    print(f"database: {connections['default'].vendor}, writers: {args.writers}")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    # The children open their own connections; none may inherit the parent's socket.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    single = None
    for count in [int(n) for n in args.writers.split(",")]:
        start = time.time() + 1.0
        with context.Pool(count) as pool:
            results = pool.map(writer, [(user.pk, plan_pks, args.seconds, start)] * count)
        times = [t for result in results for t in result]
        rate = len(times) / args.seconds
        single = single or rate
        print(
            f"{count:3d} writers: {rate:7.0f} events/s ({rate / single:4.2f} x one writer), "
            f"append p50 {statistics.median(times) * 1000:6.2f} ms, "
            f"p95 {percentile(times, 0.95) * 1000:6.2f} ms"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
