"""What an operator sees of the running service: JSON logs with a request id, Prometheus
metrics, and error reports to Sentry (docs/operations.md).

None of it may carry personal data. A URL can hold a CPR number or a name (a search, a
one-time link), so the logs name the view's route ("plans/<int:pk>/"), never the path or
its query; anything that still looks like a CPR number is masked; and Sentry is sent no
request bodies, cookies, headers, user names or local variables.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

request_id: ContextVar[str] = ContextVar("request_id", default="")
access_log = logging.getLogger("enplan.request")

# A request id from the load balancer is kept if it is a plain token; anything else (too
# long, or text that could smuggle data into the logs) is replaced by one of our own.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
# Ten digits, with or without the dash, not inside a longer number.
CPR_LIKE = re.compile(r"(?<!\d)\d{6}-?\d{4}(?!\d)")


def route_of(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.route if match is not None else "(unresolved)"


class RequestIdMiddleware:
    """Gives every request an id (the caller's X-Request-ID, or a new one), puts it on
    every log line written while the request runs, and answers with it, so a user's
    report, the proxy's log and ours can be matched. Also writes one log line per
    request: method, route, status and time, nothing about who or whom."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = rid
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            access_log.info(
                "request",
                extra={
                    "method": request.method,
                    "route": route_of(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class PersonalDataFilter(logging.Filter):
    """The last guard before a line is written: Django's request loggers put the path
    (and the request object, whose text is the path with its query) on the record; they
    are replaced by the route, and CPR-like numbers in the message are masked."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None:
            record.route = route_of(request)
            del record.request
            if record.name in {"django.request", "django.security.csrf"} and record.args:
                record.args = tuple(
                    record.route if arg == getattr(request, "path", None) else arg
                    for arg in record.args
                )
        if record.name == "django.server":
            # runserver's own line is the request line with the full URL.
            record.msg, record.args = "%s", (_request_line_without_url(record),)
        if record.exc_info:
            # The traceback's last line is the error's message, which can name anyone.
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text, record.exc_info = CPR_LIKE.sub("[cpr]", text), None
        message = record.getMessage()
        masked = CPR_LIKE.sub("[cpr]", message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


def _request_line_without_url(record) -> str:
    status = getattr(record, "status_code", "")
    return f"runserver request, status {status}"


# Sentry -----------------------------------------------------------------------------------

_SCRUBBED_REQUEST_KEYS = ("cookies", "data", "headers", "query_string", "env")


def scrub_event(event, hint):
    """Sentry's `before_send`: what leaves the server is the error, its stack and the
    route, never who was logged in or what was asked for."""
    request = event.get("request")
    if request:
        for key in _SCRUBBED_REQUEST_KEYS:
            request.pop(key, None)
        if "url" in request:
            request["url"] = CPR_LIKE.sub("[cpr]", request["url"].split("?", 1)[0])
    event.pop("user", None)
    event.pop("breadcrumbs", None)
    for exception in (event.get("exception") or {}).get("values", []):
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
    return _masked(event)


def _masked(value):
    """Every string in the event, with CPR-like numbers masked (an error's message, a line
    of source shown around the failing line)."""
    if isinstance(value, str):
        return CPR_LIKE.sub("[cpr]", value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_masked(item) for item in value]
    return value


def init_sentry(dsn: str, *, environment: str = "", release: str = "") -> bool:
    """Error reports to Sentry, only when a DSN is configured."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        traces_sample_rate=0.0,
    )
    return True


# Prometheus -------------------------------------------------------------------------------


class TaskQueueCollector:
    """Gauges read from the task queue's table at each scrape: tasks waiting per queue, and
    failed tasks still on record (`enplan_tasks_failed`)."""

    def collect(self):
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
        from prometheus_client.core import GaugeMetricFamily

        waiting = GaugeMetricFamily(
            "enplan_task_queue_depth", "Tasks waiting to run.", labels=["queue"]
        )
        failed = GaugeMetricFamily(
            "enplan_tasks_failed", "Failed tasks on record.", labels=["queue"]
        )
        try:
            rows = (
                DBTaskResult.objects.filter(
                    status__in=[TaskResultStatus.READY, TaskResultStatus.FAILED]
                )
                .values_list("queue_name", "status")
                .order_by()
            )
            counts: dict[tuple[str, str], int] = {}
            for queue, status in rows.iterator():
                counts[(queue, status)] = counts.get((queue, status), 0) + 1
        except Exception:
            logging.getLogger(__name__).warning("task queue metrics unavailable")
            return
        queues = set(settings.TASKS["default"].get("QUEUES", ["default"]))
        queues |= {queue for queue, _ in counts}
        for queue in sorted(queues):
            waiting.add_metric([queue], counts.get((queue, TaskResultStatus.READY), 0))
            failed.add_metric([queue], counts.get((queue, TaskResultStatus.FAILED), 0))
        yield waiting
        yield failed


_collector = TaskQueueCollector()


def _registry():
    import os

    from prometheus_client import REGISTRY, CollectorRegistry, multiprocess

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Several worker processes (gunicorn): add up what each wrote to the folder.
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(_collector)
        return registry
    if _collector not in REGISTRY._collector_to_names:
        REGISTRY.register(_collector)
    return REGISTRY


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def metrics_allowed(request) -> bool:
    token = settings.ENPLAN_METRICS_TOKEN
    if token:
        import hmac

        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if given and hmac.compare_digest(given, token):
            return True
    return _client_ip(request) in settings.ENPLAN_METRICS_ALLOWED_IPS


@login_not_required
@never_cache
@require_GET
def metrics(request):
    """Prometheus' scrape endpoint, for the monitoring server only: from an allowed
    address, or with the bearer token. Anyone else is told there is nothing here."""
    if not metrics_allowed(request):
        raise Http404
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
