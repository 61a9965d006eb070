"""Benchmark: pruning old audit events while the municipality goes on working.

Writes EVENTS old events of one municipality (by SQL, numbered as a chain; their hashes
are not checked here), then runs `auditchain.prune` over them in a process of its own
while this process appends an event through `audit.record` every 20 ms, as the pages do.
Prints how long the pruning took and how long the appends took meanwhile: an append that
waits for the pruning shows as a long one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench_prune \\
        .venv/bin/python scripts/bench_audit_prune.py [--events 1000000]

PostgreSQL only. The named database is dropped and made anew: give it a throw-away name.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
import warnings
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")
warnings.filterwarnings("ignore", "No directory at")

import django  # noqa: E402
from benchkit import fresh_database, percentile  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from enplan.core import audit, auditchain  # noqa: E402
from enplan.core.models import AuditChainHead, Municipality, User  # noqa: E402


def prune(municipality_id, before, done):
    t0 = time.perf_counter()
    pruned = auditchain.prune(municipality_id, before=before)
    done.put((pruned.removed, time.perf_counter() - t0))
    connections.close_all()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    fresh_database()
    call_command("migrate", verbosity=0)
    municipality = Municipality.objects.create(name="Beskæringskommune", code="996")
    user = User.objects.create(username="bench-prune", municipality=municipality, password="!")
    long_ago = timezone.now() - timedelta(days=3 * 365)
    t0 = time.perf_counter()
    head, _ = AuditChainHead.objects.get_or_create(
        municipality=municipality, defaults={"seq": 0, "hash": auditchain.GENESIS}
    )
    first = head.seq + 1
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO core_auditevent (at, actor_role, actor_organisation, action,
                object_type, object_id, path, changed_fields, municipality_id, hash,
                prev_hash, seq)
            SELECT %s + n * interval '1 second', 'professional', 'Afdeling', 'view',
                'plans.plan', n::text, '/plans/' || n || '/', '[]'::jsonb, %s,
                md5(n::text) || md5(n::text), md5((n - 1)::text) || md5((n - 1)::text), n
            FROM generate_series(%s, %s) AS n
            """,
            [long_ago, municipality.pk, first, first + args.events - 1],
        )
        cursor.execute("ANALYZE core_auditevent")
    last = first + args.events - 1
    AuditChainHead.objects.filter(pk=head.pk).update(seq=last, hash=f"{last}".ljust(64, "0"))
    print(f"wrote {args.events} old events in {time.perf_counter() - t0:.0f} s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    def append():
        t0 = time.perf_counter()
        audit.record_listing(user=user, what="plans.caseload", path="/plans/")
        return time.perf_counter() - t0

    quiet = [append() for _ in range(50)]
    connections.close_all()
    done = multiprocessing.get_context("fork").Queue()
    pruning = multiprocessing.get_context("fork").Process(
        target=prune, args=(municipality.pk, timezone.now() - timedelta(days=365), done)
    )
    pruning.start()
    during = []
    while pruning.is_alive() or during == []:
        during.append(append())
        time.sleep(0.02)
    pruning.join()
    removed, seconds = done.get()
    print(f"pruned {removed} events in {seconds:.1f} s")
    print(
        f"appends before: p50 {statistics.median(quiet) * 1000:.1f} ms, "
        f"max {max(quiet) * 1000:.1f} ms ({len(quiet)})"
    )
    print(
        f"appends during: p50 {statistics.median(during) * 1000:.1f} ms, "
        f"p95 {percentile(during, 0.95) * 1000:.1f} ms, max {max(during) * 1000:.1f} ms "
        f"({len(during)})"
    )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
