from django.conf import settings

from enplan.core import sessions


def session_clock(request):
    """The idle-session limits for the page's warning (base.html, app.js)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "idle_seconds": sessions.idle_limit(user),
        "idle_warning_seconds": settings.ENPLAN_IDLE_WARNING_SECONDS,
    }
