"""The coordination-burden panel on the pages: the figures today and the change since the
plan started."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.meetings.tests.factories import MeetingFactory, ParticipantFactory
from enplan.plans.models import Plan
from enplan.plans.tests.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fewer(world):
    """The plan began two months ago with four more professionals, who have left since;
    the citizen was invited to one meeting in the last month and none before."""
    today = timezone.localdate()
    Plan.objects.filter(pk=world.plan.pk).update(created_at=timezone.now() - timedelta(days=60))
    for _ in range(4):
        ActorFactory(
            plan=world.plan,
            professional__department=world.department,
            started_on=today - timedelta(days=60),
            ended_on=today - timedelta(days=20),
        )
    meeting = MeetingFactory(plan=world.plan, starts_at=timezone.now() - timedelta(days=10))
    ParticipantFactory(meeting=meeting, member=world.member)
    return world


def figure(html: str, label: str) -> tuple[str, str]:
    match = re.search(
        rf"<dt>{label}</dt>\s*<dd><span class=\"burden__now\">(\d+)</span>\s*"
        r"<span class=\"burden__change\">(?:<span aria-hidden=\"true\">.</span> )?([^<]+)</span>",
        html,
    )
    assert match, label
    return match.group(1), match.group(2).strip()


def test_the_plans_section_menu_leads_to_the_panel_on_the_map_page(client, fewer):
    client.force_login(fewer.coordinator.user)
    html = client.get(f"/plans/{fewer.plan.pk}/").text
    assert f'<a href="/plans/{fewer.plan.pk}/organisation/">Borgerens organisation</a>' in html


def test_the_panel_shows_todays_figures_and_the_change_since_the_start(client, fewer):
    client.force_login(fewer.coordinator.user)
    html = client.get(f"/plans/{fewer.plan.pk}/organisation/").text
    # Today: the two actors and the coordinator; at the start: the four who left and the
    # coordinator.
    assert figure(html, "Fagpersoner i fast kontakt") == ("3", "2 færre end ved start")
    assert figure(html, "Møder med borgeren den seneste måned") == ("1", "1 flere end ved start")
    assert re.search(r"Hvem bærer koordineringen:</span>\s*<strong>" + fewer.coordinator.name, html)
