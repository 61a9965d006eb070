"""The administrator's reset, for a user who has lost every device and recovery code."""

import re

import pytest
from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.core.models import AuditAction, AuditEvent, Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.mfa.tests.conftest import app_for, log_in_with_password

pytestmark = pytest.mark.django_db


def _reset(client, *users):
    return client.post(
        "/admin/core/user/",
        {"action": "reset_second_factor", "_selected_action": [u.pk for u in users]},
    )


def test_the_administrator_resets_a_users_devices_and_it_is_audited(
    client, admin_user, professional
):
    app_for(professional)
    StaticDevice.objects.create(user=professional, name="Gendannelseskoder")
    client.force_login(admin_user)
    response = _reset(client, professional)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=professional).exists()
    assert not StaticDevice.objects.filter(user=professional).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_type="core.user")
    assert (event.user, event.object_id) == (admin_user, str(professional.pk))
    assert event.changed_fields == ["second_factor.all"]


def test_after_a_reset_an_administrator_sets_it_up_again_at_the_next_login(
    client, admin_user, municipality
):
    other_admin = UserFactory(municipality=municipality, role=Role.ADMIN, is_staff=True)
    app_for(other_admin)
    client.force_login(admin_user)
    _reset(client, other_admin)
    client.logout()
    log_in_with_password(client, other_admin)
    assert client.get("/admin/").url.startswith("/sikkerhed/kom-i-gang/")


def test_another_municipalitys_user_is_not_reset(client, admin_user):
    stranger = UserFactory(municipality=MunicipalityFactory())
    app_for(stranger)
    client.force_login(admin_user)
    _reset(client, stranger)
    assert TOTPDevice.objects.filter(user=stranger).exists()
    assert not AuditEvent.objects.exists()


def test_a_professional_cannot_reset_anyone(client, professional, admin_user):
    app_for(admin_user)
    client.force_login(professional)
    _reset(client, admin_user)
    assert TOTPDevice.objects.filter(user=admin_user).exists()


def test_the_packages_own_lists_of_devices_and_secrets_are_not_in_the_administration():
    from django_otp_webauthn.models import WebAuthnCredential

    for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
        assert not admin.site.is_registered(model)


def test_the_administration_links_to_the_administrators_own_security_page(client, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert 'href="/sikkerhed/"' in response.text
    assert "Sikkerhed" in response.text


def test_the_list_of_users_shows_who_has_two_step_verification_in_constant_queries(
    client, admin_user, municipality
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    app_for(admin_user)
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as few:
        response = client.get("/admin/core/user/")
    assert "Totrinsbekræftelse" in response.text
    assert _with_two_step(response) == 1
    for _ in range(5):
        app_for(UserFactory(municipality=municipality))
    with CaptureQueriesContext(connection) as more:
        response = client.get("/admin/core/user/")
    assert _with_two_step(response) == 6
    assert len(more) == len(few)


def _with_two_step(response) -> int:
    return len(re.findall(r'class="field-two_step"><img[^>]*alt="True"', response.text))
