"""Text messages (SMS) to citizens, through a pluggable gateway backend.

As with Django's e-mail backends, the setting ENPLAN_SMS_BACKEND names a class by its
dotted path; the municipality's provider is one more class with a `send` method (see
docs/sms.md). The product ships a console backend (the default), a file backend for the
demo and a backend that keeps messages in memory for the tests.

An SMS travels through a telephone company and lands on a lock screen: it carries a link
or a short practical message, never a CPR number, a diagnosis or a word about a case.
"""

import re
import sys
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

# A Danish number has eight digits, the first not 0 or 1 (those are service numbers).
_DANISH_NUMBER = re.compile(r"[2-9]\d{7}")


def danish_mobile(value: str) -> str:
    """The number in international form (+4512345678), from what a person types:
    spaces, dashes and an optional +45 or 0045 are allowed. ValidationError in Danish."""
    digits = re.sub(r"[\s\-.()]", "", value or "")
    if digits.startswith("+45"):
        digits = digits[3:]
    elif digits.startswith("0045"):
        digits = digits[4:]
    if not _DANISH_NUMBER.fullmatch(digits):
        raise ValidationError(
            _("Write a Danish mobile number of 8 digits, e.g. 20 12 34 56."), code="mobile"
        )
    return f"+45{digits}"


def is_danish_mobile(value: str) -> bool:
    try:
        danish_mobile(value)
    except ValidationError:
        return False
    return True


@dataclass(frozen=True)
class SmsMessage:
    to: str  # international form, +45 and eight digits
    text: str


class SmsError(Exception):
    """The gateway did not take the message. The text of the error must not hold the
    number or the message: it may be logged."""


class BaseSmsBackend(ABC):
    """What a gateway implements: send one message, or raise SmsError. A backend without
    `send` cannot be made, so a half-written provider fails when it is loaded, not at
    the first message."""

    @abstractmethod
    def send(self, message: SmsMessage) -> None: ...


class ConsoleBackend(BaseSmsBackend):
    """Writes each message to standard output, for development without a gateway."""

    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"SMS to {message.to}:\n{message.text}\n{'-' * 40}\n")
        sys.stdout.flush()


class FileBackend(BaseSmsBackend):
    """One file per message in ENPLAN_SMS_FILE_PATH (sent-sms/), where the demo's messages
    can be read, as the demo's e-mails are in sent-mail/."""

    _lock = threading.Lock()

    def send(self, message: SmsMessage) -> None:
        folder = Path(settings.ENPLAN_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        with self._lock:
            path = folder / f"{stamp}.txt"
            path.write_text(f"To: {message.to}\n\n{message.text}\n", encoding="utf-8")


# The messages the in-memory backend has taken, newest last; emptied before each test.
outbox: list[SmsMessage] = []


class LocmemBackend(BaseSmsBackend):
    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


@cache
def _backend_class(path: str) -> type[BaseSmsBackend]:
    return import_string(path)


def send_sms(*, to: str, text: str) -> None:
    """Send one message through the configured gateway; SmsError when it fails."""
    backend = _backend_class(settings.ENPLAN_SMS_BACKEND)()
    try:
        backend.send(SmsMessage(to=danish_mobile(to), text=text))
    except SmsError:
        raise
    except Exception as error:  # a provider's own exceptions become one the callers know
        raise SmsError(type(error).__name__) from error
