"""ETags and If-Match: the API's form of the forms' optimistic locking.

A record's ETag is its version (`"v3"`); a write sends it back in `If-Match` and is
refused with 412 if the record has moved on (`core.concurrency.save_if_unchanged`).
"""

import re


class PreconditionRequired(Exception):
    """A write without `If-Match`: the API does not overwrite blindly."""


class MalformedIfMatch(Exception):
    """`If-Match` is not an ETag the API gave out."""


def etag_for_version(version: int) -> str:
    return f'"v{version}"'


def version_from_if_match(header: str | None) -> int:
    """The version an `If-Match` header names: 428 without one, 400 for a malformed one."""
    if not header:
        raise PreconditionRequired
    match = re.fullmatch(r'\s*(?:W/)?"v(\d{1,9})"\s*', header)
    if match is None:
        raise MalformedIfMatch
    return int(match.group(1))
