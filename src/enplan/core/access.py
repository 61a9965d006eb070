"""The primitives every app's access rules are built on: tenancy, roles, and the two
answers a refusal can give.

- 404 (`Http404`, in the `*_or_404` functions of each app): the object is not the user's
  to know about, so not even its existence is revealed. Used for everything outside a
  user's need-to-know: another municipality, a plan they are not on, a page of the other
  side (staff or citizen).
- 403 (`require`, and the `require_*` functions): the user may see the object, but this
  action on it is not theirs to take (a network professional handing over a plan).

Each app keeps the rules for its own objects in its own `access.py` (plans, meetings,
coordination, targeting, progress; organisation for who a user is as a professional).
Views, exports, commands and selectors ask those modules; nothing filters by hand.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from enplan.core.models import AnyUser, Role

T = TypeVar("T")


def scope_of(user: AnyUser) -> int:
    """The id of the municipality that scopes a user's queries. A visitor or a platform
    operator belongs to none: 0, which no row carries, so their queries find nothing."""
    return getattr(user, "municipality_id", None) or 0


def remembered(user: AnyUser, key: str, compute: Callable[[], T]) -> T:
    """What an access rule worked out about this user, kept on the user object for the
    rest of the request (the professional behind a login is needed on every page)."""
    memo = user.__dict__.setdefault("_enplan_access", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def same_municipality(user: AnyUser, obj) -> bool:
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and obj.municipality_id == user.municipality_id
    )


def check_same_municipality(owner, *objects) -> None:
    """The tenancy check of every write: refuse a choice (a department, a professional, a
    law) from another municipality than `owner`'s (the plan, the meeting, the user)."""
    for obj in objects:
        if obj is not None and obj.municipality_id != owner.municipality_id:
            raise ValidationError(_("That choice does not belong to this municipality."))


class Refused(PermissionDenied):
    """A 403 that says why in plain Danish and what the user may do instead (write in
    the log). The pages and the API show its message; a bare `PermissionDenied` (from
    Django or a library) keeps the general text."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require(allowed: bool) -> None:
    """For an action on something the user may already see: 403, not 404."""
    if not allowed:
        raise PermissionDenied


def is_system(user: AnyUser) -> bool:
    """A department's own system using the API: it sees what a professional of its
    department may see, on the department's behalf rather than as one person on a plan."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.role == Role.SYSTEM
        and user.municipality_id is not None
    )


def is_team_leader(user: AnyUser) -> bool:
    return bool(
        user.is_authenticated and user.role == Role.LEADER and user.municipality_id is not None
    )


def is_key_holder(user: AnyUser) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.municipality_id is not None
        and user.role == Role.KEY_HOLDER
    )


def sees_steering_figures(user: AnyUser) -> bool:
    """Team leaders follow progression, patterns and cost in aggregate (the steering
    group's monthly dialogue). They see figures across plans, never a single case."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.LEADER
        and user.municipality_id is not None
    )


def client_address(request) -> str:
    """The address of the client, as the nearest proxy saw it (ENPLAN_CLIENT_IP_HEADER),
    or the connection's. Used to count guesses and failed logins, never stored in clear."""
    header = settings.ENPLAN_CLIENT_IP_HEADER
    address = (request.META.get(header, "") if header else "") or request.META.get(
        "REMOTE_ADDR", ""
    )
    # A list (X-Forwarded-For) is appended to by each proxy: the last entry is the one the
    # nearest proxy saw, the ones before it are whatever the client sent.
    return address.split(",")[-1].strip()


def within_rate(key: str, *, limit: int, seconds: int) -> bool:
    """Count one more try under `key`; False once more than `limit` were made within the
    window of `seconds` (a fixed window, from the first try). Kept in the cache, so every
    app server counts together when the cache is shared (ENPLAN_CACHE_BACKEND)."""
    cache_key = f"enplan-rate:{key}"
    if cache.add(cache_key, 1, timeout=seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=seconds)
        return True
    return count <= limit
