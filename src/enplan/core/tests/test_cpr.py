from datetime import date

import pytest
from django.core.exceptions import ValidationError

from enplan.core import cpr


@pytest.mark.parametrize(
    ("number", "birth_date"),
    [
        ("150387-1234", date(1987, 3, 15)),
        ("1503871234", date(1987, 3, 15)),
        ("010203-4000", date(2003, 2, 1)),  # 7th digit 4, year <= 36: 2000s
        ("010250-4000", date(1950, 2, 1)),  # 7th digit 4, year > 36: 1900s
        ("010257-5000", date(2057, 2, 1)),  # 7th digit 5-8, year <= 57: 2000s
        ("010258-5000", date(1858, 2, 1)),  # 7th digit 5-8, year > 57: 1800s
        ("010236-9000", date(2036, 2, 1)),
        ("010237-9000", date(1937, 2, 1)),
        ("290200-4123", date(2000, 2, 29)),  # leap day in a leap year
    ],
)
def test_it_derives_the_birth_date_from_the_number_and_century_digit(number, birth_date):
    assert cpr.parse(number).birth_date == birth_date


def test_it_formats_with_a_dash():
    assert cpr.parse("1503871234").formatted == "150387-1234"


@pytest.mark.parametrize("number", ["", "15038-71234", "150387-123", "abcdef-1234", "150387 1234x"])
def test_it_rejects_a_malformed_number_with_a_clear_message(number):
    with pytest.raises(ValidationError) as error:
        cpr.parse(number)
    assert error.value.code == "cpr_format"


@pytest.mark.parametrize("number", ["320187-1234", "310487-1234", "290201-4123", "001387-1234"])
def test_it_rejects_a_number_that_does_not_start_with_a_real_date(number):
    with pytest.raises(ValidationError) as error:
        cpr.parse(number)
    assert error.value.code == "cpr_date"


def test_it_accepts_numbers_that_fail_modulus_11_because_such_numbers_are_issued():
    assert cpr.parse("150387-1235").formatted == "150387-1235"


def test_masking_hides_the_sequence_number():
    assert cpr.parse("150387-1234").masked == "150387-xxxx"


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1987, 3, 15), date(2026, 3, 14), 38),
        (date(1987, 3, 15), date(2026, 3, 15), 39),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_counts_whole_years(birth, day, age):
    assert cpr.age_on(birth, day) == age
