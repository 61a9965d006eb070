"""Invitations by e-mail, with the meeting's calendar file, to the professionals invited.

A professional with an e-mail address gets the invitation when the meeting is planned, an
update when it is changed (moved, another place) and a notice when it is cancelled, each
with the calendar file (the same UID, a higher SEQUENCE), so their calendar adds, moves or
cancels the one event. Like the calendar file, the e-mail names no citizen: it names the
kind of meeting and the time and links to the meeting in Én plan, behind the login.
Sent after the transaction commits, so a refused save sends nothing.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from enplan.meetings import calendar
from enplan.meetings.models import Meeting, Participant


def professional_addresses(meeting: Meeting) -> list[str]:
    """The e-mail addresses of the professionals invited (not the citizens, nor private
    persons: they are told in other ways)."""
    addresses = []
    for p in Participant.objects.filter(meeting=meeting, actor__kind="professional").select_related(
        "actor__professional"
    ):
        actor = p.actor
        if actor is None:
            continue
        address = actor.email or (actor.professional.email if actor.professional else "")
        if address and address not in addresses:
            addresses.append(address)
    return addresses


def _message(meeting: Meeting, change: str, to: str) -> EmailMessage:
    url = settings.ENPLAN_BASE_URL + reverse("meetings:detail", args=[meeting.pk])
    when = timezone.localtime(meeting.starts_at)
    facts = {
        "kind": meeting.get_kind_display(),
        "date": formats.date_format(when, "SHORT_DATE_FORMAT"),
        "time": when.strftime("%H:%M"),
    }
    subjects = {
        "new": _("Invitation: %(kind)s on %(date)s at %(time)s"),
        "changed": _("Changed: %(kind)s on %(date)s at %(time)s"),
        "cancelled": _("Cancelled: %(kind)s on %(date)s at %(time)s"),
    }
    lines = {
        "new": _("You are invited to a meeting in Én plan."),
        "changed": _("The meeting has been changed. Your calendar is updated with the file."),
        "cancelled": _("The meeting is cancelled. Your calendar removes it with the file."),
    }
    body = "\n\n".join(
        [
            lines[change],
            _("%(kind)s on %(date)s at %(time)s.") % facts
            + (f" {meeting.place}." if meeting.place and change != "cancelled" else ""),
            _("The agenda and who takes part: %(url)s") % {"url": url},
            _("For the citizen's privacy the e-mail does not say whom the meeting is about."),
        ]
    )
    message = EmailMessage(subject=subjects[change] % facts, body=body, to=[to])
    message.attach(
        f"moede-{when:%Y-%m-%d}.ics",
        calendar.meeting_ics(meeting, url=url),
        "text/calendar; charset=utf-8",
    )
    return message


def send(meeting: Meeting, change: str) -> None:
    """Send the invitations once the current transaction commits."""

    def deliver():
        fresh = Meeting.objects.select_related("plan").get(pk=meeting.pk)
        with override(settings.LANGUAGE_CODE):
            for address in professional_addresses(fresh):
                _message(fresh, change, address).send()

    transaction.on_commit(deliver)
