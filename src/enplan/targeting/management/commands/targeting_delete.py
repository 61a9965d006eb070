from django.core.management.base import BaseCommand

from enplan.targeting import services


class Command(BaseCommand):
    help = (
        "Delete the extracts and scores of closed screening rounds whose days are up; the "
        "counts remain. Run daily (e.g. from cron) as a safety net beside the task queue."
    )

    def handle(self, *args, **options):
        deleted = 0
        for screening_round in services.rounds_due_for_deletion():
            deleted += services.round_delete_data(screening_round=screening_round)
        self.stdout.write(f"Deleted the data of {deleted} round(s).")
