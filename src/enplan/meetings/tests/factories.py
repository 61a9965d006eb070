from datetime import timedelta

import factory
from django.utils import timezone

from enplan.meetings.models import (
    CitizenEvaluation,
    ConversationType,
    LearningRecap,
    Meeting,
    MeetingKind,
    Participant,
    Theme,
)
from enplan.plans.tests.factories import PlanFactory


class MeetingFactory(factory.django.DjangoModelFactory):
    """A network meeting that started an hour ago."""

    class Meta:
        model = Meeting

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    kind = MeetingKind.NETWORK
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    place = "Rådhuset"
    created_by = factory.SelfAttribute("plan.created_by")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    municipality = factory.SelfAttribute("meeting.municipality")


class CitizenEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CitizenEvaluation

    meeting = factory.SubFactory(MeetingFactory)
    municipality = factory.SelfAttribute("meeting.municipality")
    felt_heard = 8
    talked_about_what_matters = 8
    way_of_working_suited_me = 8
    overall = 8


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["municipality", "name"]

    name = factory.Sequence(lambda n: f"Tema {n}")


class ConversationTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConversationType
        django_get_or_create = ["municipality", "name"]

    name = factory.Sequence(lambda n: f"Samtale {n}")


class LearningRecapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LearningRecap
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    municipality = factory.SelfAttribute("meeting.municipality")
    what_worked = "Vi forberedte os godt."
    do_differently = "Færre ved bordet."
    written_by = factory.SelfAttribute("meeting.created_by")

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)
