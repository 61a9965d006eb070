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


def test_the_administrator_does_not_see_the_citizens_who_have_logged_in(client, family):
    admin = UserFactory(municipality=family.municipality, role=Role.ADMIN, is_staff=True)
    mona = with_login(family.mother)
    client.force_login(admin)
    assert "Mona" not in client.get("/admin/core/user/").text
    assert client.get(f"/admin/core/user/{mona.pk}/change/").status_code == 302
    response = client.post(
        f"/admin/core/user/{mona.pk}/password/",
        {"password1": "Ny-adgangskode-42!", "password2": "Ny-adgangskode-42!"},
    )
    assert response.status_code in (302, 404)
    mona.refresh_from_db()
    assert not mona.check_password("Ny-adgangskode-42!")


def test_a_citizen_never_logs_in_with_a_password(client, family):
    # A citizen's identity comes from MitID alone. Even with a password set on the account
    # (by anyone), the professionals' login refuses it.
    mona = with_login(family.mother)
    mona.set_password("Ny-adgangskode-42!")
    mona.save()
    response = client.post("/login/", {"username": mona.username, "password": "Ny-adgangskode-42!"})
    assert response.status_code == 200  # the form again, with an error
    assert client.get(f"/borger/plan/{family.plan.pk}/").status_code == 302
