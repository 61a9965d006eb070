"""Benchmark: the network map page (map + burden panel) for a plan with 60 actors and
300 rated relations, as the server renders it.

    /usr/bin/time -v .venv/bin/python scripts/bench_network_map.py

Builds a throw-away SQLite database in a temporary folder, then requests the map page
(and the SVG and PNG exports) through Django's test client, which runs the whole server
side: middleware, access policy, audit event, queries, layout and templates. Prints the
median and the slowest of the timed requests in milliseconds, and the query count.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DB = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ACTORS, RELATIONS, ROUNDS = 60, 300, 30


def build():
    from enplan.network.tests.factories import RelationRatingFactory
    from enplan.organisation.tests.factories import AreaFactory, DepartmentFactory
    from enplan.plans.tests.factories import (
        ActorFactory,
        ConsentFactory,
        InterventionFactory,
        PlanFactory,
        PlanMemberFactory,
        PrivateActorFactory,
    )

    call_command("migrate", verbosity=0)
    random.seed(7)
    plan = PlanFactory(title="Familien Benchmark")
    municipality = plan.municipality
    areas = [AreaFactory(municipality=municipality, order=i) for i in range(5)]
    departments = [DepartmentFactory(area=areas[i % 5]) for i in range(14)]
    member = PlanMemberFactory(plan=plan)
    ConsentFactory(plan=plan, given_by=member, areas=areas)
    actors = []
    for i in range(ACTORS):
        if i % 6 == 5:
            actors.append(PrivateActorFactory(plan=plan))
        else:
            actors.append(
                ActorFactory(plan=plan, professional__department=departments[i % 14], member=member)
            )
    for i in range(20):
        InterventionFactory(
            plan=plan, department=departments[i % 14], status="active", member=member
        )
    pairs = set()
    while len(pairs) < RELATIONS:
        a, b = sorted(random.sample(range(ACTORS), 2))
        pairs.add((a, b))
    for a, b in sorted(pairs):
        level = random.choice(["good", "medium", "poor"])
        RelationRatingFactory(first=actors[a], second=actors[b], rater=actors[a], level=level)
        if (a + b) % 4 == 0:  # a second perspective on every fourth relation
            RelationRatingFactory(first=actors[a], second=actors[b], rater=actors[b], level="good")
    return plan


def timed(client, url, rounds):
    client.get(url)  # warm-up: template compilation, first connection
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times), max(times), len(queries)


def main():
    plan = build()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(plan.coordinator.user)
    base = f"/plans/{plan.pk}/organisation/"
    print(f"plan with {ACTORS} actors and {RELATIONS} rated relations")
    for label, url, rounds in (
        ("map page (map + panel)", base, ROUNDS),
        ("SVG export", base + "map.svg", ROUNDS),
        ("PNG export", base + "map.png", 10),
    ):
        median, slowest, queries = timed(client, url, rounds)
        print(f"{label:24} median {median:6.1f} ms  slowest {slowest:6.1f} ms  {queries} queries")


if __name__ == "__main__":
    main()
