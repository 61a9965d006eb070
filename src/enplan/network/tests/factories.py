import factory

from enplan.network.models import (
    Actor,
    ActorKind,
    DevelopmentPoint,
    RelationLevel,
    RelationRating,
)
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans.tests.factories import PlanFactory


class ActorFactory(factory.django.DjangoModelFactory):
    """A professional actor in the plan's municipality."""

    class Meta:
        model = Actor

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    kind = ActorKind.PROFESSIONAL
    professional = factory.SubFactory(
        ProfessionalFactory,
        department__area__municipality=factory.SelfAttribute("....municipality"),
    )
    role = "Sagsbehandler"
    added_by = factory.SelfAttribute("plan.created_by")


class PrivateActorFactory(ActorFactory):
    kind = ActorKind.PRIVATE
    professional = None
    name = factory.Sequence(lambda n: f"Privat person {n}")
    role = "Ven"


class RelationRatingFactory(factory.django.DjangoModelFactory):
    """A rating of the relation between two actors, seen from the first of them."""

    class Meta:
        model = RelationRating

    first = factory.SubFactory(ActorFactory)
    second = factory.SubFactory(ActorFactory, plan=factory.SelfAttribute("..first.plan"))
    plan = factory.SelfAttribute("first.plan")
    municipality = factory.SelfAttribute("plan.municipality")
    rater = factory.SelfAttribute("first")
    level = RelationLevel.GOOD
    recorded_by = factory.SelfAttribute("plan.created_by")


class DevelopmentPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentPoint

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    text = factory.Sequence(lambda n: f"Udviklingspunkt {n}")
    created_by = factory.SelfAttribute("plan.created_by")
