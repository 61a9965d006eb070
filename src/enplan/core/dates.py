"""Plausible dates: the range a date typed by a user, or given in an address, may have.

Python's dates reach from year 1 to 9999, and a date far from today breaks the
arithmetic that follows it (a burden "90 days before 0001-01-01" does not exist) or is
a typing mistake nobody meant (a meeting in 2099, a note dated 1900). Én plan holds
plans made from 2000 on and plans at most five years ahead; every date a user gives is
checked against that range here, with a Danish message, before anything is computed.
"""

from datetime import date

from django.core.exceptions import BadRequest, ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _

EARLIEST = date(2000, 1, 1)
YEARS_AHEAD = 5


class BadQuery(BadRequest):
    """A malformed query parameter: answered with 400 and the Danish message it carries."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def latest(today: date | None = None) -> date:
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def check_plausible(value: date, *, earliest: date = EARLIEST, until: date | None = None) -> None:
    """Raise a ValidationError in Danish when `value` is outside the plausible range."""
    until = until or latest()
    if value < earliest:
        raise ValidationError(
            _("The date must be on or after %(date)s.")
            % {"date": date_format(earliest, "SHORT_DATE_FORMAT")},
            code="too_early",
        )
    if value > until:
        raise ValidationError(
            _("The date must be on or before %(date)s.")
            % {"date": date_format(until, "SHORT_DATE_FORMAT")},
            code="too_late",
        )


def parse_date_param(request, name: str, default: date | None = None) -> date | None:
    """The date in the query parameter `name` (YYYY-MM-DD), `default` when it is absent
    or empty; BadQuery (400) when it is not a plausible date."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    try:
        value = parse_date(raw)
    except ValueError:
        value = None
    if value is None:
        raise BadQuery(
            _("The date '%(value)s' is not a date. Write it as YYYY-MM-DD, e.g. 2026-11-22.")
            % {"value": raw[:20]}
        )
    try:
        check_plausible(value)
    except ValidationError as error:
        raise BadQuery(" ".join(error.messages)) from error
    return value
