"""`make run` stays usable: the demo's administrator and key holder have an app with the
published demo key, and `demo_code` prints its code in development only."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.mfa.demo import DEMO_TOTP_KEY, demo_key_hex

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_db(argon2_demo_in_transaction, db):
    pass


def test_every_demo_user_who_must_have_a_second_factor_has_the_demo_app(demo_db):
    owners = set(
        TOTPDevice.objects.filter(key=demo_key_hex()).values_list("user__username", flat=True)
    )
    assert owners == {"admin", "noegleholder"}


def test_the_readme_gives_the_demo_key(demo_db):
    from pathlib import Path

    readme = Path(__file__).resolve().parents[4] / "README.md"
    assert DEMO_TOTP_KEY in readme.read_text()


def test_demo_code_prints_the_code_the_app_shows(demo_db, settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_code", "admin", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert code.isdigit()
    assert TOTPDevice.objects.get(user__username="admin").verify_token(code)


@pytest.mark.parametrize(("debug", "production"), [(False, False), (True, True)])
def test_demo_code_refuses_outside_development(demo_db, settings, debug, production):
    settings.DEBUG, settings.PRODUCTION = debug, production
    with pytest.raises(CommandError):
        call_command("demo_code", "admin", stdout=io.StringIO())
