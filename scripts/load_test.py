"""Load test: simulated caseworkers and citizens against the production server.

Starts gunicorn (gunicorn.conf.py) on a free loopback port against DATABASE_URL, runs
locust headless (scripts/locustfile.py) for a bounded time, then runs the same number of
users against /healthz alone, and prints both side by side: requests per second, median
and 95th percentile per page, failures, and the load average. Uses the municipality of
scripts/bench_plan_pages.py (built first if missing):

    pip install -r requirements/bench.txt
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench \\
        .venv/bin/python scripts/load_test.py --users 200 --run-time 180

Loopback only: the server binds 127.0.0.1 and locust talks to nothing else.
"""

import argparse
import csv
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")

SECRET_KEY = "load-test-secret-key-not-secret"
# The sessions made here are signed with the server's key (their auth hash is an HMAC).
os.environ["SECRET_KEY"] = SECRET_KEY


def prepare(people_file: Path, caseworkers: int, citizens: int, plans: int) -> None:
    """Passwords for the bench caseworkers, sessions for some citizens, written to a file
    for locust."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from enplan.citizen import services as citizen_services
    from enplan.core import sessions
    from enplan.core.models import Municipality, User
    from enplan.meetings.models import Meeting
    from enplan.plans.models import Citizen, Plan

    call_command("migrate", verbosity=0)
    if not Municipality.objects.filter(code="998").exists():
        build = ["--build-only", "--plans", str(plans)]
        subprocess.run(
            [sys.executable, str(PROJECT / "scripts/bench_plan_pages.py"), *build], check=True
        )
    municipality = Municipality.objects.get(code="998")
    users = list(
        User.objects.filter(municipality=municipality, username__startswith="bench").order_by("pk")[
            :caseworkers
        ]
    )
    people: dict = {"today": timezone.localdate().isoformat()}

    def logged_in(user, backend) -> str:
        """A session as Django's login leaves it: the logins themselves (a password hash
        each, a MitID round trip) are a morning's burst, not the day's steady load."""
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = backend
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[sessions.LAST_ACTIVITY] = int(time.time())
        session.set_expiry(settings.SESSION_COOKIE_AGE)
        session.create()
        return session.session_key

    people["caseworkers"] = []
    for user in users:
        own = list(
            Plan.objects.filter(coordinator__user=user)
            .order_by("pk")
            .values_list("pk", flat=True)[:20]
        )
        meetings = dict(
            Meeting.objects.filter(plan_id__in=own)
            .order_by("plan_id", "pk")
            .values_list("plan_id", "pk")
        )
        people["caseworkers"].append(
            {
                "session": logged_in(user, "enplan.core.backends.StaffBackend"),
                "plans": [{"id": pk, "meeting": meetings[pk]} for pk in own if pk in meetings],
            }
        )
    people["citizens"] = []
    with_plans = Citizen.objects.filter(
        municipality=municipality, memberships__isnull=False
    ).order_by("pk")[:citizens]
    for citizen in with_plans:
        user = citizen_services.citizen_user_for_login(cpr_number=citizen.cpr)
        people["citizens"].append(logged_in(user, "enplan.citizen.mitid.MitIDBackend"))
    people_file.write_text(json.dumps(people), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int, workers: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT / "src"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": workers,
        "SECRET_KEY": SECRET_KEY,
        "DEBUG": "",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=PROJECT, env=env
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).ok:
                return server
        except requests.RequestException:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not start")


def run_locust(port, args, people_file, prefix, locustfile):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(PROJECT / "scripts" / locustfile),
            "--headless",
            "--only-summary",
            "--users",
            str(args.users),
            "--spawn-rate",
            str(args.spawn_rate),
            "--run-time",
            f"{args.run_time}s",
            # Figures from when every user is running: the logins of the ramp-up (a
            # password hash each, all at once) are not a busy day's steady state.
            "--reset-stats",
            "--stop-timeout",
            "10",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            prefix,
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "ENPLAN_LOAD_USERS": str(people_file), "ENPLAN_LOAD_WAIT": args.wait},
        check=False,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return list(csv.DictReader(stats))


def report(title, rows):
    print(f"\n{title}")
    print(f"{'request':28s} {'count':>7s} {'fail':>5s} {'req/s':>7s} {'p50':>7s} {'p95':>7s}")
    for row in rows:
        print(
            f"{row['Name'][:28]:28s} {row['Request Count']:>7s} {row['Failure Count']:>5s} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>5s}ms {row['95%']:>5s}ms"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="simulated users (9 in 10 staff)")
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=180, help="seconds per run")
    parser.add_argument("--workers", default="3", help="gunicorn processes")
    parser.add_argument("--plans", type=int, default=20000, help="if the bench data is built")
    parser.add_argument("--wait", default="5,15", help='seconds between requests, "0,0": flat out')
    parser.add_argument("--skip-healthz", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="enplan-load-") as directory:
        folder = Path(directory)
        people = folder / "people.json"
        prepare(people, caseworkers=200, citizens=max(1, args.users // 10 + 5), plans=args.plans)
        port = free_port()
        server = start_server(port, args.workers)
        try:
            before = os.getloadavg()
            rows = run_locust(port, args, people, folder / "mix", "locustfile.py")
            during = os.getloadavg()
            report(f"The mix: {args.users} users, {args.run_time} s, wait {args.wait} s", rows)
            if not args.skip_healthz:
                trivial = run_locust(port, args, people, folder / "healthz", "locust_healthz.py")
                report(f"/healthz alone, no wait: {args.users} users, {args.run_time} s", trivial)
            print("\nload average before:", " ".join(f"{x:.2f}" for x in before))
            print("load average after the mix:", " ".join(f"{x:.2f}" for x in during))
        finally:
            server.terminate()
            server.wait(timeout=60)


if __name__ == "__main__":
    main()
