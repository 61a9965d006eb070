"""A meeting on the shared `world` plan: the citizen and an actor inside the consent invited."""

from dataclasses import dataclass

import pytest

from enplan.meetings.models import Meeting, Participant
from enplan.meetings.tests.factories import MeetingFactory, ParticipantFactory
from enplan.plans.models import Actor


@dataclass
class Cycle:
    meeting: Meeting
    citizen: Participant
    professional: Participant
    actor: Actor


@pytest.fixture
def cycle(world) -> Cycle:
    meeting = MeetingFactory(plan=world.plan, created_by=world.coordinator.user)
    actor = Actor.objects.get(plan=world.plan, professional=world.actor)
    return Cycle(
        meeting=meeting,
        citizen=ParticipantFactory(meeting=meeting, member=world.member),
        professional=ParticipantFactory(meeting=meeting, actor=actor),
        actor=actor,
    )


from enplan.plans.tests.scale import scale  # noqa: E402, F401
