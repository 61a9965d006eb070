from django.core.management.base import BaseCommand

from enplan.plans import services


class Command(BaseCommand):
    help = (
        "Delete the plans annulled as created by mistake once the audit period "
        "(ENPLAN_ANNULLED_PLAN_KEEP_DAYS) has passed. Run daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        deleted, kept = services.annulled_plans_delete()
        self.stdout.write(f"Deleted {deleted} annulled plan(s).")
        if kept:
            self.stdout.write(
                f"Kept {kept} annulled plan(s) that a coordination round still refers to."
            )
