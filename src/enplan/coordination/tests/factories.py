from datetime import timedelta

import factory
from django.utils import timezone

from enplan.coordination.models import (
    Answer,
    Grouping,
    Respondent,
    ScopeKind,
    SurveyRound,
    Workgroup,
)
from enplan.coordination.scoring import DIMENSIONS
from enplan.core.tests.factories import UserFactory


class TeamRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyRound

    created_by = factory.SubFactory(UserFactory, role="leader")
    municipality = factory.SelfAttribute("created_by.municipality")
    title = factory.Sequence(lambda n: f"Runde {n}")
    scope = ScopeKind.TEAM
    team = "Dobbeltdiagnoser"
    grouping = Grouping.CUSTOM
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


class WorkgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workgroup

    round = factory.SubFactory(TeamRoundFactory)
    municipality = factory.SelfAttribute("round.municipality")
    name = factory.Sequence(lambda n: f"Gruppe {n}")


class RespondentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Respondent

    group = factory.SubFactory(WorkgroupFactory)
    round = factory.SelfAttribute("group.round")
    municipality = factory.SelfAttribute("group.municipality")
    label = factory.Sequence(lambda n: f"P{n}")


def answer_all(respondent, groups, score=4, submitted=True):
    """Answer every question about every group with one score."""
    Answer.objects.bulk_create(
        Answer(
            municipality_id=respondent.municipality_id,
            respondent=respondent,
            about=group,
            dimension=dimension,
            score=score,
        )
        for group in groups
        for dimension in DIMENSIONS
    )
    if submitted:
        respondent.submitted_at = timezone.now()
        respondent.save(update_fields=["submitted_at"])
