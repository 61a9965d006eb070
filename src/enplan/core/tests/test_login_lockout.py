"""Guessing a password is stopped: five wrong passwords for one username from one address
lock that pair out for a quarter of an hour, on the staff login and the administration's
alike, with a Danish page that says for how long. The real user elsewhere, and colleagues
at the same address, are not locked out; an administrator can unlock at once."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django.utils.translation import override

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-1"


@pytest.fixture
def staff(world):
    return UserFactory(municipality=world.municipality, username="udenfor")


def log_in(client, username, password, address="10.0.0.1", url="/login/"):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=address, follow=False
    )


def fail(client, username, times, address="10.0.0.1", url="/login/"):
    for _ in range(times):
        response = log_in(client, username, "wrong-password", address, url)
        assert response.status_code in {200, 429}


def test_five_wrong_passwords_lock_the_username_out_even_with_the_right_one(client, staff):
    fail(client, "udenfor", 4)
    response = log_in(client, "udenfor", "wrong-password")
    assert response.status_code == 429
    response = log_in(client, "udenfor", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "For mange forsøg" in html
    assert "Prøv igen om 15 minutter" in html
    assert "_auth_user_id" not in client.session
    assert "no-store" in response["Cache-Control"]


def test_four_wrong_passwords_still_let_the_right_one_in(client, staff):
    fail(client, "udenfor", 4)
    response = log_in(client, "udenfor", PASSWORD)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == staff.pk
    # A success forgets the failures.
    assert not AccessAttempt.objects.exists()


def test_the_lockout_is_per_username_and_address(client, staff, world):
    colleague = UserFactory(municipality=world.municipality, username="kollega")
    fail(client, "udenfor", 5)
    # The real user from another address logs in.
    assert log_in(client, "udenfor", PASSWORD, address="10.0.0.2").status_code == 302
    client.logout()
    # A colleague behind the same address logs in.
    assert log_in(client, "kollega", PASSWORD).status_code == 302
    assert int(client.session["_auth_user_id"]) == colleague.pk


def test_the_lockout_ends_after_its_cool_off(client, staff):
    fail(client, "udenfor", 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "udenfor", PASSWORD).status_code == 302


def test_the_administrations_login_is_locked_out_the_same_way(client, world):
    admin = UserFactory(
        municipality=world.municipality, username="admin", role=Role.ADMIN, is_staff=True
    )
    fail(client, "admin", 5, url="/admin/login/")
    response = log_in(client, "admin", PASSWORD, url="/admin/login/")
    assert response.status_code == 429
    assert "For mange forsøg" in response.content.decode()
    assert admin.pk


def test_an_administrator_unlocks_a_username_with_a_command(client, staff):
    fail(client, "udenfor", 5)
    assert log_in(client, "udenfor", PASSWORD).status_code == 429
    call_command("axes_reset_username", "udenfor", verbosity=0)
    assert log_in(client, "udenfor", PASSWORD).status_code == 302


def test_an_administrator_sees_the_lockouts_in_the_administration(client, staff, world):
    fail(client, "udenfor", 5)
    admin = UserFactory(
        municipality=world.municipality, role=Role.ADMIN, is_staff=True, is_superuser=True
    )
    client.force_login(admin)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200
    assert "udenfor" in response.content.decode()


def test_a_login_without_a_password_is_never_counted(staff):
    # MitID and single sign-on are guarded at their identity provider: their failures
    # must not lock everyone behind a shared address out.
    request = RequestFactory().get("/borger/mitid/callback/", REMOTE_ADDR="10.0.0.1")
    for _ in range(10):
        assert authenticate(request, nonce="n", code_verifier="v") is None
    assert not AccessAttempt.objects.exists()


def test_the_failures_are_logged_without_the_username_or_address(client, staff, caplog):
    fail(client, "udenfor", 5)
    assert "udenfor" not in caplog.text
    assert "10.0.0.1" not in caplog.text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("kort-ord-1", "Denne adgangskode er for kort"),
        ("password1234", "Denne adgangskode er for almindelig"),
        ("123456789012345", "Denne adgangskode er udelukkende numerisk"),
    ],
)
def test_a_weak_password_is_refused_in_danish(password, message):
    with override("da"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages), refused.value.messages


def test_a_password_like_the_username_is_refused(staff):
    with override("da"), pytest.raises(ValidationError) as refused:
        validate_password("udenfor12345", user=staff)
    assert any("minder for meget om" in text for text in refused.value.messages)


def test_a_long_uncommon_password_is_accepted(staff):
    validate_password("grøn-cykel-ved-åen-17", user=staff)
