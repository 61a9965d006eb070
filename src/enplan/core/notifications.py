"""In-app notifications, and the e-mail that tells the user one is waiting.

The e-mail never carries the notice itself: e-mail is not a safe channel for a citizen's
name or situation, so it only says that something is waiting in Én plan.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from enplan.core.models import Notification, User

logger = logging.getLogger(__name__)

# A notice whose e-mail failed is announced on a later run, but not after this long: after
# a long outage of the mail server, a backlog of announcements of old notices would flood
# the inbox and tell nothing the user has not found in Én plan meanwhile.
EMAIL_RETRY_DAYS = 7


def notify(*, user: User, key: str, text: str, url: str = "", plan=None, email: bool = True):
    """Create the notice unless this user already has one with this key, and announce it
    by e-mail. A failing mail server does not stop the notice: its e-mail is sent later,
    by `email_unannounced`.

    Returns the new notification, or None when it was sent before (at most once).
    """
    if user.municipality_id is None:
        # A notice is about the municipality's work; platform operators get none.
        return None
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
                email_wanted=email and bool(user.email),
            )
    except IntegrityError:  # a concurrent worker created it first
        return None
    if notification.email_wanted:
        _announce(user, [notification])
    return notification


def _announce(user: User, notices: list[Notification]) -> bool:
    """One e-mail telling the user that the notices are waiting, unless they have been
    announced already. False when it could not be sent; the notices then stay unannounced,
    for the next try."""
    now = timezone.now()
    ids = [n.pk for n in notices]
    # Claimed before sending, so that two runs at once never both send it; a crash between
    # claiming and sending leaves one e-mail unsent rather than any sent twice.
    if not Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now):
        return True
    try:
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
    # Whatever the mail backend raises (refused address, server down, time-out), the notice
    # is saved and the rest of the caller's work must go on.
    except Exception as error:
        Notification.objects.filter(pk__in=ids, emailed_at=now).update(emailed_at=None)
        # Only the kind of error: its text often holds the recipient's address.
        logger.warning(
            "E-mail announcing notification(s) %s failed (%s); it is tried again later.",
            ids,
            type(error).__name__,
        )
        return False
    for notice in notices:
        notice.emailed_at = now
    return True


@dataclass
class Announced:
    sent: int = 0
    failed: int = 0


def email_unannounced() -> Announced:
    """Send the e-mails that failed before: one per user for all their notices still
    unannounced and unread (read ones need no announcing). Run with the reminders."""
    pending = (
        Notification.objects.filter(
            email_wanted=True,
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=timezone.now() - timedelta(days=EMAIL_RETRY_DAYS),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "id")
    )
    result = Announced()
    for _user_id, group in groupby(pending, key=lambda n: n.user_id):
        notices = list(group)
        if _announce(notices[0].user, notices):
            result.sent += 1
        else:
            result.failed += 1
    return result


def mark_read(*, user: User, notification_ids=None) -> int:
    notices = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        notices = notices.filter(pk__in=notification_ids)
    return notices.update(read_at=timezone.now())
