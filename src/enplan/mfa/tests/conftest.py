import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory

PASSWORD = "test-password-1"


def log_in_with_password(client, user, next_url=""):
    """The login form, as a person fills it in: the password's backend, not force_login."""
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/login/", data)


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def admin_user(municipality):
    return UserFactory(municipality=municipality, role=Role.ADMIN, is_staff=True)


@pytest.fixture
def professional(municipality):
    return UserFactory(municipality=municipality, role=Role.PROFESSIONAL)


def app_for(user, name="Telefon"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)
