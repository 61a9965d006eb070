"""The meeting pages run a fixed number of queries, however many meetings, people and
evaluations there are."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.meetings.models import Decision
from enplan.meetings.tests.factories import (
    CitizenEvaluationFactory,
    LearningRecapFactory,
    MeetingFactory,
    ParticipantFactory,
    ThemeFactory,
)
from enplan.plans.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


def grow(world, n):
    """n more meetings, each with people, an evaluation, decisions and a recap."""
    theme = ThemeFactory(municipality=world.municipality, name="Forberedelse")
    meetings = []
    for index in range(n):
        meeting = MeetingFactory(
            plan=world.plan, starts_at=timezone.now() - timedelta(days=index + 2)
        )
        ParticipantFactory(meeting=meeting, member=world.member, attended=True)
        for _ in range(3):
            actor = ActorFactory(plan=world.plan, professional__department=world.department)
            ParticipantFactory(meeting=meeting, actor=actor, attended=index % 2 == 0)
        CitizenEvaluationFactory(meeting=meeting, member=world.member)
        LearningRecapFactory(meeting=meeting, themes=[theme])
        Decision.objects.create(
            municipality=world.municipality,
            meeting=meeting,
            text="Beslutning",
            effect="none",
            created_by=world.coordinator.user,
        )
        meetings.append(meeting)
    return meetings


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda world, meeting: reverse("meetings:detail", args=[meeting.pk]),
        lambda world, meeting: reverse("meetings:agenda", args=[meeting.pk]),
        lambda world, meeting: reverse("meetings:plan_meetings", args=[world.plan.pk]),
        lambda world, meeting: reverse("plans:detail", args=[world.plan.pk]),
        lambda world, meeting: reverse("meetings:themes"),
    ],
    ids=["meeting", "agenda", "plan-meetings", "plan-page", "themes"],
)
def test_the_page_runs_the_same_queries_with_1_and_30_meetings(client, world, url_for):
    client.force_login(world.coordinator.user)
    first = grow(world, 1)[0]
    small = count(client, url_for(world, first))
    grow(world, 29)
    large = count(client, url_for(world, first))
    assert small == large


def test_the_meeting_page_query_count(client, world, django_assert_num_queries):
    meeting = grow(world, 3)[0]
    client.force_login(world.coordinator.user)
    client.get(reverse("meetings:detail", args=[meeting.pk]))
    # The meeting's own 17 and the audit chain's, and the citizen's topics on its agenda
    # (the plan's next meeting, the topics; the members this user may see are the page's).
    with django_assert_num_queries(17 + CHAIN_QUERIES + 2):
        client.get(reverse("meetings:detail", args=[meeting.pk]))
