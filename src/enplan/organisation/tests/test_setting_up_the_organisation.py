"""Setting up a municipality: the legislation catalogue, and the external contacts (a GP,
the police) every plan can choose."""

import pytest
from django.core.exceptions import ValidationError

from enplan.core.tests.factories import MunicipalityFactory
from enplan.organisation.models import Legislation, Professional
from enplan.organisation.services import external_contact_create, legislation_load_defaults

pytestmark = pytest.mark.django_db


def test_the_default_catalogue_is_added_once():
    municipality = MunicipalityFactory()
    added = legislation_load_defaults(municipality=municipality)
    assert added > 5
    assert "Barnets lov" in set(
        Legislation.objects.filter(municipality=municipality).values_list("short_name", flat=True)
    )
    assert legislation_load_defaults(municipality=municipality) == 0
    assert Legislation.objects.filter(municipality=municipality).count() == added


def test_an_entry_the_municipality_already_has_is_left_alone():
    municipality = MunicipalityFactory()
    Legislation.objects.create(municipality=municipality, short_name="Barnets lov", name="Egen")
    legislation_load_defaults(municipality=municipality)
    assert Legislation.objects.get(municipality=municipality, short_name="Barnets lov").name == (
        "Egen"
    )


def test_an_external_contact_is_a_professional_without_a_department():
    municipality = MunicipalityFactory()
    contact = external_contact_create(
        municipality_id=municipality.pk, name=" Lone Berg ", organisation=" Lægehuset "
    )
    assert (contact.name, contact.organisation, contact.department) == (
        "Lone Berg",
        "Lægehuset",
        None,
    )
    assert not contact.has_login


def test_the_same_external_contact_is_not_registered_twice():
    municipality = MunicipalityFactory()
    external_contact_create(
        municipality_id=municipality.pk, name="Lone Berg", organisation="Lægehuset"
    )
    with pytest.raises(ValidationError) as error:
        external_contact_create(
            municipality_id=municipality.pk, name="lone berg", organisation="LÆGEHUSET"
        )
    assert "er allerede registreret" in error.value.message_dict["name"][0]
    assert Professional.objects.filter(municipality=municipality).count() == 1


@pytest.mark.parametrize(
    ("name", "organisation", "field"), [("", "Lægehuset", "name"), ("Lone", " ", "organisation")]
)
def test_a_contact_needs_a_name_and_a_workplace(name, organisation, field):
    municipality = MunicipalityFactory()
    with pytest.raises(ValidationError) as error:
        external_contact_create(
            municipality_id=municipality.pk, name=name, organisation=organisation
        )
    assert field in error.value.message_dict
    assert not Professional.objects.filter(municipality=municipality).exists()


def test_another_municipality_may_register_the_same_contact():
    first, second = MunicipalityFactory(), MunicipalityFactory()
    external_contact_create(municipality_id=first.pk, name="Lone Berg", organisation="Lægehuset")
    external_contact_create(municipality_id=second.pk, name="Lone Berg", organisation="Lægehuset")
    assert Professional.objects.filter(name="Lone Berg").count() == 2
