"""A plan round around the test world's plan, with enough respondents for results."""

from dataclasses import dataclass

import pytest
from django.utils import timezone

from enplan.coordination import services
from enplan.coordination.models import Grouping, ScopeKind, SurveyRound
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans.tests.factories import ActorFactory


@dataclass
class RoundWorld:
    round: SurveyRound
    respondents: list  # professionals asked, coordinator first

    def respondent_of(self, professional):
        return self.round.respondents.get(professional=professional)


@pytest.fixture
def plan_round(world) -> RoundWorld:
    """A round for the world's plan: the coordinator and three covered actors are asked;
    the actor outside the consent is not."""
    extra = [ProfessionalFactory(department=world.department) for _ in range(2)]
    for professional in extra:
        ActorFactory(plan=world.plan, professional=professional)
    round_ = services.round_create(
        user=world.coordinator.user,
        title="Maja – start",
        scope=ScopeKind.PLAN,
        plan=world.plan,
        grouping=Grouping.DEPARTMENT,
        closes_on=timezone.localdate(),
    )
    return RoundWorld(round=round_, respondents=[world.coordinator, world.actor, *extra])


def answer_as(professional, round_, score=4, submit=True):
    respondent = round_.respondents.get(professional=professional)
    values = {(g.pk, d): score for g in round_.groups.all() for d in services.Dimension.values}
    return services.answers_save(
        user=professional.user,
        respondent=respondent,
        version=respondent.version,
        values=values,
        submit=submit,
    )
