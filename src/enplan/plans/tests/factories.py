from datetime import date

import factory

from enplan.core.demo import demo_cpr
from enplan.core.tests.factories import MunicipalityFactory
from enplan.organisation.tests.factories import (
    DepartmentFactory,
    LegislationFactory,
    ProfessionalFactory,
    StepModelFactory,
)
from enplan.plans.models import (
    Actor,
    ActorKind,
    Citizen,
    Consent,
    Goal,
    Intervention,
    LifeArea,
    LogEntry,
    LogEntryKind,
    MemberRole,
    Plan,
    PlanKind,
    PlanMember,
    PlanProgression,
)


class CitizenFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citizen

    municipality = factory.SubFactory(MunicipalityFactory)
    # Born 1960-1999: a factory citizen is an adult unless a test gives a CPR number.
    cpr = factory.Sequence(lambda n: demo_cpr(date(1960 + n % 40, 1 + n % 12, 2 + n % 27), n * 13))
    first_name = factory.Sequence(lambda n: f"Borger{n}")
    last_name = "Jensen"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    coordinator = factory.SubFactory(ProfessionalFactory)
    municipality = factory.SelfAttribute("coordinator.municipality")
    kind = PlanKind.CITIZEN
    title = factory.Sequence(lambda n: f"Plan {n}")
    created_by = factory.SelfAttribute("coordinator.user")


class PlanMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanMember

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    citizen = factory.SubFactory(
        CitizenFactory, municipality=factory.SelfAttribute("..municipality")
    )
    role = MemberRole.CITIZEN


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    title = factory.Sequence(lambda n: f"Mål {n}")
    life_area = LifeArea.JOB


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    title = factory.Sequence(lambda n: f"Indsats {n}")
    department = factory.SubFactory(
        DepartmentFactory,
        area__municipality=factory.SelfAttribute("...municipality"),
    )
    legislation = factory.SubFactory(
        LegislationFactory, municipality=factory.SelfAttribute("..municipality")
    )


class LogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogEntry

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    kind = LogEntryKind.NOTE
    text = "Et notat."
    author = factory.SelfAttribute("plan.created_by")
    author_name = "Test"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    municipality = factory.SelfAttribute("plan.municipality")
    given_by = factory.SubFactory(PlanMemberFactory, plan=factory.SelfAttribute("..plan"))
    given_on = factory.LazyFunction(date.today)
    method = "written"
    recorded_by = factory.SelfAttribute("plan.created_by")

    @factory.post_generation
    def departments(self, create, extracted, **kwargs):
        if create and extracted:
            self.departments.set(extracted)

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.areas.set(extracted)

    @factory.post_generation
    def covers(self, create, extracted, **kwargs):
        if create:
            self.covers.set(extracted or [self.given_by])


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


class PlanProgressionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanProgression

    plan = factory.SubFactory("enplan.plans.tests.factories.PlanFactory")
    municipality = factory.SelfAttribute("plan.municipality")
    step_model = factory.SubFactory(
        StepModelFactory, municipality=factory.SelfAttribute("..municipality")
    )
    chosen_by = factory.SelfAttribute("plan.created_by")
