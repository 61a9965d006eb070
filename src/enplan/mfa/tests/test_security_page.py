"""The user's own "Sikkerhed": the devices, removing one with the password again, and who
may reach it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.core.models import AuditAction, AuditEvent, Role
from enplan.core.tests.factories import UserFactory
from enplan.mfa.tests.codes import code_for
from enplan.mfa.tests.conftest import PASSWORD, app_for, log_in_with_password

pytestmark = pytest.mark.django_db


def _verified(client, user, device):
    log_in_with_password(client, user)
    assert client.post("/login/kode/", {"code": code_for(device)}).status_code == 302


def test_the_page_lists_the_users_own_devices(client, professional):
    device = app_for(professional, name="Arbejdstelefon")
    app_for(UserFactory(municipality=professional.municipality), name="Andens telefon")
    _verified(client, professional, device)
    response = client.get("/sikkerhed/")
    assert response.status_code == 200
    assert "Arbejdstelefon" in response.text
    assert "Andens telefon" not in response.text


def test_the_page_reads_the_same_number_of_queries_with_more_devices(client, professional):
    device = app_for(professional)
    _verified(client, professional, device)
    with CaptureQueriesContext(connection) as one:
        client.get("/sikkerhed/")
    for n in range(5):
        app_for(professional, name=f"Telefon {n}")
    with CaptureQueriesContext(connection) as six:
        client.get("/sikkerhed/")
    assert len(six) == len(one)


def test_removing_a_device_needs_the_password_again(client, professional):
    device = app_for(professional)
    other = app_for(professional, name="Gammel telefon")
    _verified(client, professional, device)
    response = client.post(f"/sikkerhed/app/{other.pk}/fjern/", {"password": "forkert"})
    assert response.status_code == 200
    assert "Adgangskoden er ikke rigtig" in response.text
    assert TOTPDevice.objects.filter(pk=other.pk).exists()
    response = client.post(f"/sikkerhed/app/{other.pk}/fjern/", {"password": PASSWORD})
    assert response.url == "/sikkerhed/"
    assert not TOTPDevice.objects.filter(pk=other.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert event.changed_fields == ["second_factor.app"]


def test_an_administrator_cannot_remove_their_last_device(client, admin_user):
    device = app_for(admin_user)
    _verified(client, admin_user, device)
    response = client.post(f"/sikkerhed/app/{device.pk}/fjern/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "Din rolle kræver totrinsbekræftelse" in response.text
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_professional_removing_the_last_device_loses_the_recovery_codes_too(client, professional):
    device = app_for(professional)
    _verified(client, professional, device)
    client.post("/sikkerhed/gendannelseskoder/")
    client.post(f"/sikkerhed/app/{device.pk}/fjern/", {"password": PASSWORD})
    assert not StaticDevice.objects.filter(user=professional).exists()
    assert client.get("/plans/").status_code == 200


def test_another_users_device_is_not_found(client, professional):
    device = app_for(professional)
    theirs = app_for(UserFactory(municipality=professional.municipality))
    _verified(client, professional, device)
    assert client.get(f"/sikkerhed/app/{theirs.pk}/fjern/").status_code == 404
    assert (
        client.post(f"/sikkerhed/app/{theirs.pk}/fjern/", {"password": PASSWORD}).status_code == 404
    )
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()


def test_a_visitor_is_sent_to_the_login(client):
    for path in ("/sikkerhed/", "/sikkerhed/app/", "/login/kode/", "/sikkerhed/gendannelseskoder/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/login/")
        assert not response.url.startswith("/login/kode/")


def test_a_citizen_has_no_security_page(client, municipality):
    citizen = UserFactory(municipality=municipality, role=Role.CITIZEN)
    client.force_login(citizen)
    for path in ("/sikkerhed/", "/sikkerhed/app/", "/login/kode/"):
        assert client.get(path).status_code == 404
    assert client.post("/sikkerhed/gendannelseskoder/").status_code == 404
    assert not TOTPDevice.objects.exists()


def test_the_passkey_scripts_speak_danish(client):
    response = client.get("/passkeys/jsi18n/")
    assert response.status_code == 200
    assert "Brug adgangsn\\u00f8gle" in response.text or "Brug adgangsnøgle" in response.text
