"""Delivering webhooks on the task queue, signed, with retries that back off."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from enplan.api.models import DeliveryStatus, WebhookDelivery

# 1, 2, 4, 8 … minutes after each failure, ten tries in all (about 17 hours).
MAX_ATTEMPTS = 10
TIMEOUT_SECONDS = 10
SIGNATURE_HEADER = "X-Enplan-Signature"


def backoff(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** (attempts - 1))


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>`: the timestamp is signed
    too, so an old delivery cannot be replayed as new."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _post(delivery: WebhookDelivery) -> tuple[int | None, str]:
    body = json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()
    request = urllib.request.Request(
        delivery.webhook.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Enplan-Webhooks/1",
            "X-Enplan-Event": delivery.event,
            "X-Enplan-Delivery": str(delivery.pk),
            SIGNATURE_HEADER: signature(delivery.webhook.secret, int(time.time()), body),
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(error)[:500]


@task()
def deliver_webhook(delivery_id: int) -> str:
    """One try at a delivery. A 2xx answer delivers it; anything else is tried again
    later, until MAX_ATTEMPTS, and then given up (the delivery log shows why)."""
    delivery = WebhookDelivery.objects.select_related("webhook").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return "skipped"
    status_code, error = _post(delivery)
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.last_error = error
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = timezone.now()
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
    delivery.save()
    if delivery.status == DeliveryStatus.PENDING:
        _retry_later(delivery)
    return delivery.status


def _retry_later(delivery: WebhookDelivery) -> None:
    backend = deliver_webhook.get_backend()
    if not backend.supports_defer:
        # A backend that runs tasks at once cannot wait: the delivery stays pending, and
        # `retry_webhooks` (or the admin's action) sends it again.
        return
    deliver_webhook.using(run_after=timezone.now() + backoff(delivery.attempts)).enqueue(
        delivery.pk
    )
