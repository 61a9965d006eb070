"""Password → "Indtast koden fra din app" → in; nothing else opens in between."""

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.mfa.tests.codes import code_for
from enplan.mfa.tests.conftest import app_for, log_in_with_password

pytestmark = pytest.mark.django_db


def test_after_the_password_an_administrator_is_asked_for_the_code(client, admin_user):
    app_for(admin_user)
    response = log_in_with_password(client, admin_user)
    response = client.get(response.url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/login/kode/")
    assert "Indtast koden fra din app" in response.text


def test_the_right_code_lets_the_administrator_in(client, admin_user):
    device = app_for(admin_user)
    log_in_with_password(client, admin_user)
    response = client.post("/login/kode/", {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_in_danish_and_nothing_opens(client, admin_user):
    device = app_for(admin_user)
    log_in_with_password(client, admin_user)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = client.post("/login/kode/", {"code": wrong})
    assert response.status_code == 200
    assert "Koden er ikke rigtig" in response.text
    assert client.get("/admin/").url.startswith("/login/kode/")


def test_a_code_works_once(client, admin_user):
    device = app_for(admin_user)
    code = code_for(device)
    log_in_with_password(client, admin_user)
    assert client.post("/login/kode/", {"code": code}).status_code == 302
    client.logout()
    log_in_with_password(client, admin_user)
    response = client.post("/login/kode/", {"code": code})
    assert response.status_code == 200
    assert "Koden er ikke rigtig" in response.text


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/plans/", "/targeting/", "/sikkerhed/", "/sikkerhed/app/", "/notifications/"],
)
def test_no_page_opens_before_the_code(client, admin_user, path):
    app_for(admin_user)
    log_in_with_password(client, admin_user)
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/login/kode/")


def test_the_admin_sites_own_login_also_asks_for_the_code(client, admin_user):
    app_for(admin_user)
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": admin_user.username, "password": "test-password-1", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").url.startswith("/login/kode/")


def test_a_recovery_code_opens_one_login(client, admin_user):
    app_for(admin_user)
    device = StaticDevice.objects.create(user=admin_user, name="Gendannelseskoder")
    StaticToken.objects.create(device=device, token="abcd2345")
    log_in_with_password(client, admin_user)
    assert client.post("/login/kode/", {"code": "ABCD 2345"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    log_in_with_password(client, admin_user)
    assert client.post("/login/kode/", {"code": "abcd2345"}).status_code == 200


def test_an_administrator_without_a_device_must_set_one_up_first(client, admin_user):
    log_in_with_password(client, admin_user)
    for path in ("/admin/", "/plans/", "/login/kode/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/sikkerhed/kom-i-gang/")
    response = client.get("/sikkerhed/kom-i-gang/")
    assert "Din rolle kræver totrinsbekræftelse" in response.text


def test_the_key_holder_must_set_one_up_too(client, municipality):
    key_holder = UserFactory(municipality=municipality, role=Role.KEY_HOLDER)
    log_in_with_password(client, key_holder)
    assert client.get("/targeting/").url.startswith("/sikkerhed/kom-i-gang/")


def test_a_professional_without_a_device_goes_straight_in(client, professional):
    log_in_with_password(client, professional)
    assert client.get("/plans/").status_code == 200


def test_a_professional_who_added_a_device_is_asked_for_it(client, professional):
    app_for(professional)
    log_in_with_password(client, professional)
    assert client.get("/plans/").url.startswith("/login/kode/")


def test_logging_out_is_always_possible(client, admin_user):
    log_in_with_password(client, admin_user)
    client.post("/logout/")
    assert SESSION_KEY not in client.session


def test_the_code_page_does_not_send_a_visitor_anywhere_else(client, admin_user):
    app_for(admin_user)
    log_in_with_password(client, admin_user)
    response = client.post(
        "/login/kode/",
        {"code": code_for(admin_user.totpdevice_set.get()), "next": "https://evil.example/"},
    )
    assert response.url == "/"


def test_the_session_gets_a_new_key_once_the_code_is_shown(client, admin_user):
    device = app_for(admin_user)
    log_in_with_password(client, admin_user)
    before = client.session.session_key
    client.post("/login/kode/", {"code": code_for(device)})
    assert client.session.session_key != before


def test_a_login_through_an_identity_provider_that_checks_its_own_second_factor_is_not_asked(
    client, admin_user, settings
):
    settings.ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS = ["enplan.core.backends.StaffBackend"]
    app_for(admin_user)
    log_in_with_password(client, admin_user)
    assert client.get("/admin/").status_code == 200


def test_an_administrator_who_came_through_single_sign_on_is_not_asked_again(client, admin_user):
    # The SSO views log the user in with this backend once the identity provider has
    # vouched for them, second factor included.
    app_for(admin_user)
    client.force_login(admin_user, backend="enplan.sso.backends.SSOBackend")
    assert client.get("/admin/").status_code == 200


def test_a_session_of_any_other_backend_is_asked(client, admin_user, settings):
    # A way of logging in added later, and not named as checking a second factor.
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "django.contrib.auth.backends.ModelBackend",
    ]
    app_for(admin_user)
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/").url.startswith("/login/kode/")


def test_a_municipality_can_require_it_of_all_staff(client, professional, settings):
    settings.ENPLAN_SECOND_FACTOR_FOR_ALL_STAFF = True
    log_in_with_password(client, professional)
    assert client.get("/plans/").url.startswith("/sikkerhed/kom-i-gang/")


def test_the_code_page_offers_no_way_to_pages_that_are_not_open_yet(client, admin_user):
    app_for(admin_user)
    log_in_with_password(client, admin_user)
    response = client.get("/login/kode/")
    assert 'href="/sikkerhed/"' not in response.text
    assert 'href="/admin/"' not in response.text
    assert "Log ud" in response.text
