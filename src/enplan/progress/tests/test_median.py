"""The median days on a step: PostgreSQL's percentile_cont, and the portable window-function
version SQLite uses, give the same answers, odd and even counts alike."""

import statistics
from datetime import date, timedelta

import pytest
from django.db import connection

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.organisation.models import Step
from enplan.plans.tests.factories import PlanMemberFactory
from enplan.progress import steering
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db

PERIOD = steering.Period(date(2025, 1, 1), date(2025, 12, 31))


def stays_of(durations):
    """One citizen per duration, on step 1 and moving up after that many days."""
    municipality = MunicipalityFactory()
    first, second, _third = Step.objects.filter(model__municipality=municipality).order_by("order")
    for index, days in enumerate(durations):
        member = PlanMemberFactory(plan__coordinator__department__area__municipality=municipality)
        start = date(2025, 1, 1) + timedelta(days=index)
        StepRegistrationFactory(member=member, step=first, entered_on=start)
        StepRegistrationFactory(member=member, step=second, entered_on=start + timedelta(days=days))
    leader = UserFactory(municipality=municipality, role=Role.LEADER)
    figures = steering.steering_figures(leader, period=PERIOD, group=steering.Group())
    return next(row for row in figures.steps if row.step == first).median_days


CASES = [
    [10],
    [1, 2, 3, 10],
    [5, 1, 9, 3, 7],
    [4, 4, 8, 100, 1, 2],
    [30, 31, 28, 29, 200, 61, 92, 14],
]


@pytest.mark.parametrize("durations", CASES)
def test_the_median_matches_the_textbook_median(durations):
    median = stays_of(durations)
    assert float(median.value) == statistics.median(durations)
    assert median.citizens == len(durations)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="percentile_cont is PostgreSQL's")
@pytest.mark.parametrize("durations", CASES)
def test_the_portable_median_agrees_with_percentile_cont(durations, monkeypatch):
    with_percentile_cont = stays_of(durations).value
    monkeypatch.setattr(steering, "use_percentile_cont", lambda: False)
    portable = stays_of(durations).value
    assert float(portable) == float(with_percentile_cont) == statistics.median(durations)
