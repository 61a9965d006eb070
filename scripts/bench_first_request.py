"""Time the first request of a fresh app server process, with and without the warm-up.

gunicorn replaces each worker after `max_requests`, so a fresh process's first request is
met all day. Each run starts a new Python process that sets Django up as `enplan.wsgi`
does, warms up (`enplan.core.warmup`) or not, and times its first and second Mine
borgere through Django's test client, as `bench_plan_pages.py`'s bench user. Run against
the database `bench_plan_pages.py` built:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \\
        .venv/bin/python scripts/bench_first_request.py --runs 3
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def child(warm: bool) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
    import warnings

    import django

    warnings.filterwarnings("ignore", "No directory at")
    django.setup()
    from django.test import Client

    from enplan.core.models import User

    warm_up_ms = 0.0
    if warm:
        from enplan.core.warmup import warm_up

        started = time.perf_counter()
        warm_up()
        warm_up_ms = (time.perf_counter() - started) * 1000
    client = Client(HTTP_HOST="localhost")
    client.force_login(User.objects.get(username="bench7"))
    times = []
    for _ in range(2):
        started = time.perf_counter()
        assert client.get("/plans/").status_code == 200
        times.append((time.perf_counter() - started) * 1000)
    print(json.dumps({"warm_up": warm_up_ms, "first": times[0], "second": times[1]}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", choices=["cold", "warm"])
    args = parser.parse_args()
    if args.child:
        child(args.child == "warm")
        return
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for mode in ("cold", "warm"):
        runs = []
        for _ in range(args.runs):
            out = subprocess.run(
                [sys.executable, __file__, "--child", mode],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        print(
            f"{mode}: warm-up {median['warm_up']:6.0f} ms, first Mine borgere "
            f"{median['first']:6.0f} ms, second {median['second']:5.0f} ms "
            f"(medians of {args.runs} fresh processes)"
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
