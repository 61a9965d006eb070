"""Limits for the one page reached without logging in: the citizen's one-time evaluation link.

A token has 256 random bits, so guessing one is hopeless; the limits stop anyone from
trying all the same, without standing in the way of the citizen whose link it is:

- wrong links are counted per address, and after ENPLAN_PUBLIC_GUESSES (5 in 5 minutes)
  that address must wait out a short cool-down before trying another *wrong* one;
- a valid link is never held back by what others behind the same address (a school,
  a library, a municipality's guest network) have guessed; it is limited only per link
  (ENPLAN_PUBLIC_LINK_REQUESTS), so that no one can flood it.

The counts live in the cache (core.access.within_rate); an address is only ever part of a
key as a keyed hash, and forgotten when its window ends.
"""

import hashlib
import hmac

from django.conf import settings

from enplan.core.access import client_address, within_rate


def _keyed(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def wrong_link_allowed(request) -> bool:
    """Count a wrong or spent link from this address; False once it has had its share."""
    limit, seconds = settings.ENPLAN_PUBLIC_GUESSES
    return within_rate(
        f"evaluation-guess:{_keyed(client_address(request))}", limit=limit, seconds=seconds
    )


def link_request_allowed(token: str) -> bool:
    """Count a request to a valid link; False if the link itself is being flooded."""
    limit, seconds = settings.ENPLAN_PUBLIC_LINK_REQUESTS
    return within_rate(f"evaluation-link:{_keyed(token)}", limit=limit, seconds=seconds)
