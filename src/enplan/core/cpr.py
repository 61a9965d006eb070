"""Danish CPR numbers: parsing, the birth date they carry, and masking for display.

The modulus-11 check is deliberately not applied: since 2007 the CPR Office issues numbers
that fail it, so rejecting them would lock real citizens out.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CPR_PATTERN = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


@dataclass(frozen=True)
class Cpr:
    digits: str  # ten digits, no dash
    birth_date: date

    @property
    def formatted(self) -> str:
        return f"{self.digits[:6]}-{self.digits[6:]}"

    @property
    def masked(self) -> str:
        return mask(self.formatted)

    def age_on(self, day: date) -> int:
        return age_on(self.birth_date, day)


def century(year_digits: int, seventh_digit: int) -> int:
    """The CPR Office's rule for which century a two-digit birth year belongs to."""
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year_digits <= 36 else 1900
    return 2000 if year_digits <= 57 else 1800


def parse(value: str) -> Cpr:
    match = CPR_PATTERN.match((value or "").strip())
    if not match:
        raise ValidationError(
            _("Enter the CPR number as DDMMYY-SSSS, e.g. 150387-1234."), code="cpr_format"
        )
    dd, mm, yy, sequence = match.groups()
    full_year = century(int(yy), int(sequence[0])) + int(yy)
    try:
        birth_date = date(full_year, int(mm), int(dd))
    except ValueError:
        raise ValidationError(
            _("The CPR number does not start with a real date (DDMMYY)."), code="cpr_date"
        ) from None
    return Cpr(digits=f"{dd}{mm}{yy}{sequence}", birth_date=birth_date)


def mask(formatted: str) -> str:
    """Show the birth date part only; the sequence identifies the person and is rarely needed."""
    return f"{formatted[:6]}-xxxx" if formatted else ""


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
