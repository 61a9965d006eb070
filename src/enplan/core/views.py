from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from enplan.core import access as core_access
from enplan.core import notifications, sessions
from enplan.core.dates import BadQuery
from enplan.core.models import NoticeChannel, Role


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: no login, no personal data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def home(request):
    """Each role starts where their work is."""
    role = request.user.role
    if role == Role.CITIZEN:
        return redirect("citizen:home")
    if role == Role.LEADER:
        return redirect("progress:dashboard")
    if role == Role.KEY_HOLDER:
        return redirect("targeting:index")
    if role == Role.ADMIN and request.user.is_staff:
        return redirect("admin:index")
    return redirect("plans:caseload")


# The error pages. Each is a plain Danish page in the product's layout with a way back,
# never Django's bare English one; none says more about the failure than the user needs.
# They are also the answer to a citizen or a professional who follows an old link.


def _error_page(request, status: int, title: str, message: str, detail: str | None = None):
    context = {"title": title, "message": message, "detail": detail}
    return render(request, "core/error.html", context, status=status)


@login_not_required
def bad_request(request, exception=None):
    # Only the messages Én plan wrote itself are shown (a date out of range, say);
    # Django's own (a suspicious header, a broken upload) are technical and say nothing
    # to a user.
    detail = exception.message if isinstance(exception, BadQuery) else None
    return _error_page(
        request,
        400,
        _("The page could not understand the request"),
        _(
            "Something in the address or the form was not as expected. "
            "Start again from the front page."
        ),
        detail,
    )


def permission_denied(request, exception=None):
    # A rule of the write policy says why it refuses and what to do instead (write in the
    # log); a bare refusal keeps the general text.
    reason = exception.message if isinstance(exception, core_access.Refused) else ""
    return _error_page(
        request,
        403,
        _("You do not have access to this page"),
        reason
        or _(
            "Your role does not give access to this page. "
            "Ask your coordinator or team leader if you think you should have it."
        ),
    )


def page_not_found(request, exception=None):
    return _error_page(
        request,
        404,
        _("The page was not found"),
        _(
            "The page does not exist, or it is not one you may see. "
            "Check the address, or go to the front page."
        ),
    )


def csrf_failure(request, reason=""):
    return _error_page(
        request,
        403,
        _("The form had expired"),
        _(
            "The page was open for too long, or your browser does not allow cookies. "
            "Go back, reload the page and try again."
        ),
    )


def server_error(request):
    # Rendered without the request's context: the error may come from the database or a
    # context processor, which must not be asked again while showing it.
    html = render_to_string(
        "core/error.html",
        {
            "title": _("Something went wrong"),
            "message": _(
                "Én plan could not show the page. The error has been logged; try again in a moment."
            ),
        },
    )
    return HttpResponseServerError(html)


@never_cache
@require_http_methods(["GET", "POST"])
def session(request):
    """The idle-session clock, for the page's warning (`app.js`). GET says how long is
    left without counting as use (another tab may have been used meanwhile); POST is
    "Stay logged in" and starts the clock again. Reads and writes nothing personal, so it
    is not audited; anonymous visitors are sent to the login like everywhere else."""
    if request.method == "POST":
        sessions.record_activity(request, force=True)
    return JsonResponse({"seconds_left": sessions.seconds_left(request)})


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """The user chooses, per kind of notice, how to be told: only in Én plan, by an e-mail
    each time (saying only that something is waiting), or in one summary e-mail a day."""
    user = request.user
    if user.municipality_id is None:
        # Platform operators get no notices, so there is nothing to choose.
        raise Http404
    kinds = notifications.kinds_for(user)
    current = notifications.preferences_for(user)
    errors: list[str] = []
    if request.method == "POST":
        chosen = {kind.value: request.POST.get(f"kind-{kind.value}", "") for kind in kinds}
        missing = [kind.label for kind in kinds if chosen[kind.value] not in NoticeChannel.values]
        if missing:
            errors = [
                _("Choose how you want to be told about: %(kind)s.") % {"kind": label}
                for label in missing
            ]
            current.update({k: v for k, v in chosen.items() if v in NoticeChannel.values})
        else:
            notifications.preferences_update(user=user, channels=chosen)
            messages.success(request, _("Your choices for notices have been saved."))
            return redirect("notification_settings")
    rows = [
        {"kind": kind, "field": f"kind-{kind.value}", "channel": current[kind.value]}
        for kind in kinds
    ]
    return render(
        request,
        "core/notification_settings.html",
        {
            "rows": rows,
            "channels": NoticeChannel.choices,
            "errors": errors,
            "has_email": bool(user.email),
        },
        status=400 if errors else 200,
    )
