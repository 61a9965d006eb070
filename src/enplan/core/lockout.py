"""How django-axes guards the password logins (the staff login and the administration's).

Five wrong passwords for one username from one address lock that pair out for a
quarter of an hour (settings AXES_*); a colleague at the next desk, or the real user
from another address, can still log in. An administrator unlocks a user in the
administration (Axes: access attempts, delete) or with `manage.py axes_reset_username`.

Logins without a password (MitID, single sign-on) are guarded by their identity
provider and are never counted here: a citizen's failed MitID login must not lock
everyone behind a library's address out of theirs.
"""

from django.conf import settings
from django.shortcuts import render


def is_not_a_password_login(request, credentials=None) -> bool:
    """Axes' whitelist: a login that carries no password is not axes' to count."""
    return credentials is not None and "password" not in credentials


def client_description(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes in the log about a client: the path only, as no name or address
    of a person goes in the logs."""
    return f"{{path_info: {path_info!r}}}"


def lockout_page(request, original_response=None, credentials=None):
    """The Danish page a locked-out login gets, saying for how long (429)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "core/locked_out.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
