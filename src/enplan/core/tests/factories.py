import factory

from enplan.core.models import Municipality, Role, User


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Testkommune {n}")
    code = factory.Sequence(lambda n: f"{(n % 899) + 100:03d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger {n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.PROFESSIONAL
    password = factory.django.Password("test-password-1")
