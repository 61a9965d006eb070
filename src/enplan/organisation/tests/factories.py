import factory

from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation.models import (
    Area,
    Department,
    Legislation,
    Profession,
    Professional,
    Step,
    StepModel,
)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Center {n}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    area = factory.SubFactory(AreaFactory)
    municipality = factory.SelfAttribute("area.municipality")
    name = factory.Sequence(lambda n: f"Afdeling {n}")


class ProfessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profession

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Profession {n}")


class LegislationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Legislation

    municipality = factory.SubFactory(MunicipalityFactory)
    short_name = factory.Sequence(lambda n: f"Lov {n}")
    name = factory.LazyAttribute(lambda o: f"Lov om {o.short_name}")


class ProfessionalFactory(factory.django.DjangoModelFactory):
    """A professional with a login, working in a department."""

    class Meta:
        model = Professional

    department = factory.SubFactory(DepartmentFactory)
    municipality = factory.SelfAttribute("department.municipality")
    user = factory.SubFactory(UserFactory, municipality=factory.SelfAttribute("..municipality"))
    name = factory.LazyAttribute(lambda o: o.user.get_full_name() if o.user else "Ekstern Kontakt")
    title = "Sagsbehandler"
    phone = "70 00 00 00"


class ExternalProfessionalFactory(ProfessionalFactory):
    department = None
    municipality = factory.SubFactory(MunicipalityFactory)
    user = None
    name = factory.Sequence(lambda n: f"Ekstern {n}")
    organisation = "Lægehuset"


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
