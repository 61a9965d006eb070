"""What the benchmark scripts share: a throw-away PostgreSQL database, and percentiles."""

import os
import sys


def fresh_database() -> None:
    """Drop and make anew the PostgreSQL database DATABASE_URL names (give it a throw-away
    name); before Django connects to it."""
    import psycopg

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Give DATABASE_URL a throw-away PostgreSQL database.")
    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]
