from django.core.management.base import BaseCommand

from enplan.api.models import DeliveryStatus, WebhookDelivery
from enplan.api.tasks import deliver_webhook


class Command(BaseCommand):
    help = "Put the webhook deliveries still waiting back on the task queue."

    def handle(self, *args, **options):
        pending = WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING)
        count = 0
        for delivery_id in pending.values_list("pk", flat=True):
            deliver_webhook.enqueue(delivery_id)
            count += 1
        self.stdout.write(f"{count} deliveries queued.")
