"""The notices a user may still read. A notice names its plan, so once the user may no
longer see the plan (consent withdrawn, their part in the network ended), it leaves their
list; notices about no plan always stay."""

from django.db.models import Q

from enplan.core.models import Notification, User


def notifications_for(user: User):
    """The user's notices, without those about a plan they may no longer see."""
    from enplan.plans import access as plan_access

    known = plan_access.plans_known_to(user).values("pk")
    return Notification.objects.filter(user=user).filter(
        Q(plan_id__isnull=True) | Q(plan_id__in=known)
    )


def unread_count(user: User) -> int:
    """The header's count, on every page: the user's unread notices (few, by the user's
    index), then the access rule asked only about the plans they name, if any."""
    from enplan.plans import access as plan_access

    plan_ids = list(
        Notification.objects.filter(user=user, read_at__isnull=True).values_list(
            "plan_id", flat=True
        )
    )
    named = {plan_id for plan_id in plan_ids if plan_id is not None}
    known = (
        set(plan_access.plans_known_to(user).filter(pk__in=named).values_list("pk", flat=True))
        if named
        else set()
    )
    return sum(1 for plan_id in plan_ids if plan_id is None or plan_id in known)
