"""An operator can follow the service, through logs, metrics and error reports, without
any of them holding a citizen's personal data."""

import gzip
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
import sentry_sdk

from enplan.core import observability
from enplan.reminders.tasks import send_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """What the configured console handler writes, as parsed JSON lines."""
    [handler] = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    buffer = StringIO()
    old = handler.setStream(buffer)
    request_logger = logging.getLogger("enplan.request")
    level = request_logger.level
    request_logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines() if line]
    request_logger.setLevel(level)
    handler.setStream(old)


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    # The load balancer's id is kept, so its log and ours can be matched.
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-4f2a9c31")["X-Request-ID"] == (
        "lb-4f2a9c31"
    )
    # Anything else is not copied into our logs.
    forged = client.get("/healthz", HTTP_X_REQUEST_ID='x" 010190-1234')["X-Request-ID"]
    assert "010190" not in forged
    assert len(forged) == 32


def test_each_request_is_one_json_line_with_its_id_and_route(client, world, log_lines):
    world.client_for(client, world.coordinator)
    response = client.get(f"/plans/{world.plan.pk}/")
    [line] = [line for line in log_lines() if line["logger"] == "enplan.request"]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["route"] == "plans/<int:pk>/"
    assert line["status"] == 200
    assert line["method"] == "GET"
    assert line["duration_ms"] > 0


def test_a_cpr_number_or_a_name_in_the_address_is_not_logged(client, world, log_lines):
    world.client_for(client, world.coordinator)
    client.get("/plans/", {"q": "Nørgaard Hansen", "cpr": "010190-1234"})
    client.get("/plans/0101901234/")  # not found: Django logs a warning with the path
    client.get("/ingen-side/Hansen-0101901234/")
    output = json.dumps(log_lines(), ensure_ascii=False)
    assert "Not Found" in output  # the warnings are there…
    for personal in ["Nørgaard", "N%C3%B8rgaard", "Hansen", "010190", "0101901234"]:
        assert personal not in output  # …without the person


def test_a_cpr_number_in_a_log_message_or_its_traceback_is_masked(log_lines):
    logging.getLogger("enplan.test").warning("Could not match %s", "0101901234")
    try:
        raise ValueError("No citizen 010190-1234")
    except ValueError:
        logging.getLogger("enplan.test").exception("Import failed")
    first, second = log_lines()
    assert first["message"] == "Could not match [cpr]"
    assert "No citizen [cpr]" in second["exc_info"]
    assert "010190" not in json.dumps(second)


def test_metrics_show_latency_per_view_and_the_task_queue(client):
    client.get("/healthz")
    send_reminders.enqueue()
    body = client.get("/metrics").content.decode()
    assert (
        'django_http_requests_latency_seconds_by_view_method_count{method="GET",view="healthz"}'
        in body
    )
    assert 'enplan_task_queue_depth{queue="default"} 1.0' in body
    assert 'enplan_tasks_failed{queue="default"} 0.0' in body


def test_metrics_are_hidden_from_other_addresses(client):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 404


def test_metrics_can_be_read_with_the_token_from_anywhere(client, settings):
    settings.ENPLAN_METRICS_TOKEN = "s3cret-scrape-token"
    settings.ENPLAN_METRICS_ALLOWED_IPS = []
    auth = {"REMOTE_ADDR": "10.1.2.3"}
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **auth).status_code == 404
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token", **auth)
    assert ok.status_code == 200


def test_sentry_stays_off_without_a_dsn():
    assert observability.init_sentry("") is False
    assert not sentry_sdk.get_client().is_active()


class _Collector(BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            import brotli

            body = brotli.decompress(body)
        self.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    _Collector.received = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, _Collector.received
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: off again
    server.shutdown()


@pytest.mark.urls("enplan.core.tests.urls_failing")
def test_an_error_is_reported_to_sentry_without_personal_data(world, sentry_server):
    from django.test import Client

    server, received = sentry_server
    port = server.server_address[1]
    assert observability.init_sentry(f"http://publickey@127.0.0.1:{port}/1")
    client = Client(raise_request_exception=False)
    world.client_for(client, world.coordinator)
    response = client.get("/fejl/", {"navn": "Nørgaard", "cpr": "0101901234"})
    assert response.status_code == 500
    sentry_sdk.flush(timeout=10)

    body = b"".join(received).decode()
    assert "RuntimeError" in body  # the error is reported…
    assert "Nothing found for [cpr]" in body
    for personal in [
        "Nørgaard",
        "N%C3%B8rgaard",
        "0101901234",
        "010190-1234",
        world.coordinator.user.username,
        "sessionid",
    ]:
        assert personal not in body  # …without the person
