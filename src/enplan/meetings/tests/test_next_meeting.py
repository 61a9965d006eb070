"""The plan's first page shows the next meeting and, after a low evaluation, a warning."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from enplan.meetings.models import MeetingSettings, MeetingStatus
from enplan.meetings.tests.factories import (
    CitizenEvaluationFactory,
    MeetingFactory,
    ParticipantFactory,
)
from enplan.plans.tests.factories import PlanMemberFactory

pytestmark = pytest.mark.django_db


def first_page(client, user, plan) -> str:
    client.force_login(user)
    html = client.get(reverse("plans:detail", args=[plan.pk])).text
    return html.split('id="next-meeting"', 1)[1].split("</section>", 1)[0]


def in_days(days):
    return timezone.now() + timedelta(days=days)


def test_the_earliest_planned_meeting_to_come_is_the_next_one(client, world):
    MeetingFactory(plan=world.plan, starts_at=in_days(-3), place="Holdt")
    MeetingFactory(
        plan=world.plan, starts_at=in_days(2), place="Aflyst", status=MeetingStatus.CANCELLED
    )
    later = MeetingFactory(plan=world.plan, starts_at=in_days(9), place="Senere")
    soon = MeetingFactory(plan=world.plan, starts_at=in_days(4), place="Jobcentret")
    for member in (world.member, PlanMemberFactory(plan=world.plan, role="partner")):
        ParticipantFactory(meeting=soon, member=member)
    ParticipantFactory(meeting=later, member=world.member)

    section = first_page(client, world.coordinator.user, world.plan)

    assert reverse("meetings:detail", args=[soon.pk]) in section
    assert "Jobcentret" in section
    assert "2 inviterede" in section
    for other in ("Holdt", "Aflyst", "Senere"):
        assert other not in section


def test_a_meeting_that_is_still_going_on_is_the_next_one(client, world):
    going_on = MeetingFactory(
        plan=world.plan, starts_at=in_days(-1), ends_at=in_days(1), place="Stadig i gang"
    )
    assert reverse("meetings:detail", args=[going_on.pk]) in first_page(
        client, world.coordinator.user, world.plan
    )


def test_without_a_planned_meeting_the_page_says_so(client, world):
    MeetingFactory(plan=world.plan, starts_at=in_days(-3))
    assert "Der er ikke planlagt et møde." in first_page(client, world.coordinator.user, world.plan)


def test_a_low_score_at_the_last_evaluation_asks_to_talk_about_it(client, world):
    held = MeetingFactory(plan=world.plan, starts_at=in_days(-2))
    CitizenEvaluationFactory(meeting=held, member=world.member, felt_heard=6)
    assert "Tal om sidste evaluering" not in first_page(client, world.coordinator.user, world.plan)

    MeetingSettings.objects.create(municipality=world.municipality, low_score_threshold=7)
    section = first_page(client, world.coordinator.user, world.plan)
    assert "Tal om sidste evaluering på næste møde." in section
    assert date_format(timezone.localdate(held.starts_at), "SHORT_DATE_FORMAT") in section


def test_a_meeting_only_for_a_member_outside_the_consent_is_not_the_actors_next(client, world):
    world.plan.kind = "household"
    world.plan.save()
    peter = PlanMemberFactory(plan=world.plan, citizen__first_name="Peter", role="partner")
    meeting = MeetingFactory(plan=world.plan, starts_at=in_days(2), place="Peters behandling")
    ParticipantFactory(meeting=meeting, member=peter)

    assert "Peters behandling" not in first_page(client, world.actor.user, world.plan)
    assert "Peters behandling" in first_page(client, world.coordinator.user, world.plan)
