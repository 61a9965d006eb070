from django.core.management.base import BaseCommand

from enplan.core.notifications import send_digests


class Command(BaseCommand):
    help = (
        "Send today's summary e-mail of waiting notices to the users who chose one, in this "
        "process. Each user gets at most one a day; the hourly reminder scan sends them too."
    )

    def handle(self, *args, **options):
        result = send_digests()
        self.stdout.write(f"Daily summaries sent: {result.sent}; failed: {result.failed}")
