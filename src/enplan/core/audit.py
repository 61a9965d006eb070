"""The one door for the audit trail: every read and write of a citizen's data passes here.

Services and selectors call `record`; views never write audit events themselves, so no
caller can forget.
"""

from collections.abc import Callable, Iterable
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from enplan.core import auditchain
from enplan.core.models import AuditAction, AuditEvent, MunicipalityOwned, Role, User


def role_label(user: User) -> str:
    return str(Role(user.role).label) if user.role in Role.values else user.role


@cache
def _describe_user() -> Callable:
    # Who a user is in the organisation (job title, department) is known to the apps above
    # core; the setting names the function, so the bottom layer imports none of them.
    return import_string(settings.ENPLAN_AUDIT_DESCRIBE_USER)


def _snapshot(user: User) -> tuple[str, str]:
    return _describe_user()(user)


def record(
    *,
    user: User | None,
    action: AuditAction,
    obj: MunicipalityOwned,
    plan=None,
    path: str = "",
    changed_fields: Iterable[str] = (),
    as_role: str = "",
) -> AuditEvent:
    """Write one audit event about `obj`, as seen or changed by `user`.

    `plan` is the plan the object belongs to (the plan itself for a plan), so that the
    citizen's own log can find every access to their plan.

    `user` is None when nobody is logged in (a citizen answering through a one-time link);
    `as_role` then says who it was.
    """
    role, organisation = _snapshot(user) if user is not None else (as_role, "")
    return auditchain.append(
        municipality_id=obj.municipality_id,
        user=user,
        actor_role=role,
        actor_organisation=organisation,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        plan_id=plan.pk if plan is not None else None,
        member_id=getattr(obj, "member_id", None),
        path=path[:500],
        changed_fields=sorted(changed_fields),
    )


def record_figures(*, user: User, action: AuditAction, what: str, path: str = "") -> AuditEvent:
    """A look at figures across plans, such as the steering dashboard and its exports.

    No plan and no citizen is named: the event says who looked at which figures, and the
    path holds the period and group chosen, so the use of aggregates is accounted for too.
    """
    return _record_across_plans(user=user, action=action, what=what, path=path)


def record_listing(*, user: User, what: str, path: str) -> AuditEvent:
    """A look at a list of plans, such as the caseload and its search by name.

    One event per page, not one per plan: the path holds the search, sort and page, so
    the municipality can tell who listed or searched for whom. A citizen's own log shows
    the opening of their plan, not that its title passed by in a caseworker's list.
    """
    return _record_across_plans(user=user, action=AuditAction.VIEW, what=what, path=path)


def _record_across_plans(*, user: User, action: AuditAction, what: str, path: str) -> AuditEvent:
    if user.municipality_id is None:
        # Lists and figures are of one municipality's plans, for its own people only.
        raise ValueError("A list or figures across plans is read within a municipality.")
    role, organisation = _snapshot(user)
    return auditchain.append(
        municipality_id=user.municipality_id,
        user=user,
        actor_role=role,
        actor_organisation=organisation,
        action=action,
        object_type=what,
        path=path[:500],
    )


# What a login event says; the object type of its audit event.
SIGN_IN_EVENTS = {
    "login": (AuditAction.CREATE, "session.login"),
    "logout": (AuditAction.DELETE, "session.logout"),
    "refused": (AuditAction.VIEW, "session.refused"),
}


def record_sign_in(
    *, municipality_id: int, user: User | None, event: str, how: str, path: str = ""
) -> AuditEvent:
    """A login, a logout or a refused login through an identity provider (`how` names it,
    e.g. "saml:furesoe-kombit"). A refused login may have no user; it still counts for the
    municipality, so that repeated refusals can be seen. No name or CPR number is written."""
    action, object_type = SIGN_IN_EVENTS[event]
    role, organisation = _snapshot(user) if user is not None else ("", "")
    # In the chain like every other event: a login outside it would make `audit_verify`
    # report the trail as tampered with after the first login through an identity provider.
    return auditchain.append(
        municipality_id=municipality_id,
        user=user,
        actor_role=role,
        actor_organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=how[:64],
        path=path[:500],
    )
