"""Passkeys (WebAuthn) through django-otp-webauthn, as a second factor after the password.

The relying party is the host Én plan answers at (Django has already checked it against
ALLOWED_HOSTS), or `ENPLAN_PASSKEY_RP_ID` where a municipality wants passkeys to work on
every host under one domain. A passkey is bound to that name: changing it later means
everyone registers their passkeys again.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django_otp_webauthn.helpers import WebAuthnHelper

from enplan.mfa import services


def relying_party_id(request) -> str:
    return settings.ENPLAN_PASSKEY_RP_ID or request.get_host().rsplit(":", 1)[0]


class PasskeyHelper(WebAuthnHelper):
    def get_allowed_origins(self) -> list[str]:
        return [f"{self.request.scheme}://{self.request.get_host()}"]

    def register_complete(self, user, state, data):
        device = super().register_complete(user=user, state=state, data=data)
        services.passkey_registered(user=user, device=device, name=_("Passkey"))
        return device
