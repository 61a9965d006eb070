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
    """The header's count, on every page. The user's unread notices are counted per plan
    by the user's index; the plan rule is asked only about the plans they name, and not at
    all when none does (the common case of one query)."""
    from django.db.models import Count

    from enplan.plans import access as plan_access

    per_plan = dict(
        Notification.objects.filter(user=user, read_at__isnull=True)
        .order_by()
        .values_list("plan_id")
        .annotate(n=Count("pk"))
    )
    named = [plan_id for plan_id in per_plan if plan_id is not None]
    known = (
        set(plan_access.plans_known_to(user).filter(pk__in=named).values_list("pk", flat=True))
        if named
        else set()
    )
    return sum(n for plan_id, n in per_plan.items() if plan_id is None or plan_id in known)


def notifications_page(user: User, *, page_number, path: str, per_page: int = 30):
    """One page of Beskeder. A notice names the plan it is about (a family's name), so the
    page is audited as one listing when it shows any, as the caseload is."""
    from django.core.paginator import Paginator

    from enplan.core import audit

    page = Paginator(notifications_for(user), per_page).get_page(page_number)
    if page.object_list and user.municipality_id is not None:
        audit.record_listing(user=user, what="core.notifications", path=path)
    return page
