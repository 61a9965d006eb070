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
