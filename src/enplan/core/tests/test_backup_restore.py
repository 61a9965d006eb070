"""A backup can be restored: pg_dump of a database, pg_restore into a fresh one, and the
restored database holds the same rows and an audit trail that still verifies
(docs/operations.md)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from enplan.core import audit
from enplan.core.models import AuditAction
from enplan.plans.tests.factories import GoalFactory, LogEntryFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump is PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]

TABLES = [
    "core_municipality",
    "core_user",
    "plans_plan",
    "plans_goal",
    "plans_logentry",
    "core_auditevent",
    "core_auditchainhead",
]


def server(name="postgres"):
    settings = connection.settings_dict
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}@{host}:{port}/{name}"


def counts(url):
    with psycopg.connect(url) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
        }


@pytest.fixture
def fresh_database():
    name = f"enplan_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_dump_restores_into_a_fresh_database_with_its_audit_trail_intact(
    world, fresh_database, tmp_path
):
    for n in range(5):
        goal = GoalFactory(plan=world.plan, title=f"Mål {n}")
        LogEntryFactory(plan=world.plan, goal=goal)
        audit.record(
            user=world.coordinator.user, action=AuditAction.VIEW, obj=world.plan, plan=world.plan
        )
    source = server(connection.settings_dict["NAME"])
    dump = tmp_path / "enplan.dump"

    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", source], check=True)
    subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={server(fresh_database)}",
            str(dump),
        ],
        check=True,
    )

    restored = server(fresh_database)
    assert counts(restored) == counts(source)
    assert counts(restored)["core_auditevent"] >= 5
    verified = subprocess.run(
        [sys.executable, "manage.py", "audit_verify"],
        cwd=Path(__file__).resolve().parents[4],
        env={**os.environ, "DATABASE_URL": restored, "PYTHONPATH": os.pathsep.join(sys.path)},
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0, verified.stderr
    assert "The audit trail is intact." in verified.stdout
    # The restored database still refuses to change its trail.
    with psycopg.connect(restored) as db, pytest.raises(psycopg.errors.RaiseException):
        db.execute("DELETE FROM core_auditevent")
