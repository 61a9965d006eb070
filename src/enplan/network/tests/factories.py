import factory

from enplan.network.models import DevelopmentPoint, RelationLevel, RelationRating
from enplan.plans.tests.factories import ActorFactory, PlanFactory


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
