"""A system hears of changes through its webhook: signed, retried, logged, and never about
what it may not see. The receiving end is a real HTTP server on this machine."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from enplan.api.models import DeliveryStatus, Event, Webhook, WebhookDelivery
from enplan.api.tasks import deliver_webhook
from enplan.api.tests.conftest import issue
from enplan.plans import services as plan_services
from enplan.plans.tests.factories import InterventionFactory, PlanMemberFactory

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it is sent and answers `status`."""

    def __init__(self):
        self.received = []
        self.status = 204
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((self.headers, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/enplan"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


@pytest.fixture
def webhook(world, receiver):
    system = issue(world).system
    return Webhook.objects.create(
        municipality=world.municipality,
        system=system,
        url=receiver.url,
        events=[e.value for e in Event],
    )


def verified(headers, body, secret) -> dict:
    """What a receiving system does: check the signature over the timestamp and the body."""
    parts = dict(part.split("=", 1) for part in headers["X-Enplan-Signature"].split(","))
    expected = hmac.new(
        secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256
    ).hexdigest()
    assert hmac.compare_digest(parts["v1"], expected)
    return json.loads(body)


def run_deliveries():
    for delivery in WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING):
        deliver_webhook.call(delivery.pk)


def test_an_effort_started_late_is_told_signed_to_the_departments_system(
    world, webhook, receiver, django_capture_on_commit_callbacks
):
    effort = InterventionFactory(
        plan=world.plan,
        department=world.department,
        agreed_start=timezone.localdate() - timezone.timedelta(days=10),
    )
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.intervention_update(
            user=world.coordinator.user,
            plan=world.plan,
            intervention=effort,
            version=effort.version,
            status="active",
            actual_start=timezone.localdate() - timezone.timedelta(days=3),
        )
    run_deliveries()
    bodies = {}
    for headers, body in receiver.received:
        payload = verified(headers, body, webhook.secret)
        bodies[headers["X-Enplan-Event"]] = payload
    assert bodies["intervention.started_late"] == {
        "event": "intervention.started_late",
        "occurred_at": bodies["intervention.started_late"]["occurred_at"],
        "plan_id": world.plan.pk,
        "intervention_id": effort.pk,
        "days_late": 7,
    }
    changed = bodies["plan.changed"]
    assert changed["object"] == {"type": "intervention", "id": effort.pk}
    assert changed["changed_fields"] == ["actual_start", "status"]
    assert "Indsats" not in json.dumps(changed)  # ids and field names, never the values
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_a_failed_delivery_is_retried_later_and_logged(
    world, webhook, receiver, django_capture_on_commit_callbacks
):
    receiver.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.plan_update(
            user=world.coordinator.user,
            plan=world.plan,
            version=world.plan.version,
            title="Ny",
            review_date=None,
        )
    delivery = WebhookDelivery.objects.get(event="plan.changed")
    deliver_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    receiver.status = 200
    deliver_webhook.call(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)


def test_a_system_is_not_told_about_a_member_it_may_not_see(
    world, webhook, receiver, django_capture_on_commit_callbacks
):
    sibling = PlanMemberFactory(plan=world.plan, role="child")
    effort = InterventionFactory(plan=world.plan, member=sibling, department=world.department)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.intervention_update(
            user=world.coordinator.user,
            plan=world.plan,
            intervention=effort,
            version=effort.version,
            title="Skjult",
        )
    assert not WebhookDelivery.objects.exists()


def test_a_system_of_another_department_is_not_told(
    world, receiver, django_capture_on_commit_callbacks
):
    other = issue(world, department=world.other_department, name="Nexus").system
    Webhook.objects.create(
        municipality=world.municipality, system=other, url=receiver.url, events=["plan.changed"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.plan_update(
            user=world.coordinator.user,
            plan=world.plan,
            version=world.plan.version,
            title="Ny",
            review_date=None,
        )
    assert not WebhookDelivery.objects.exists()


def test_a_withdrawn_consent_is_told_to_the_departments_it_covered(
    world, webhook, receiver, django_capture_on_commit_callbacks
):
    consent = world.plan.consents.get()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.consent_withdraw(
            user=world.coordinator.user,
            plan=world.plan,
            consent=consent,
            withdrawn_on=timezone.localdate(),
        )
    run_deliveries()
    told = {
        headers["X-Enplan-Event"]: verified(headers, body, webhook.secret)
        for headers, body in receiver.received
    }
    assert told["consent.withdrawn"]["consent_id"] == consent.pk
    assert told["consent.withdrawn"]["plan_id"] == world.plan.pk


def test_a_decision_at_a_meeting_is_told(
    world, webhook, receiver, django_capture_on_commit_callbacks
):
    from enplan.meetings.models import Decision, Meeting

    meeting = Meeting.objects.create(
        municipality=world.municipality,
        plan=world.plan,
        kind="network",
        starts_at=timezone.now(),
        created_by=world.coordinator.user,
    )
    with django_capture_on_commit_callbacks(execute=True):
        decision = Decision.objects.create(
            municipality=world.municipality,
            meeting=meeting,
            text="Praktik fra januar",
            effect="none",
            created_by=world.coordinator.user,
        )
    run_deliveries()
    told = {
        headers["X-Enplan-Event"]: verified(headers, body, webhook.secret)
        for headers, body in receiver.received
    }
    assert told["meeting.decided"]["decision_id"] == decision.pk
    assert "Praktik" not in json.dumps(told["meeting.decided"])
