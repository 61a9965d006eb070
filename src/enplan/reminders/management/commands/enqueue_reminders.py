import time

from django.conf import settings
from django.core.management.base import BaseCommand

from enplan.reminders.tasks import send_reminders


def scan_is_waiting() -> bool:
    """Whether a reminder scan is already queued and not yet picked up by a worker."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().filter(task_path=send_reminders.module_path).exists()


class Command(BaseCommand):
    help = (
        "Put the reminder scan on the task queue for the worker (db_worker). Run it from "
        "cron or a systemd timer, or with --every to keep scheduling it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and enqueue the scan every SECONDS (for development).",
        )

    def handle(self, *args, every=0, **options):
        while True:
            # A scan still waiting covers this one too: a stopped worker must not come
            # back to a pile of identical scans.
            if scan_is_waiting():
                self.stdout.write("A reminder scan is already waiting for the worker.")
            else:
                result = send_reminders.enqueue()
                self.stdout.write(f"Reminder scan enqueued ({result.id}).")
            if every <= 0:
                return
            time.sleep(every)
