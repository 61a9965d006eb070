"""A date nobody meant (a meeting in 1999 or 2099, a note dated 1900, a goal due in 1999)
is refused with a Danish message that gives the range, and nothing is saved."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enplan.core.dates import EARLIEST, check_plausible, latest
from enplan.core.forms import PlausibleDateField
from enplan.meetings.models import Meeting
from enplan.meetings.tests.test_meeting_plan import form_data
from enplan.plans.models import Goal, LogEntry

pytestmark = pytest.mark.django_db

TOO_EARLY = "Datoen skal være 01.01.2000 eller senere."


def test_the_range_runs_from_2000_to_five_years_ahead():
    today = timezone.localdate()
    check_plausible(EARLIEST)
    check_plausible(latest(today))
    with pytest.raises(ValidationError):
        check_plausible(EARLIEST - timedelta(days=1))
    with pytest.raises(ValidationError):
        check_plausible(latest(today) + timedelta(days=1))
    assert latest(date(2028, 2, 29)) == date(2033, 2, 28)


def test_the_field_refuses_year_one_in_danish():
    with pytest.raises(ValidationError) as error:
        PlausibleDateField().clean("0001-01-01")
    assert error.value.messages == [TOO_EARLY]


@pytest.mark.parametrize("day", ["1999-12-31", "2099-06-01"])
def test_a_meeting_in_1999_or_2099_is_refused(client, world, day):
    client.force_login(world.coordinator.user)
    response = client.post(
        reverse("meetings:create", args=[world.plan.pk]), form_data(world, day=day)
    )
    assert response.status_code == 200
    assert "Datoen skal være" in response.text
    assert not Meeting.objects.exists()


def test_a_log_note_dated_1900_is_refused(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/log/new/",
        {"kind": "note", "occurred_on": "1900-05-01", "text": "Gammel"},
    )
    assert TOO_EARLY in response.text
    assert not LogEntry.objects.filter(text="Gammel").exists()


def test_a_goal_due_in_1999_is_refused(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        {
            "title": "Egen bolig",
            "life_area": "housing",
            "status": "not_started",
            "target_date": "1999-01-01",
        },
    )
    assert TOO_EARLY in response.text
    assert not Goal.objects.exists()
