"""Guessing codes is slowed down by django-otp's throttling: each wrong code doubles the
wait, and while waiting even the right code is refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.mfa.tests.codes import code_for
from enplan.mfa.tests.conftest import app_for, log_in_with_password

pytestmark = pytest.mark.django_db


def _wrong(device):
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


def test_after_wrong_codes_even_the_right_one_waits(client, admin_user):
    device = app_for(admin_user)
    log_in_with_password(client, admin_user)
    for _ in range(4):
        client.post("/login/kode/", {"code": _wrong(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1
    response = client.post("/login/kode/", {"code": code_for(device)})
    assert response.status_code == 200
    assert "For mange forkerte koder" in response.text
    assert client.get("/admin/").url.startswith("/login/kode/")


def test_the_wait_doubles_with_each_wrong_code(client, admin_user):
    device = app_for(admin_user)
    log_in_with_password(client, admin_user)
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    response = client.post("/login/kode/", {"code": code_for(device)})
    # 1, 2, 4, 8, 16 seconds: after five wrong codes, about 16 seconds.
    assert "Vent 16 sekunder" in response.text or "Vent 15 sekunder" in response.text


def test_once_the_wait_is_over_the_right_code_works(client, admin_user):
    device = app_for(admin_user)
    log_in_with_password(client, admin_user)
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = timezone.now() - timedelta(seconds=5)
    device.save()
    response = client.post("/login/kode/", {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_recovery_codes_are_throttled_too(client, admin_user):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    app_for(admin_user)
    static = StaticDevice.objects.create(user=admin_user, name="Gendannelseskoder")
    StaticToken.objects.create(device=static, token="abcd2345")
    log_in_with_password(client, admin_user)
    client.post("/login/kode/", {"code": "zzzz9999"})
    client.post("/login/kode/", {"code": "zzzz8888"})
    response = client.post("/login/kode/", {"code": "abcd2345"})
    assert "For mange forkerte koder" in response.text
    assert StaticToken.objects.filter(token="abcd2345").exists()
