"""In a household plan, a professional sees only the members their consent covers: on the
meeting page too."""

import pytest
from django.urls import reverse

from enplan.meetings.tests.factories import CitizenEvaluationFactory, ParticipantFactory
from enplan.plans.tests.factories import PlanMemberFactory

pytestmark = pytest.mark.django_db


def test_an_actor_does_not_see_an_uncovered_members_attendance_or_evaluation(client, world, cycle):
    world.plan.kind = "household"
    world.plan.save()
    other = PlanMemberFactory(plan=world.plan, citizen__first_name="Ukendt", role="partner")
    ParticipantFactory(meeting=cycle.meeting, member=other, attended=True)
    CitizenEvaluationFactory(meeting=cycle.meeting, member=other, comment="Kun for de indviede")
    url = reverse("meetings:detail", args=[cycle.meeting.pk])

    client.force_login(world.actor.user)
    page = client.get(url).text
    assert world.member.citizen.first_name in page
    assert "Ukendt" not in page
    assert "Kun for de indviede" not in page

    client.force_login(world.coordinator.user)
    page = client.get(url).text
    assert "Ukendt" in page
    assert "Kun for de indviede" in page


@pytest.fixture
def peters_meeting(world):
    """A meeting on a household plan with only a member outside the actor's consent."""
    from enplan.meetings.tests.factories import MeetingFactory

    world.plan.kind = "household"
    world.plan.save()
    peter = PlanMemberFactory(plan=world.plan, citizen__first_name="Peter", role="partner")
    meeting = MeetingFactory(
        plan=world.plan, created_by=world.coordinator.user, purpose="Peters behandling"
    )
    ParticipantFactory(meeting=meeting, member=peter)
    return meeting


@pytest.mark.parametrize("name", ["meetings:detail", "meetings:agenda", "meetings:ics"])
def test_a_meeting_of_a_member_outside_the_consent_is_not_the_actors(
    client, world, peters_meeting, name
):
    client.force_login(world.actor.user)
    assert client.get(reverse(name, args=[peters_meeting.pk])).status_code == 404
    client.force_login(world.coordinator.user)
    assert client.get(reverse(name, args=[peters_meeting.pk])).status_code == 200


def test_the_plans_meeting_lists_leave_it_out_for_the_actor(client, world, peters_meeting):
    client.force_login(world.actor.user)
    assert "Peters behandling" not in client.get(f"/meetings/plan/{world.plan.pk}/").text
    page = client.get(reverse("plans:section", args=[world.plan.pk, "meetings"]))
    assert page.context["meetings"].total == 0


def test_a_meeting_among_the_professionals_stays_visible_to_the_network(client, world):
    from enplan.meetings.tests.factories import MeetingFactory

    meeting = MeetingFactory(
        plan=world.plan, kind="professionals", created_by=world.coordinator.user
    )
    client.force_login(world.actor.user)
    assert client.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
