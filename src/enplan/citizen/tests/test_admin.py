"""A municipality's administrator keeps the contact shown on the citizen's GDPR page."""

import pytest

from enplan.citizen.models import PrivacyContact
from enplan.citizen.tests.factories import with_login
from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_administrator_sets_the_contact_and_the_citizen_sees_it(client, family):
    admin = UserFactory(municipality=family.municipality, role=Role.ADMIN, is_staff=True)
    client.force_login(admin)
    response = client.post(
        "/admin/citizen/privacycontact/add/",
        {
            "controller": "Testkommune",
            "dpo_email": "dpo@test.example",
            "retention": "I 5 år efter, at planen er lukket.",
        },
    )
    assert response.status_code == 302
    assert PrivacyContact.objects.get().municipality == family.municipality
    client.force_login(with_login(family.mother))
    page = client.get(f"/borger/plan/{family.plan.pk}/mine-data/").content.decode()
    assert "dpo@test.example" in page
    assert "I 5 år efter, at planen er lukket." in page
