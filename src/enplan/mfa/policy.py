"""Who must show a second factor, and when a login still owes one.

The rule (docs/staff-login.md, "Totrinsbekræftelse"): administrators, platform operators
and the pseudonymisation key holder must have one; every other member of staff may add
one, and is then asked for it at every login. It is asked of every login except those
made through an identity provider that checks its own second factor (MitID, the
municipality's SSO: `ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS`); a login with a password,
or through any backend not named there, owes it.
"""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest

from enplan.core.models import AnyUser, Role

# Who holds the keys to the municipality's configuration or to re-identification.
REQUIRED_ROLES = (Role.ADMIN, Role.KEY_HOLDER)


def second_factor_required(user: AnyUser) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or user.role in REQUIRED_ROLES:
        return True
    # A municipality without single sign-on may require it of all its staff.
    return settings.ENPLAN_SECOND_FACTOR_FOR_ALL_STAFF and may_add_second_factor(user)


def login_owes_second_factor(request: HttpRequest) -> bool:
    """Whether this session's login was made without an identity provider that checks a
    second factor itself: a password, or any backend not known to do so."""
    backend = request.session.get(BACKEND_SESSION_KEY, "")
    return backend not in settings.ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS


def is_verified(user: AnyUser) -> bool:
    """Whether this session's user has shown a second factor (django-otp's middleware
    sets `is_verified` on the request's user)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def may_add_second_factor(user: AnyUser) -> bool:
    """Staff with a local login; a citizen's and a system's identity come from elsewhere."""
    return user.is_authenticated and user.role not in (Role.CITIZEN, Role.SYSTEM)
