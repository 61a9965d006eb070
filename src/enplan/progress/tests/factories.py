import factory

from enplan.plans.tests.factories import PlanMemberFactory
from enplan.progress.models import PlanProgression, Step, StepModel, StepRegistration


class StepModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StepModel

    municipality = factory.SubFactory("enplan.core.tests.factories.MunicipalityFactory")
    name = factory.Sequence(lambda n: f"Trappe {n}")


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    model = factory.SubFactory(StepModelFactory)
    municipality = factory.SelfAttribute("model.municipality")
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Trin {n}")
    max_days = 183


class PlanProgressionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanProgression

    plan = factory.SubFactory("enplan.plans.tests.factories.PlanFactory")
    municipality = factory.SelfAttribute("plan.municipality")
    step_model = factory.SubFactory(
        StepModelFactory, municipality=factory.SelfAttribute("..municipality")
    )
    chosen_by = factory.SelfAttribute("plan.created_by")


class StepRegistrationFactory(factory.django.DjangoModelFactory):
    """A registration made directly in the database, for figures built on a known history."""

    class Meta:
        model = StepRegistration

    member = factory.SubFactory(PlanMemberFactory)
    plan = factory.SelfAttribute("member.plan")
    municipality = factory.SelfAttribute("member.municipality")
    reason = "Registreret i test"
    registered_by = factory.SelfAttribute("plan.created_by")
    registered_by_name = "Test"
