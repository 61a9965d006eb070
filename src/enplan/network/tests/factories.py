import factory

from enplan.network.models import Actor, ActorKind
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
