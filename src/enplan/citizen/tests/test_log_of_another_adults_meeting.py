"""What the stafetlog says about a meeting (held, cancelled, decided) is read by those who
may see its invited members: a meeting to which only another adult is invited is theirs."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.citizen import selectors
from enplan.citizen.tests.factories import network_meeting, with_login
from enplan.meetings import services as meeting_services
from enplan.plans import access as plan_access
from enplan.plans.models import LogEntry

pytestmark = pytest.mark.django_db


def cancel(family, meeting, reason):
    meeting_services.meeting_cancel(
        user=family.coordinator.user, meeting=meeting, version=meeting.version, reason=reason
    )
    return LogEntry.objects.get(text__contains=reason)


def citizen_reads(family, who, entry) -> bool:
    scope = plan_access.citizen_scope(with_login(getattr(family, who)), family.plan)
    return entry.pk in {e.pk for e in selectors.citizen_log(scope, family.plan)}


def professional_reads(client, user, family, entry) -> bool:
    client.force_login(user)
    response = client.get(f"/plans/{family.plan.pk}/")
    assert response.status_code == 200
    return entry.text in response.content.decode()


@pytest.fixture
def later():
    return timezone.now() + timedelta(days=3)


def test_the_cancellation_of_the_partners_meeting_is_the_partners(client, family, later):
    theirs = network_meeting(family, starts_at=later, invited=family.partner)
    entry = cancel(family, theirs, "Peter er indlagt")
    assert entry.meeting_link.meeting == theirs
    assert citizen_reads(family, "partner", entry)
    assert not citizen_reads(family, "mother", entry)
    assert not citizen_reads(family, "teen", entry)
    # The actor sees the mother's and the children's parts, not the partner's.
    assert not professional_reads(client, family.actor.user, family, entry)
    assert professional_reads(client, family.coordinator.user, family, entry)


def test_the_cancellation_of_the_mothers_meeting_is_read_by_her_and_her_professionals(
    client, family, later
):
    mine = network_meeting(family, starts_at=later)
    entry = cancel(family, mine, "Mona er syg")
    assert citizen_reads(family, "mother", entry)
    assert not citizen_reads(family, "partner", entry)
    assert professional_reads(client, family.actor.user, family, entry)


def test_a_decision_logged_before_the_attendance_follows_who_is_invited_now(client, family):
    """A decision can be recorded once the meeting has begun, while who is invited can
    still change: what the stafetlog says about the meeting follows the meeting."""
    from enplan.meetings.models import MeetingKind

    started = timezone.now() - timedelta(hours=1)
    meeting = network_meeting(family, starts_at=started, invited=family.partner, place="Rådhuset")
    user = family.coordinator.user
    meeting_services.decision_record(
        user=user,
        meeting=meeting,
        text="Peter søger fleksjob",
        effect="log",
    )
    entry = LogEntry.objects.get(text__contains="Peter søger fleksjob")
    assert not citizen_reads(family, "mother", entry)
    meeting.refresh_from_db()
    meeting_services.meeting_update(
        user=user,
        meeting=meeting,
        version=meeting.version,
        kind=MeetingKind.NETWORK,
        starts_at=started,
        place="Rådhuset",
        members=[family.mother, family.partner],
    )
    assert citizen_reads(family, "mother", entry)
    assert citizen_reads(family, "partner", entry)
