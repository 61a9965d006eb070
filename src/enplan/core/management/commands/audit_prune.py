from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from enplan.core import auditchain
from enplan.core.models import AuditChainHead, AuditEvent


class Command(BaseCommand):
    help = (
        "Remove audit events older than ENPLAN_AUDIT_RETENTION_DAYS, leaving a signed "
        "checkpoint so the rest of the trail still verifies; the pruning is itself audited."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be removed; remove nothing."
        )

    def handle(self, *args, **options):
        days = settings.ENPLAN_AUDIT_RETENTION_DAYS
        before = timezone.now() - timedelta(days=days)
        self.stdout.write(f"Keeping {days} days: removing events before {before:%d.%m.%Y}.")
        for municipality_id in AuditChainHead.objects.order_by("pk").values_list("pk", flat=True):
            if options["dry_run"]:
                old = AuditEvent.objects.filter(municipality_id=municipality_id, at__lt=before)
                self.stdout.write(f"Municipality {municipality_id}: {old.count()} events.")
                continue
            pruned = auditchain.prune(municipality_id, before=before)
            if pruned.checkpoint is not None:
                self.stdout.write(
                    f"Municipality {municipality_id}: {pruned.removed} events removed, "
                    f"checkpoint at event {pruned.checkpoint.seq}."
                )
