"""A meeting as an iCalendar file (RFC 5545), for the citizen's own calendar."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from enplan.meetings.calendar import add_time_zone, meeting_uid

# A meeting without an end time is put in the calendar as one hour long.
DEFAULT_LENGTH = timedelta(hours=1)


def meeting_ics(meeting, *, plan) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Én plan//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    # The same UID and sequence as the professionals' file of the meeting: one event.
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.version)
    event.add("dtstamp", timezone.now())
    # In the municipality's time (Europe/Copenhagen), as the citizen was told it.
    starts = timezone.localtime(meeting.starts_at)
    event.add("dtstart", starts)
    event.add("dtend", timezone.localtime(meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH))
    # The summary stays general: a calendar is often shared or synced to other devices.
    event.add("summary", _("Meeting about my plan"))
    coordinator = plan.coordinator
    description = [_("With %(name)s, your coordinator.") % {"name": coordinator.name}]
    if coordinator.phone:
        description.append(_("Phone: %(phone)s") % {"phone": coordinator.phone})
    if meeting.video_link:
        description.append(_("Video: %(link)s") % {"link": meeting.video_link})
        event.add("url", meeting.video_link)
    event.add("description", "\n".join(description))
    if meeting.place:
        event.add("location", meeting.place)
    if meeting.status == "cancelled":
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    add_time_zone(calendar, starts)
    return calendar.to_ical()
