"""Limits for the one page reached without logging in: the citizen's one-time evaluation link.

A token has 256 random bits, so guessing one is hopeless; the limits stop anyone from
trying all the same, and keep a single address from flooding the page. Addresses are
stored only as a keyed hash and only for as long as the longest window.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from enplan.core.access import client_address
from enplan.meetings.models import PublicRequest


def client_key(request) -> str:
    address = client_address(request)
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def allow(request) -> bool:
    """Count this request; False when its address has asked too often lately."""
    now = timezone.now()
    key = client_key(request)
    limit, window = settings.ENPLAN_PUBLIC_REQUESTS
    failure_limit, failure_window = settings.ENPLAN_PUBLIC_FAILURES
    PublicRequest.objects.filter(
        at__lt=now - timedelta(seconds=max(window, failure_window))
    ).delete()
    recent = PublicRequest.objects.filter(key=key)
    if recent.filter(at__gte=now - timedelta(seconds=window)).count() >= limit:
        return False
    if (
        recent.filter(failed=True, at__gte=now - timedelta(seconds=failure_window)).count()
        >= failure_limit
    ):
        return False
    PublicRequest.objects.create(key=key, at=now)
    return True


def record_failure(request) -> None:
    """An unusable link was tried: these count towards a tighter limit."""
    PublicRequest.objects.create(key=client_key(request), failed=True)
