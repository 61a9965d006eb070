"""The municipality's administrator keeps its privacy contact in the admin."""

import pytest

from enplan.citizen.models import PrivacyContact
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_administrator_adds_a_privacy_contact(client, world):
    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/citizen/privacycontact/add/").status_code == 200
    response = client.post(
        "/admin/citizen/privacycontact/add/",
        {"controller": "Bøgeby Kommune", "email": "data@boegeby.dk"},
    )
    assert response.status_code == 302
    assert PrivacyContact.objects.get().municipality == world.municipality


def test_a_second_privacy_contact_is_refused_in_danish(client, world):
    PrivacyContact.objects.create(municipality=world.municipality, controller="Bøgeby Kommune")
    admin = UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)
    client.force_login(admin)
    response = client.post("/admin/citizen/privacycontact/add/", {"controller": "Igen"})
    assert response.status_code == 200
    assert "allerede" in response.text
    assert PrivacyContact.objects.count() == 1
