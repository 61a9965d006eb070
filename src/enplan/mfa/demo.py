"""The demo's second factors: every demo user whose role requires one (the administrator,
the key holder) has an authenticator app with the same published demo key, so `make run`
is usable with any authenticator app, or with `manage.py demo_code`. The requirement
itself stays on: the key is as public as the demo password, and the demo is fictional."""

from base64 import b32decode

from django_otp.plugins.otp_totp.models import TOTPDevice

from enplan.core.demo import Demo
from enplan.core.models import User
from enplan.mfa.policy import second_factor_required

# Type into an authenticator app (README.md, "Demo logins"). Not a secret.
DEMO_TOTP_KEY = "ENPLANDEMOSECRETNOTSECRET2345677"


def demo_key_hex() -> str:
    return b32decode(DEMO_TOTP_KEY).hex()


def load(demo: Demo) -> None:
    for user in User.objects.filter(municipality=demo.municipality).order_by("pk"):
        if second_factor_required(user):
            TOTPDevice.objects.create(
                user=user, name="Demo-app", key=demo_key_hex(), confirmed=True
            )
