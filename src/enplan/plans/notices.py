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
    return notifications_for(user).filter(read_at__isnull=True).count()
