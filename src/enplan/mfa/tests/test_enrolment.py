"""Adding an authenticator app: the QR code, a real code from the app's secret, and the
recovery codes shown once."""

import base64

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.core.models import AuditAction, AuditEvent
from enplan.mfa.tests.codes import code_for
from enplan.mfa.tests.conftest import app_for, log_in_with_password

pytestmark = pytest.mark.django_db


def _start(client, user):
    log_in_with_password(client, user)
    response = client.get("/sikkerhed/app/")
    assert response.status_code == 200
    return response, TOTPDevice.objects.get(user=user, confirmed=False)


def test_the_page_shows_a_qr_code_and_the_key_to_type(client, admin_user):
    response, device = _start(client, admin_user)
    assert "<svg" in response.text
    assert "QR-kode til din app" in response.text
    key = "".join(response.context["secret_groups"])
    assert bytes.fromhex(device.key) == base64.b32decode(key)


def test_a_code_from_the_new_app_adds_it_and_shows_the_recovery_codes_once(client, admin_user):
    _, device = _start(client, admin_user)
    response = client.post(
        "/sikkerhed/app/", {"code": code_for(device), "name": "Arbejdstelefon", "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response.url.startswith("/sikkerhed/gendannelseskoder/")
    device.refresh_from_db()
    assert device.confirmed
    assert device.name == "Arbejdstelefon"

    shown = client.get(response.url)
    codes = shown.context["codes"]
    assert len(codes) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=admin_user).values_list("token", flat=True)
    )
    assert "De vises kun denne ene gang" in shown.text
    again = client.get(response.url)
    assert again.context["codes"] is None
    assert codes[0] not in again.text
    # Enrolled and verified: the administration opens.
    assert client.get("/admin/").status_code == 200


def test_adding_the_app_is_audited_on_the_users_account(client, admin_user):
    _, device = _start(client, admin_user)
    client.post("/sikkerhed/app/", {"code": code_for(device), "name": ""})
    event = AuditEvent.objects.get(object_type="core.user", action=AuditAction.CREATE)
    assert event.object_id == str(admin_user.pk)
    assert event.changed_fields == ["second_factor.app"]
    assert event.municipality_id == admin_user.municipality_id


def test_a_wrong_code_adds_nothing(client, admin_user):
    _, device = _start(client, admin_user)
    wrong = f"{(int(code_for(device)) + 7) % 1_000_000:06d}"
    response = client.post("/sikkerhed/app/", {"code": wrong, "name": "x"})
    assert response.status_code == 200
    assert "Koden er ikke rigtig" in response.text
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    assert client.get("/admin/").url.startswith("/sikkerhed/kom-i-gang/")


def test_a_second_app_keeps_the_recovery_codes(client, professional):
    first = app_for(professional)
    log_in_with_password(client, professional)
    client.post("/login/kode/", {"code": code_for(first)})
    client.post("/sikkerhed/gendannelseskoder/")
    tokens = set(StaticToken.objects.values_list("token", flat=True))
    client.get("/sikkerhed/app/")
    second = TOTPDevice.objects.get(user=professional, confirmed=False)
    response = client.post("/sikkerhed/app/", {"code": code_for(second), "name": "Tablet"})
    assert response.url == "/sikkerhed/"
    assert set(StaticToken.objects.values_list("token", flat=True)) == tokens


def test_new_recovery_codes_replace_the_old_ones(client, professional):
    device = app_for(professional)
    log_in_with_password(client, professional)
    client.post("/login/kode/", {"code": code_for(device)})
    client.post("/sikkerhed/gendannelseskoder/")
    old = set(StaticToken.objects.values_list("token", flat=True))
    response = client.post("/sikkerhed/gendannelseskoder/", {"next": "/sikkerhed/"})
    new = client.get(response.url).context["codes"]
    assert set(new) == set(StaticToken.objects.values_list("token", flat=True))
    assert not old & set(new)
