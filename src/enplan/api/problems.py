"""Errors as RFC 9457 problem details (`application/problem+json`), in the caller's language.

A refusal never says more than the caller may know: 404 for anything outside its
need-to-know, 403 for an action on something it may see but not change. Bad input is 422
with the fields and their messages; a changed record is 412 with what changed, as the
forms show it.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from enplan.api.etags import MalformedIfMatch, PreconditionRequired, etag_for_version
from enplan.core import access as core_access
from enplan.core.concurrency import EditConflict

PROBLEM_JSON = "application/problem+json"


def problem(request, status: int, title: str, detail: str = "", kind: str = "", **extra):
    body = {
        "type": f"urn:enplan:problem:{kind}" if kind else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return JsonResponse(body, status=status, content_type=PROBLEM_JSON)


def _field_of(location) -> str:
    # Ninja names a body field ("body", "payload", "title"): the field is the last name.
    names = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(names) or "__all__"


def validation_failed(request, exc: NinjaValidationError):
    errors = [
        {"field": _field_of(error.get("loc", ())), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return problem(
        request,
        422,
        _("The request was not valid."),
        _("Correct the fields named and send it again."),
        kind="validation",
        errors=errors,
    )


def refused_by_rule(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "__all__", "message": message} for message in exc.messages]
    return problem(
        request,
        422,
        _("The request was not valid."),
        " ".join(e["message"] for e in errors),
        kind="validation",
        errors=errors,
    )


def edit_conflict(request, exc: EditConflict):
    return problem(
        request,
        412,
        _("Someone else changed this in the meantime."),
        _("Nothing was saved. Read the record again, and send your change with its new ETag."),
        kind="edit-conflict",
        changes=[
            {"field": change.label, "before": change.before, "after": change.after}
            for change in exc.changes
        ],
        changed_by=exc.changed_by,
        current_etag=etag_for_version(exc.current_version),
    )


def precondition_required(request, exc):
    return problem(
        request,
        428,
        _("Send the record's ETag in If-Match."),
        _("A change is saved only against the version it was based on."),
        kind="if-match-required",
    )


def malformed_if_match(request, exc):
    return problem(
        request,
        400,
        _("If-Match is not an ETag of this record."),
        _('Send the ETag exactly as the API gave it, e.g. "v3".'),
        kind="bad-if-match",
    )


def not_found(request, exc):
    return problem(request, 404, _("Not found."), kind="not-found")


def forbidden(request, exc):
    # A rule of the write policy says why it refuses (`plans.access`); the bare refusal
    # of a scope or a department keeps the general explanation.
    detail = exc.message if isinstance(exc, core_access.Refused) else ""
    return problem(
        request,
        403,
        _("This is not yours to change."),
        detail or _("The system may read this, but not make this change (scope or department)."),
        kind="forbidden",
    )


def unauthenticated(request, exc):
    response = problem(
        request,
        401,
        _("A valid access token is needed."),
        _("Get a token from /api/oauth/token/ with the system's client credentials."),
        kind="unauthenticated",
    )
    response["WWW-Authenticate"] = 'Bearer realm="enplan"'
    return response


def throttled(request, exc: Throttled):
    response = problem(
        request,
        429,
        _("Too many requests."),
        _("The system's rate limit is reached; try again shortly."),
        kind="rate-limited",
    )
    wait = getattr(exc, "wait", None)
    if wait is not None:
        response["Retry-After"] = str(int(wait) + 1)
    return response


def http_error(request, exc: HttpError):
    if exc.status_code == 400:
        return problem(
            request, 400, _("The request could not be read."), str(exc), kind="bad-request"
        )
    return problem(request, exc.status_code, str(exc))


def server_error(request, exc) -> HttpResponse:
    # Never a bare 500 page to a system: the error is logged by Django and answered
    # in the same format as every other.
    import logging

    logging.getLogger("enplan.api").exception("API error", exc_info=exc)
    return problem(request, 500, _("Something went wrong on our side."), kind="server-error")


def install(api) -> None:
    api.add_exception_handler(NinjaValidationError, validation_failed)
    api.add_exception_handler(DjangoValidationError, refused_by_rule)
    api.add_exception_handler(EditConflict, edit_conflict)
    api.add_exception_handler(PreconditionRequired, precondition_required)
    api.add_exception_handler(MalformedIfMatch, malformed_if_match)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Exception, server_error)
