"""Shared pieces of the demo data. Every app adds its own part through `AppConfig.load_demo`.

All names, numbers and life stories in the demo are fictional.

CPR numbers: the birth dates are real dates, but every demo number fails the modulus-11
check, and none is dated 1 January. Until 2007 every CPR number the CPR Office issued passed
the modulus-11 check; since then it has issued numbers without it only for birth dates
where the modulus-11 numbers ran out, which in practice are 1 January dates. A demo number
can therefore not be a real person's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from enplan.core.models import Municipality

DEMO_PASSWORD = "enplan-demo"
DEMO_MUNICIPALITY_CODE = "990"
MODULUS_11_WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def passes_modulus_11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, MODULUS_11_WEIGHTS, strict=True)) % 11 == 0


def seventh_digit_for(year: int) -> int:
    if year < 2000:
        return 1
    return 4 if year % 100 <= 36 else 5


def demo_cpr(birth_date: date, serial: int) -> str:
    """A CPR number for `birth_date` that fails modulus 11, so it is no real person's."""
    if (birth_date.month, birth_date.day) == (1, 1):
        raise ValueError("Demo CPR numbers avoid 1 January.")
    head = birth_date.strftime("%d%m%y")
    first = seventh_digit_for(birth_date.year)
    for candidate in range(serial, serial + 20):
        sequence = f"{first}{candidate % 1000:03d}"
        if not passes_modulus_11(head + sequence):
            return f"{head}-{sequence}"
    raise AssertionError("unreachable: at most one in eleven numbers passes modulus 11")


def born(age_years: int, days_after_birthday: int) -> date:
    """A birth date that makes someone `age_years` old today, never on 1 January."""
    today = timezone.localdate()
    try:
        birthday = today.replace(year=today.year - age_years)
    except ValueError:  # 29 February
        birthday = today.replace(year=today.year - age_years, day=28)
    result = birthday - timedelta(days=days_after_birthday)
    if (result.month, result.day) == (1, 1):
        result -= timedelta(days=1)
    return result


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def days_ahead(n: int) -> date:
    return timezone.localdate() + timedelta(days=n)


@dataclass
class Demo:
    """What the demo has built so far, for the next app's part to build on."""

    # Set by the organisation app's part, which runs first.
    municipality: Municipality = field(init=False)
    users: dict = field(default_factory=dict)
    professionals: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)
    departments: dict = field(default_factory=dict)
    legislation: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    cpr_serial: int = 100

    def next_cpr(self, birth_date: date) -> str:
        self.cpr_serial += 23
        return demo_cpr(birth_date, self.cpr_serial)
