from django.core.management.base import BaseCommand

from enplan.reminders.services import send_due_reminders


class Command(BaseCommand):
    help = "Send the reminders that are due now (each at most once), in this process."

    def handle(self, *args, **options):
        result = send_due_reminders()
        sent = sum(result.sent.values())
        self.stdout.write(
            f"Reminders sent: {sent} {dict(result.sent)}; already sent before: "
            f"{result.already_sent}; skipped (recipient may not see the plan): "
            f"{result.not_visible}; e-mails failed: {result.emails_failed}, "
            f"sent after failing before: {result.emails_retried}"
        )
