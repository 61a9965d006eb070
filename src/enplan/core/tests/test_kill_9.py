"""A process killed with SIGKILL in the middle of a save (a power cut, the OOM killer, an
operator's kill -9) leaves nothing half-written: the transaction is all or nothing, and the
audit trail still verifies."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from enplan.core import auditchain
from enplan.core.models import AuditEvent
from enplan.plans.models import Goal

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a second process needs a shared database"
    ),
    pytest.mark.django_db(transaction=True),
]

SCRIPT = Path(__file__).with_name("interrupted_plan_save.py")


def database_url():
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def start(world, goals):
    env = {**os.environ, "DATABASE_URL": database_url(), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen(
        [
            sys.executable,
            str(SCRIPT),
            str(world.plan.pk),
            str(world.coordinator.user.pk),
            str(goals),
        ],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_plan_save_killed_half_way_leaves_nothing_half_written(world):
    events_before = AuditEvent.objects.count()
    process = start(world, 200)
    for line in process.stdout:
        if line.strip() == "saved 50":
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    # PostgreSQL sees the connection die and rolls its transaction back.
    assert not Goal.objects.filter(plan=world.plan, title__startswith="Mål").exists()
    assert AuditEvent.objects.count() == events_before
    assert auditchain.verify(world.municipality.pk).ok
    # And nothing is left locked: the next save goes through and is chained.
    finished = start(world, 3)
    out, _ = finished.communicate(timeout=120)
    assert "committed" in out
    assert Goal.objects.filter(plan=world.plan, title__startswith="Mål").count() == 3
    assert auditchain.verify(world.municipality.pk).ok
