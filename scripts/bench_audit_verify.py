"""Benchmark: how long `audit_verify` takes to walk one municipality's chain, in one
process and in several at once.

Writes a chain of EVENTS events of one municipality, hashed with the chain key as
`append` would (in bulk, without taking the head's lock for each), then walks it with
`auditchain.verify` alternately with `--jobs` 1 and N, three times each.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/enplan_bench_verify \\
        .venv/bin/python scripts/bench_audit_verify.py [--events 2000000] [--jobs 2]

PostgreSQL only. The named database is dropped and made anew: give it a throw-away name.
"""

import argparse
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

django.setup()

from benchkit import fresh_database  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from enplan.core import auditchain  # noqa: E402
from enplan.core.models import AuditChainHead, Municipality  # noqa: E402

COLUMNS = [*auditchain.CHAINED_FIELDS, "hash"]


def write_chain(municipality_id: int, events: int) -> None:
    """The events as `append` writes them: numbered, timed, each hashed over its content
    and the hash before it."""
    start = timezone.now() - timedelta(days=365)
    prev = auditchain.GENESIS
    with connection.cursor() as cursor:
        copy_sql = f"COPY core_auditevent ({', '.join(COLUMNS)}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for seq in range(1, events + 1):
                values = {
                    "municipality_id": municipality_id,
                    "seq": seq,
                    "at": start + timedelta(seconds=seq),
                    "user_id": None,
                    "actor_role": "professional",
                    "actor_organisation": "Jobcentret",
                    "action": "view",
                    "object_type": "plans.plan",
                    "object_id": str(seq % 100_000),
                    "plan_id": None,
                    "member_id": None,
                    "path": f"/plans/{seq % 100_000}/",
                    "changed_fields": [],
                    "prev_hash": prev,
                }
                values["hash"] = prev = auditchain.event_hash(values)
                row = [values[column] for column in COLUMNS]
                row[COLUMNS.index("changed_fields")] = "[]"
                copy.write_row(row)
    AuditChainHead.objects.update_or_create(
        municipality_id=municipality_id, defaults={"seq": events, "hash": prev}
    )


def main():
    # Here, not at import: the walk's processes import this module again.
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=2_000_000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    fresh_database()
    call_command("migrate", verbosity=0)
    municipality = Municipality.objects.create(name="Kontrolkommune", code="995")
    t0 = time.perf_counter()
    write_chain(municipality.pk, args.events)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE core_auditevent")
    print(f"wrote a chain of {args.events} events in {time.perf_counter() - t0:.0f} s")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    times = {1: [], args.jobs: []}
    for _ in range(3):  # alternately, so that a busy moment shows in both
        for jobs in times:
            t0 = time.perf_counter()
            verdict = auditchain.verify(municipality.pk, jobs=jobs)
            times[jobs].append(time.perf_counter() - t0)
            assert verdict.ok, verdict
            assert verdict.checked == args.events, verdict
    one = statistics.median(times[1])
    for jobs, seconds in times.items():
        median = statistics.median(seconds)
        print(
            f"--jobs {jobs}: median {median:6.1f} s ({args.events / median:8.0f} events/s, "
            f"{one / median:4.2f} x one process); runs " + ", ".join(f"{s:.1f}" for s in seconds)
        )
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
