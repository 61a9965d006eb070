"""The citizen's evaluations over time, and the flag for a low score."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enplan.meetings.models import MeetingSettings
from enplan.meetings.selectors import (
    EvaluationScores,
    chart_y,
    trend_direction,
    trend_points,
)
from enplan.meetings.tests.factories import CitizenEvaluationFactory, MeetingFactory


def scores(meeting_id, day, *values):
    return EvaluationScores(meeting_id=meeting_id, day=day, scores=tuple(values))


def test_points_are_per_meeting_in_date_order_with_the_mean_per_question():
    points = trend_points(
        [
            scores(2, date(2026, 3, 1), 8, 8, 8, 8),
            scores(1, date(2026, 1, 1), 4, 6, 8, 10),
            scores(2, date(2026, 3, 1), 6, 6, 6, 6),
        ],
        threshold=5,
    )
    assert [p.meeting_id for p in points] == [1, 2]
    assert points[1].means == (7.0, 7.0, 7.0, 7.0)
    assert points[1].answers == 2
    assert points[0].mean == 7.0


def test_a_single_answer_below_the_threshold_flags_the_meeting():
    points = trend_points([scores(1, date(2026, 1, 1), 9, 9, 4, 9)], threshold=5)
    assert points[0].flagged
    assert not trend_points([scores(1, date(2026, 1, 1), 9, 9, 5, 9)], threshold=5)[0].flagged


@pytest.mark.parametrize(
    ("means", "expected"),
    [((5, 6), "up"), ((6, 5), "down"), ((6, 6.4), "steady"), ((6,), None)],
)
def test_the_direction_compares_the_last_two_meetings(means, expected):
    points = trend_points(
        [scores(i, date(2026, 1, 1) + timedelta(days=i), *(m,) * 4) for i, m in enumerate(means)],
        threshold=5,
    )
    assert trend_direction(points) == expected


def test_the_chart_puts_ten_at_the_top_and_zero_at_the_bottom():
    assert chart_y(10) < chart_y(5) < chart_y(0)


@pytest.mark.django_db
def test_the_plan_page_asks_to_talk_about_a_low_score_by_the_municipalitys_threshold(client, world):
    meeting = MeetingFactory(plan=world.plan, starts_at=timezone.now() - timedelta(days=2))
    CitizenEvaluationFactory(meeting=meeting, member=world.member, felt_heard=6)
    client.force_login(world.coordinator.user)
    page = client.get(reverse("plans:section", args=[world.plan.pk, "meetings"])).text
    assert "Tal om sidste evaluering på næste møde." not in page
    MeetingSettings.objects.create(municipality=world.municipality, low_score_threshold=7)
    page = client.get(reverse("plans:section", args=[world.plan.pk, "meetings"])).text
    assert "Tal om sidste evaluering på næste møde." in page
    assert "Borgerens evalueringer over tid" in page


@pytest.mark.django_db
def test_the_next_meeting_shows_what_scored_low_last_time(client, world):
    held = MeetingFactory(plan=world.plan, starts_at=timezone.now() - timedelta(days=10))
    CitizenEvaluationFactory(meeting=held, member=world.member, way_of_working_suited_me=2)
    upcoming = MeetingFactory(plan=world.plan, starts_at=timezone.now() + timedelta(days=3))
    client.force_login(world.coordinator.user)
    page = client.get(reverse("meetings:detail", args=[upcoming.pk])).text
    assert "Tal om sidste evaluering." in page
    assert "Mødets form" in page
