"""The municipal administrator configures the organisation and never reads a case: a
deletion page counts what hangs on an object instead of naming it, and something in use
is not deleted."""

import pytest

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.models import Legislation, Professional
from enplan.plans.tests.factories import InterventionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipal_admin(world):
    return UserFactory(municipality=world.municipality, role=Role.ADMIN, is_staff=True)


def test_deleting_a_coordinator_counts_their_plans_and_is_refused(client, world, municipal_admin):
    client.force_login(municipal_admin)
    url = f"/admin/organisation/professional/{world.coordinator.pk}/delete/"
    page = client.get(url).text
    assert world.plan.title not in page  # "Maja Holm", a citizen's name
    assert "Planer: 1" in page
    client.post(url, {"post": "yes"})
    assert Professional.objects.filter(pk=world.coordinator.pk).exists()


def test_deleting_a_law_in_use_names_no_intervention(client, world, municipal_admin):
    InterventionFactory(
        plan=world.plan,
        department=world.department,
        legislation=world.legislation,
        title="Udredning af Maja",
    )
    client.force_login(municipal_admin)
    url = f"/admin/organisation/legislation/{world.legislation.pk}/delete/"
    page = client.get(url).text
    assert "Udredning af Maja" not in page
    assert "Indsatser: 1" in page
    client.post(url, {"post": "yes"})
    assert Legislation.objects.filter(pk=world.legislation.pk).exists()
