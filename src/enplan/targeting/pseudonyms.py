"""Pseudonyms for CPR numbers: HMAC-SHA256 with a key only the key holder has.

A plain SHA-256 of a CPR number is no pseudonym: there are only about 3.6 million valid
CPR numbers a year of birth can produce, so anyone can hash them all in seconds and read
the table backwards. A keyed hash (HMAC) cannot be recomputed without the key, so the
pseudonyms reveal nothing to whoever holds the extracts but not the key (GDPR art. 4(5)).
"""

import hashlib
import hmac
import os
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

KEY_ENVIRONMENT_VARIABLE = "ENPLAN_PSEUDONYM_KEY"
# 32 characters of a random hex or base64 key carry at least 128 bits.
MINIMUM_KEY_LENGTH = 32
PSEUDONYM_PATTERN = re.compile(r"^[0-9a-f]{64}$")
_CPR_DIGITS = re.compile(r"^(\d{6})[- ]?(\d{4})$")


def check_key(key: str) -> bytes:
    """The key as bytes, refusing an empty or short one (a short key can be guessed)."""
    key = (key or "").strip()
    if not key:
        raise ValidationError(_("The pseudonymisation key is missing."), code="no_key")
    if len(key) < MINIMUM_KEY_LENGTH:
        raise ValidationError(
            _("The pseudonymisation key must be at least %(n)d characters long.")
            % {"n": MINIMUM_KEY_LENGTH},
            code="short_key",
        )
    return key.encode("utf-8")


def key_from_environment() -> bytes:
    return check_key(os.environ.get(KEY_ENVIRONMENT_VARIABLE, ""))


def cpr_digits(value: str) -> str | None:
    """The ten digits of a CPR number written as DDMMYYSSSS, DDMMYY-SSSS or DDMMYY SSSS."""
    match = _CPR_DIGITS.match((value or "").strip())
    return match.group(1) + match.group(2) if match else None


def pseudonym(key: bytes, cpr: str) -> str:
    """HMAC-SHA256 (lower-case hex) of the ten-digit CPR number."""
    digits = cpr_digits(cpr)
    if digits is None:
        raise ValidationError(_("“%(value)s” is not a CPR number.") % {"value": cpr})
    return hmac.new(key, digits.encode("ascii"), hashlib.sha256).hexdigest()


def short(value: str) -> str:
    """The first characters of a pseudonym: enough to tell candidates apart on a page."""
    return value[:10]
