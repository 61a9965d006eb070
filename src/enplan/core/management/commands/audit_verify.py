from django.core.management.base import BaseCommand, CommandError

from enplan.core import auditchain
from enplan.core.models import AuditChainHead, AuditEvent, Municipality


class Command(BaseCommand):
    help = (
        "Prove that no audit event was changed, removed or inserted: walk each "
        "municipality's hash chain and report the first broken link."
    )

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="Only this municipality (its code).")
        parser.add_argument(
            "--jobs",
            type=int,
            default=1,
            help="Walk each long chain in this many processes at once (PostgreSQL).",
        )

    def handle(self, *args, **options):
        if options["jobs"] < 1:
            raise CommandError("--jobs must be 1 or more.")
        municipalities = Municipality.objects.order_by("code")
        if options["municipality"]:
            municipalities = municipalities.filter(code=options["municipality"])
            if not municipalities.exists():
                raise CommandError(f"No municipality with code {options['municipality']}.")
        ids = set(municipalities.values_list("pk", flat=True))
        if not options["municipality"]:
            # A trail whose municipality row is gone is still checked.
            ids |= set(AuditChainHead.objects.values_list("pk", flat=True))
            ids |= set(AuditEvent.objects.values_list("municipality_id", flat=True).distinct())
        codes = dict(Municipality.objects.values_list("pk", "code"))
        broken = 0
        for municipality_id in sorted(ids):
            verdict = auditchain.verify(municipality_id, jobs=options["jobs"])
            name = codes.get(municipality_id, f"id {municipality_id}")
            if verdict.ok:
                self.stdout.write(
                    f"{name}: {verdict.checked} events verified, "
                    f"head {verdict.last_seq} {verdict.last_hash}"
                )
            else:
                broken += 1
                self.stderr.write(
                    f"{name}: BROKEN after event {verdict.last_seq}: {verdict.problem}"
                )
        if broken:
            raise CommandError(f"The audit trail of {broken} municipalities is broken.")
        self.stdout.write(self.style.SUCCESS("The audit trail is intact."))
