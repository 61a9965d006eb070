import factory

from enplan.plans.tests.factories import PlanMemberFactory
from enplan.progress.models import StepRegistration


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
