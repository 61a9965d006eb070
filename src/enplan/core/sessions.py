"""Sessions end after a time without use (WCAG 2.2.1 gives the warning a minute before).

A staff user's session ends after ENPLAN_IDLE_SECONDS_STAFF without a request, a
citizen's after ENPLAN_IDLE_SECONDS_CITIZEN: a plan left open on a shared or library
computer is closed before the next person sits down. The page warns a minute before
(`app.js`) and lets the user stay; the server enforces the limit whatever the page does.

The time of the last request is kept in the session, written at most every
ENPLAN_IDLE_RECORD_EVERY seconds so that a page does not write the session each time;
the server adds that much slack, so it never ends a session before the page said it would.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.urls import reverse
from django.utils.translation import ngettext

from enplan.core.models import Role

LAST_ACTIVITY = "enplan_last_activity"


def idle_limit(user) -> int:
    if user.role == Role.CITIZEN:
        return settings.ENPLAN_IDLE_SECONDS_CITIZEN
    return settings.ENPLAN_IDLE_SECONDS_STAFF


def seconds_left(request) -> int:
    """How long the session has before it ends, by the page's reckoning."""
    last = request.session.get(LAST_ACTIVITY)
    if last is None:
        return idle_limit(request.user)
    return max(0, int(last + idle_limit(request.user) - time.time()))


def record_activity(request, *, force: bool = False) -> None:
    now = int(time.time())
    last = request.session.get(LAST_ACTIVITY)
    if force or last is None or now - last >= settings.ENPLAN_IDLE_RECORD_EVERY:
        request.session[LAST_ACTIVITY] = now


def on_login(sender, request, user, **kwargs) -> None:
    """The session starts its clock at the login (user_logged_in)."""
    if request is not None and hasattr(request, "session"):
        record_activity(request, force=True)


class IdleSessionMiddleware:
    """Ends a session that has not been used for its limit; counts every other request as
    use, except the page asking how long is left (it is not the user's doing)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            last = request.session.get(LAST_ACTIVITY)
            limit = idle_limit(user) + settings.ENPLAN_IDLE_RECORD_EVERY
            if last is not None and time.time() - last > limit:
                minutes = idle_limit(user) // 60
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were logged out after %(minutes)d minute without use.",
                        "You were logged out after %(minutes)d minutes without use.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
            elif not (request.method == "GET" and request.path == reverse("session")):
                record_activity(request)
        return self.get_response(request)
