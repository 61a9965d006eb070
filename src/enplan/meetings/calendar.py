"""The calendar file (ICS) for a meeting.

It carries no citizen's name: calendars are shared with colleagues, synced to phones and
copied to other systems, so the event names the kind of meeting and links back to Én plan,
where the details are behind the login and the access rules.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from enplan.meetings.models import Meeting, MeetingStatus

# A meeting planned without an end gets an hour in the calendar. Without an end, RFC 5545
# makes a timed event last no time at all, which calendars draw as a sliver or hide, and
# then the time does not look taken. An hour is a modest guess that keeps the slot visibly
# booked; whoever knows better gives the meeting an end. Only the calendar file assumes
# it: Én plan itself still shows no end.
DEFAULT_DURATION = timedelta(hours=1)


def meeting_uid(meeting: Meeting) -> str:
    """The meeting's UID in every calendar file about it (the professionals', the
    citizen's, the invitations'), so a calendar replaces the event instead of adding one."""
    return f"meeting-{meeting.pk}@{settings.ENPLAN_SITE_DOMAIN}"


def add_time_zone(calendar: Calendar, around) -> None:
    """The VTIMEZONE of Europe/Copenhagen, with its rules a year either side of the
    meeting only, not every change since 1970."""
    calendar.add_missing_timezones(
        first_date=around.date() - timedelta(days=366),
        last_date=around.date() + timedelta(days=366),
    )


def meeting_ics(meeting: Meeting, *, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Én plan//enplan//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", meeting_uid(meeting))
    # The version goes up with every change, so calendars replace the old event.
    event.add("sequence", meeting.version)
    event.add("dtstamp", timezone.now())
    starts = timezone.localtime(meeting.starts_at)
    event.add("dtstart", starts)
    event.add("dtend", timezone.localtime(meeting.ends_at or meeting.starts_at + DEFAULT_DURATION))
    event.add("summary", _("%(kind)s (Én plan)") % {"kind": meeting.get_kind_display()})
    if meeting.place:
        event.add("location", meeting.place)
    description = [_("Agenda and participants in Én plan: %(url)s") % {"url": url}]
    if meeting.video_link:
        description.append(_("Video: %(link)s") % {"link": meeting.video_link})
    event.add("description", "\n".join(description))
    event.add("url", url)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    calendar.add_component(event)
    add_time_zone(calendar, starts)
    return calendar.to_ical()
