import time

from django.core.management.base import BaseCommand

from enplan.core.models import Municipality
from enplan.progress import kept


class Command(BaseCommand):
    help = (
        "Compute and keep the steering figures a steering group usually looks at, for "
        "every municipality and group of plans. Run it each night from cron or a systemd "
        "timer, just after ENPLAN_STEERING_REFRESH_HOUR."
    )

    def handle(self, *args, **options):
        for municipality in Municipality.objects.order_by("pk"):
            started = time.monotonic()
            count = kept.keep_for_municipality(municipality)
            self.stdout.write(
                f"{municipality}: {count} sets of figures kept "
                f"in {time.monotonic() - started:.1f} s."
            )
