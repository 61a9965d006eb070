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
from django.db.models import Count, F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from enplan.core.models import (
    NOTICE_KINDS_FOR_ROLE,
    NOTICE_KINDS_FOR_STAFF,
    NoticeChannel,
    NoticeDigest,
    NoticeKind,
    NoticePreference,
    Notification,
    User,
)

logger = logging.getLogger(__name__)

# A notice whose e-mail failed is announced on a later run, but not after this long: after
# a long outage of the mail server, a backlog of announcements of old notices would flood
# the inbox and tell nothing the user has not found in Én plan meanwhile.
EMAIL_RETRY_DAYS = 7


def notify(
    *,
    user: User,
    key: str,
    text: str,
    url: str = "",
    plan=None,
    email: bool = True,
    kind: str = NoticeKind.OTHER,
    fold_key: str = "",
):
    """Create the notice unless this user already has one with this key, and announce it
    by e-mail if the user wants that for this kind. A failing mail server does not stop the
    notice: its e-mail is sent later, by `email_unannounced`.

    With a `fold_key`, a notice about the same subject that the user has not read yet takes
    this one in: its count goes up, its text and link become this one's, and no new e-mail
    is sent (the first one already said that something is waiting).

    Returns the new or folded notification, or None when it was sent before (at most once).
    """
    if user.municipality_id is None:
        # A notice is about the municipality's work; platform operators get none.
        return None
    if Notification.objects.filter(user=user, key=key).exists():
        return None
    if fold_key:
        folded = _fold(user, fold_key[:200], text=text[:500], url=url)
        if folded is not None:
            return folded
    email_wanted = email and bool(user.email) and channel_for(user, kind) == NoticeChannel.EMAIL
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                municipality_id=user.municipality_id,
                user=user,
                key=key[:200],
                kind=kind,
                fold_key=fold_key[:200],
                text=text[:500],
                url=url,
                plan_id=plan.pk if plan is not None else None,
                email_wanted=email_wanted,
            )
    except IntegrityError:
        # A concurrent worker created it first: the same key, or a new unread notice about
        # the same subject, into which this one folds.
        return _fold(user, fold_key[:200], text=text[:500], url=url) if fold_key else None
    if notification.email_wanted:
        _announce(user, [notification])
    return notification


def _fold(user: User, fold_key: str, *, text: str, url: str) -> Notification | None:
    """Raise the count of the user's unread notice about this subject, in the database
    (F()), so that notices folded at the same moment are all counted."""
    now = timezone.now()
    unread = Notification.objects.filter(user=user, fold_key=fold_key, read_at__isnull=True)
    if not unread.update(count=F("count") + 1, latest_at=now, text=text, url=url):
        return None
    return unread.first()


def channel_for(user: User, kind: str) -> str:
    """How the user wants to be told about notices of this kind; by e-mail unless chosen."""
    chosen = (
        NoticePreference.objects.filter(user=user, kind=kind).values_list("channel", flat=True)
    ).first()
    return chosen or NoticeChannel.EMAIL


def kinds_for(user: User) -> list[NoticeKind]:
    return NOTICE_KINDS_FOR_ROLE.get(user.role, NOTICE_KINDS_FOR_STAFF)


def preferences_for(user: User) -> dict[str, str]:
    """The user's channel for each kind they can receive, the default filled in."""
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "channel"))
    return {kind.value: chosen.get(kind.value, NoticeChannel.EMAIL) for kind in kinds_for(user)}


@transaction.atomic
def preferences_update(*, user: User, channels: dict[str, str]) -> None:
    """Save the user's choices; a kind the user cannot receive or an unknown channel is
    refused whole, so nothing is saved from a half-valid form."""
    if user.municipality_id is None:
        raise ValueError("Platform operators get no notices.")
    allowed = {kind.value for kind in kinds_for(user)}
    if not set(channels) <= allowed or not set(channels.values()) <= set(NoticeChannel.values):
        raise ValueError("Unknown kind of notice or channel.")
    for kind, channel in channels.items():
        NoticePreference.objects.update_or_create(
            user=user,
            kind=kind,
            defaults={"channel": channel, "municipality_id": user.municipality_id},
        )


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


def send_digests(now=None) -> Announced:
    """The daily summary for every user who chose it for some kind of notice: how many
    notices of which kinds are waiting unread, never what they say. Sent once a local day,
    from the hour `ENPLAN_DIGEST_HOUR`, and only when something came since the last one.
    Run with the reminders (hourly); safe to run any number of times."""
    now = now or timezone.now()
    result = Announced()
    if timezone.localtime(now).hour < settings.ENPLAN_DIGEST_HOUR:
        return result
    today = timezone.localdate(now)
    wanted = (
        NoticePreference.objects.filter(
            channel=NoticeChannel.DIGEST, user__is_active=True, user__municipality__isnull=False
        )
        .exclude(user__email="")
        .exclude(user__in=NoticeDigest.objects.filter(day=today).values("user_id"))
        .select_related("user")
        .order_by("user_id")
    )
    for _user_id, group in groupby(wanted, key=lambda p: p.user_id):
        preferences = list(group)
        sent = _send_digest(preferences[0].user, [p.kind for p in preferences], today, now)
        if sent is True:
            result.sent += 1
        elif sent is False:
            result.failed += 1
    return result


def _send_digest(user: User, kinds: list[str], today, now) -> bool | None:
    """True when sent, False when the mail server failed (tried again on the next run),
    None when there was nothing new to tell."""
    last = NoticeDigest.objects.filter(user=user).order_by("-day").values_list("sent_at", flat=True)
    since = last.first()
    unread = Notification.objects.filter(user=user, kind__in=kinds, read_at__isnull=True)
    if since is not None and not unread.filter(latest_at__gt=since).exists():
        return None
    waiting = dict(
        unread.order_by().values("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    if not waiting:
        return None
    try:
        with transaction.atomic():
            claim = NoticeDigest.objects.create(user=user, day=today, sent_at=now)
    except IntegrityError:  # another run sends it
        return None
    labels = dict(NoticeKind.choices)
    try:
        with override(settings.LANGUAGE_CODE):
            lines = "\n".join(
                f"- {labels[kind]}: {waiting[kind]}"
                for kind in NoticeKind.values
                if kind in waiting
            )
            send_mail(
                subject=_("Today's summary from Én plan"),
                message=_(
                    "Notices are waiting for you in Én plan:\n\n%(lines)s\n\n"
                    "Log in to read them:\n\n%(url)s\n\n"
                    "For the citizens' privacy, this e-mail does not say what they are about."
                )
                % {"lines": lines, "url": f"{settings.ENPLAN_BASE_URL}/notifications/"},
                from_email=None,
                recipient_list=[user.email],
            )
    except Exception as error:  # as for the announcements: the run must go on
        claim.delete()
        logger.warning(
            "Daily summary for user %s failed (%s); it is tried again later.",
            user.pk,
            type(error).__name__,
        )
        return False
    return True
