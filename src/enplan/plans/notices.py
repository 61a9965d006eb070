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
    """The header's count, on every page. One query: PostgreSQL reads the user's unread
    notices by the user's index and runs the (index-driven) plan rule only when one of
    them names a plan."""
    return notifications_for(user).filter(read_at__isnull=True).count()


def notifications_page(user: User, *, page_number, path: str, per_page: int = 30):
    """One page of Beskeder. A notice names the plan it is about (a family's name), so the
    page is audited as one listing when it shows any, as the caseload is."""
    from django.core.paginator import Paginator

    from enplan.core import audit

    page = Paginator(notifications_for(user), per_page).get_page(page_number)
    if page.object_list and user.municipality_id is not None:
        audit.record_listing(user=user, what="core.notifications", path=path)
    return page
