"""How the scan is started: on the task queue, by a command, never piling up."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from enplan.reminders.tasks import send_reminders

pytestmark = pytest.mark.django_db


def test_enqueue_puts_one_scan_on_the_queue_and_does_not_pile_up():
    out = io.StringIO()
    call_command("enqueue_reminders", stdout=out)
    call_command("enqueue_reminders", stdout=out)
    assert DBTaskResult.objects.ready().filter(task_path=send_reminders.module_path).count() == 1
    assert "already waiting" in out.getvalue()


def test_the_task_runs_the_scan(world):
    from datetime import date

    from enplan.plans.tests.factories import InterventionFactory

    InterventionFactory(plan=world.plan, department=world.department, agreed_start=date(2020, 1, 1))
    result = send_reminders.call()
    assert result["sent"] == {"interventions_not_started": 1}


def test_send_reminders_runs_the_scan_in_process(world):
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Reminders sent: 0" in out.getvalue()
