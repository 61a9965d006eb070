"""What a user has as second factors, for their own security page and the login."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from enplan.core.models import User

KIND_LABELS = {"app": _("Authenticator app"), "passkey": _("Passkey")}


@dataclass(frozen=True)
class Factor:
    kind: str  # "app" or "passkey"
    pk: int
    name: str
    created_at: datetime | None
    last_used_at: datetime | None

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


def factors_of(user: User) -> list[Factor]:
    """The user's confirmed apps and passkeys, oldest first (recovery codes apart)."""
    factors = [
        Factor("app", d.pk, d.name, d.created_at, d.last_used_at)
        for d in TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk")
    ]
    factors += [
        Factor("passkey", d.pk, d.name, d.created_at, d.last_used_at)
        for d in WebAuthnCredential.objects.devices_for_user(user, confirmed=True).order_by("pk")
    ]
    return factors


def has_factor(user: User) -> bool:
    """Whether the user has an app or a passkey; recovery codes alone are a way back in
    after a lost phone, not a second factor to enrol with."""
    # One query for both kinds: the second-factor check asks it on every page of a login
    # that owes one.
    apps = TOTPDevice.objects.devices_for_user(user, confirmed=True).values("user_id")
    passkeys = WebAuthnCredential.objects.devices_for_user(user, confirmed=True).values("user_id")
    return apps.union(passkeys).exists()


def has_passkey(user: User) -> bool:
    return WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def pending_app(user: User, pk: int) -> TOTPDevice | None:
    """An app being added, not yet confirmed with a code from it."""
    return TOTPDevice.objects.filter(user=user, pk=pk, confirmed=False).first()


def static_devices_of(user: User):
    return StaticDevice.objects.devices_for_user(user, confirmed=True)
