"""The evaluation on the coordinator's screen runs in a focused mode.

The coordinator turns the screen towards the citizen. While the screen is turned, the
session is the coordinator's, with every plan they may see one address away: so the
session remembers the meeting being evaluated, and every other staff page sends the
browser back to the evaluation until the coordinator re-enters their password.
"""

from django.contrib.auth import logout
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from enplan.core import audit
from enplan.core.models import AuditAction, User

FOCUSED_MEETING = "enplan_focused_evaluation"
WRONG_PASSWORDS = "enplan_focused_wrong_passwords"
# A person at the screen may guess; after this many wrong passwords the session ends, and
# the coordinator logs in again (throttled and with a second factor, like any login).
MAX_WRONG_PASSWORDS = 5


def focused_meeting_id(request: HttpRequest) -> int | None:
    return request.session.get(FOCUSED_MEETING) if hasattr(request, "session") else None


def enter(request: HttpRequest, meeting, *, user: User) -> None:
    if focused_meeting_id(request) == meeting.pk:
        return
    request.session[FOCUSED_MEETING] = meeting.pk
    request.session.pop(WRONG_PASSWORDS, None)
    # Entering and leaving are their own events, told apart by their paths, so the trail
    # shows how long the screen was turned towards the citizen.
    audit.record(
        user=user,
        action=AuditAction.VIEW,
        obj=meeting,
        plan=meeting.plan,
        path=reverse("meetings:evaluation", args=[meeting.pk]) + "?focused=1",
    )


def leave(request: HttpRequest, meeting, *, user: User) -> None:
    request.session.pop(FOCUSED_MEETING, None)
    request.session.pop(WRONG_PASSWORDS, None)
    audit.record(
        user=user,
        action=AuditAction.VIEW,
        obj=meeting,
        plan=meeting.plan,
        path=reverse("meetings:evaluation_leave", args=[meeting.pk]),
    )


def wrong_password(request: HttpRequest) -> bool:
    """Count a wrong password; True when the session has been ended for too many."""
    wrong = request.session.get(WRONG_PASSWORDS, 0) + 1
    if wrong >= MAX_WRONG_PASSWORDS:
        logout(request)
        return True
    request.session[WRONG_PASSWORDS] = wrong
    return False


class FocusedEvaluationMiddleware:
    """While a session is focused on an evaluation, only the evaluation, the page for
    leaving it, logging out and the session clock answer; everything else redirects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meeting_id = focused_meeting_id(request)
        if meeting_id is not None and request.user.is_authenticated:
            evaluation = reverse("meetings:evaluation", args=[meeting_id])
            allowed = {
                evaluation,
                reverse("meetings:evaluation_leave", args=[meeting_id]),
                reverse("logout"),
                reverse("session"),
            }
            if request.path not in allowed:
                return redirect(evaluation)
        return self.get_response(request)
