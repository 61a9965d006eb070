"""In-app notifications, and the e-mail that tells the user one is waiting.

The e-mail never carries the notice itself: e-mail is not a safe channel for a citizen's
name or situation, so it only says that something is waiting in Én plan.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from enplan.core.models import Notification


def notify(*, user, key: str, text: str, url: str = "", plan=None, email: bool = True):
    """Create the notice unless this user already has one with this key.

    Returns the new notification, or None when it was sent before (at most once).
    """
    if Notification.objects.filter(user=user, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                municipality_id=user.municipality_id,
                user=user,
                key=key[:200],
                text=text[:500],
                url=url,
                plan_id=plan.pk if plan is not None else None,
            )
    except IntegrityError:  # a concurrent worker created it first
        return None
    if email and user.email:
        with override(settings.LANGUAGE_CODE):
            send_mail(
                subject=_("You have a new notice in Én plan"),
                message=_(
                    "You have a new notice in Én plan. Log in to read it:\n\n%(url)s\n\n"
                    "For the citizen's privacy, this e-mail does not say what it is about."
                )
                % {"url": f"{settings.ENPLAN_BASE_URL}/notifications/"},
                from_email=None,
                recipient_list=[user.email],
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return notification


def notifications_for(user):
    """The user's notices, without those about a plan they may no longer see."""
    from enplan.core import policy

    known = policy.plans_known_to(user).values("pk")
    return Notification.objects.filter(user=user).filter(
        Q(plan_id__isnull=True) | Q(plan_id__in=known)
    )


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


def mark_read(*, user, notification_ids=None) -> int:
    notices = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        notices = notices.filter(pk__in=notification_ids)
    return notices.update(read_at=timezone.now())
