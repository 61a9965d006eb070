"""The pure date rules behind the reminders, in local (Copenhagen) calendar days."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from enplan.reminders.rules import (
    add_years,
    eighteenth_birthday,
    followup_is_due,
    review_is_approaching,
    start_is_overdue,
    turns_18_within_a_year,
)

CPH = ZoneInfo("Europe/Copenhagen")
UTC = ZoneInfo("UTC")


def test_a_leap_day_birthday_counts_from_1_march_in_other_years():
    assert add_years(date(2008, 2, 29), 18) == date(2026, 3, 1)
    assert eighteenth_birthday(date(2008, 2, 29)) == date(2026, 3, 1)
    assert add_years(date(2008, 2, 29), 16) == date(2024, 2, 29)


@pytest.mark.parametrize(
    ("birth", "today", "expected"),
    [
        (date(2009, 6, 1), date(2026, 6, 1), True),  # 18 exactly a year from today
        (date(2009, 6, 2), date(2026, 6, 1), False),  # a day too late
        (date(2008, 6, 2), date(2026, 6, 1), True),  # 18 tomorrow
        (date(2008, 6, 1), date(2026, 6, 1), False),  # 18 today: already an adult
        (date(2012, 1, 5), date(2026, 6, 1), False),
    ],
)
def test_turning_18_within_a_year(birth, today, expected):
    assert turns_18_within_a_year(birth, today) is expected


def test_an_agreed_start_is_overdue_from_the_next_day():
    assert not start_is_overdue(date(2026, 3, 2), date(2026, 3, 2))
    assert start_is_overdue(date(2026, 3, 2), date(2026, 3, 3))


def test_a_review_is_approaching_within_the_window_and_not_after_it_passed():
    today = date(2026, 11, 1)
    assert review_is_approaching(date(2026, 11, 15), today, 14)
    assert not review_is_approaching(date(2026, 11, 16), today, 14)
    assert not review_is_approaching(date(2026, 10, 31), today, 14)


def test_followup_counts_copenhagen_days_not_utc_days():
    # Ended at 00:30 on 10 March in Copenhagen, which is still 9 March in UTC.
    ended = datetime(2026, 3, 10, 0, 30, tzinfo=CPH)
    assert ended.astimezone(UTC).date() == date(2026, 3, 9)
    # 12 March 23:59 local is not yet three days; 13 March 00:00 local is.
    assert not followup_is_due(ended, datetime(2026, 3, 12, 23, 59, tzinfo=CPH), 3)
    assert followup_is_due(ended, datetime(2026, 3, 13, 0, 0, tzinfo=CPH), 3)
    # 13 March 00:30 local is 12 March 23:30 UTC: due all the same.
    assert followup_is_due(ended, datetime(2026, 3, 12, 23, 30, tzinfo=UTC), 3)


def test_followup_over_the_autumn_clock_change_still_counts_three_calendar_days():
    # Summer time ends on 25 October 2026; the three days are 71 hours + 1 long.
    ended = datetime(2026, 10, 24, 23, 30, tzinfo=CPH)
    assert not followup_is_due(ended, datetime(2026, 10, 26, 23, 59, tzinfo=CPH), 3)
    assert followup_is_due(ended, datetime(2026, 10, 27, 0, 0, tzinfo=CPH), 3)


def test_followup_over_the_spring_clock_change_still_counts_three_calendar_days():
    # Summer time starts on 29 March 2026, a 23-hour day.
    ended = datetime(2026, 3, 28, 10, 0, tzinfo=CPH)
    assert not followup_is_due(ended, datetime(2026, 3, 30, 23, 59, tzinfo=CPH), 3)
    assert followup_is_due(ended, datetime(2026, 3, 31, 0, 0, tzinfo=CPH), 3)
