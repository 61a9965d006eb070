"""Real codes from a user's authenticator app, computed as the app computes them
(RFC 6238, with django-otp's own implementation), for tests that log in as a person would."""

import time

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(username: str) -> str:
    """The code the user's app shows now, or the next one if this one was used already
    (a code works once: django-otp remembers the last time step it accepted)."""
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).latest("pk")
    return code_for(device)


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    now_t = int((time.time() - device.t0) // device.step) + device.drift
    t = max(now_t, device.last_t + 1) + steps_ahead
    return f"{hotp(device.bin_key, t, device.digits):0{device.digits}d}"
