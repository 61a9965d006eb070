"""Adding, checking and removing a user's second factors. Every change is audited on the
user's account (`core.audit`); codes and secrets never reach a log."""

import logging
import math
from dataclasses import dataclass
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device, VerifyNotAllowed
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from enplan.core import audit
from enplan.core.models import AuditAction, MunicipalityOwned, User
from enplan.mfa.policy import second_factor_required

log = logging.getLogger(__name__)

RECOVERY_CODE_COUNT = 10
FACTOR_MODELS: dict[str, type[Device]] = {"app": TOTPDevice, "passkey": WebAuthnCredential}


def _audit(*, by: User, account: User, action: AuditAction, what: str, path: str = "") -> None:
    if account.municipality_id is None:
        # A platform operator belongs to no municipality, and the trail is kept per
        # municipality: the operator's own changes go to the server log, without names.
        log.info("second factor %s %s of user %s by user %s", what, action, account.pk, by.pk)
        return
    # The account is the record: it has the municipality and the key an event names.
    audit.record(
        user=by,
        action=action,
        obj=cast(MunicipalityOwned, account),
        path=path,
        changed_fields=[f"second_factor.{what}"],
    )


@dataclass(frozen=True)
class Verification:
    device: Device | None
    error: str = ""


def verify(*, user: User, code: str) -> Verification:
    """Check a code from the user's app, or one of their recovery codes (used up once it
    has worked). Wrong codes make the next try wait longer (django-otp's throttling)."""
    code = "".join(code.split()).lower()
    if not code:
        return Verification(None, _("Enter the code."))
    # An app's code is six digits; a recovery code is eight letters and digits.
    models = [TOTPDevice] if code.isdigit() and len(code) == 6 else [StaticDevice]
    wait_until = None
    with transaction.atomic():
        for model in models:
            for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
                allowed, details = device.verify_is_allowed()
                if not allowed:
                    if details and details.get("reason") == VerifyNotAllowed.N_FAILED_ATTEMPTS:
                        until = details["locked_until"]
                        wait_until = until if wait_until is None else max(until, wait_until)
                    continue
                if device.verify_token(code):
                    return Verification(device)
    if wait_until is not None:
        return Verification(None, _wait_message(wait_until))
    return Verification(None, _("The code is not right. Check it and try again."))


def _wait_message(until) -> str:
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second and try again.",
        "Too many wrong codes. Wait %(seconds)d seconds and try again.",
        seconds,
    ) % {"seconds": seconds}


def app_start(*, user: User) -> TOTPDevice:
    """A new app with a fresh secret, unconfirmed until the user types a code from it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


@transaction.atomic
def app_confirm(*, user: User, device: TOTPDevice, code: str, name: str, path: str = "") -> None:
    code = "".join(code.split())
    allowed, details = device.verify_is_allowed()
    if not allowed and details and "locked_until" in details:
        raise ValidationError({"code": _wait_message(details["locked_until"])})
    if not device.verify_token(code):
        raise ValidationError(
            {"code": _("The code is not right. Check the time on your phone and try again.")}
        )
    device.confirmed = True
    device.name = name.strip() or _("Authenticator app")
    device.save(update_fields=["confirmed", "name"])
    _audit(by=user, account=user, action=AuditAction.CREATE, what="app", path=path)


def passkey_registered(*, user: User, device: WebAuthnCredential, name: str) -> None:
    device.name = name
    device.save(update_fields=["name"])
    _audit(by=user, account=user, action=AuditAction.CREATE, what="passkey")


@transaction.atomic
def recovery_codes_renew(*, user: User, path: str = "") -> list[str]:
    """New recovery codes in place of the old ones. They are shown once, to be printed or
    written down; each opens one login when the phone or passkey is lost."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Recovery codes"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    _audit(by=user, account=user, action=AuditAction.CHANGE, what="recovery_codes", path=path)
    return codes


@transaction.atomic
def factor_remove(*, user: User, kind: str, pk: int, password: str, path: str = "") -> None:
    """Remove one of the user's own apps or passkeys; the password is asked again, so a
    session left open on a shared computer cannot take the factor away."""
    if not user.check_password(password):
        raise ValidationError({"password": _("The password is not right.")})
    model = FACTOR_MODELS[kind]
    device = model.objects.filter(user=user, pk=pk, confirmed=True).first()
    if device is None:
        raise ValidationError(_("That is not one of your devices."))
    others = (
        sum(
            m.objects.devices_for_user(user, confirmed=True).count() for m in FACTOR_MODELS.values()
        )
        - 1
    )
    if others == 0 and second_factor_required(user):
        raise ValidationError(
            _(
                "Your role requires two-step verification: "
                "add another device before you remove this one."
            )
        )
    device.delete()
    if others == 0:
        # Recovery codes are a way back to an app or passkey; without one they go too.
        StaticDevice.objects.filter(user=user).delete()
    _audit(by=user, account=user, action=AuditAction.DELETE, what=kind, path=path)


@transaction.atomic
def factors_reset(*, by: User, account: User, path: str = "") -> None:
    """An administrator's reset, for a user who has lost every device and recovery code:
    the user enrols anew at their next login (a required user before anything else)."""
    for model in (TOTPDevice, WebAuthnCredential, StaticDevice):
        model.objects.filter(user=account).delete()
    _audit(by=by, account=account, action=AuditAction.DELETE, what="all", path=path)
