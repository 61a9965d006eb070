"""The staircase on the plan page: each citizen's path as a chart with its text
alternative, the time on the current step against its limit, and steps past their limit."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enplan.organisation.models import Step
from enplan.plans.models import PlanKind
from enplan.plans.tests.factories import ConsentFactory, InterventionFactory, PlanMemberFactory
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def steps(world):
    return list(Step.objects.filter(model__municipality=world.municipality).order_by("order"))


def page(client, world, user=None):
    client.force_login((user or world.coordinator).user)
    return client.get(f"/plans/{world.plan.pk}/progress/")


def test_the_section_shows_the_current_step_against_its_limit(client, world, steps):
    today = timezone.localdate()
    StepRegistrationFactory(
        member=world.member, step=steps[0], entered_on=today - timedelta(days=200)
    )
    StepRegistrationFactory(
        member=world.member, step=steps[1], entered_on=today - timedelta(days=40)
    )
    text = page(client, world).text
    assert 'id="progress"' in text
    assert "2. Praktik eller brobygning" in text
    assert "40 af højst 183 dage" in text
    # 160 days on step 1 were within its limit.
    assert "Tidligere trin over tidsgrænsen" not in text


def test_a_step_past_its_limit_is_flagged_now_and_afterwards(client, world, steps):
    StepRegistrationFactory(member=world.member, step=steps[0], entered_on=date(2025, 1, 1))
    StepRegistrationFactory(member=world.member, step=steps[1], entered_on=date(2025, 9, 1))
    today = timezone.localdate()
    days_now = (today - date(2025, 9, 1)).days
    text = page(client, world).text
    # 01.01.2025–01.09.2025 is 243 days on step 1, at most 183.
    assert "1. Afklaring og stabilisering: 243 dage, 01.01.2025–01.09.2025 (højst 183)." in text
    if days_now > 183:
        assert f"{days_now - 183} dage over grænsen" in text


def test_the_chart_has_a_text_alternative_and_the_registrations_a_table(client, world, steps):
    StepRegistrationFactory(
        member=world.member, step=steps[0], entered_on=date(2025, 1, 1), reason="Opstart"
    )
    StepRegistrationFactory(
        member=world.member, step=None, entered_on=date(2025, 6, 2), reason="Job"
    )
    text = page(client, world).text
    name = world.member.citizen.first_name
    assert (
        f'role="img" aria-label="Vejen på trappen for {name}: trin 1 fra 01.01.2025, '
        'forløbet sluttede 02.06.2025."'
    ) in text
    assert "Forløbet på trappen sluttede 02.06.2025." in text
    assert "<td>Opstart</td>" in text
    assert "path-chart__stay" in text


def test_an_empty_staircase_says_so_and_offers_registration(client, world):
    text = page(client, world).text
    assert "Ingen er registreret på trappen endnu." in text
    assert f"/progress/plans/{world.plan.pk}/steps/new/" in text
    assert "kommunens standardmodel" in text


def test_interventions_show_the_step_they_aim_at(client, world, steps):
    InterventionFactory(plan=world.plan, title="Mentor", step=steps[1], department=world.department)
    assert "Indsatser, der sigter mod trinnet:</span> Mentor" in page(client, world).text
    # The intervention itself, on the plan's page of interventions, names its step too.
    assert "Sigter mod trin" in client.get(f"/plans/{world.plan.pk}/interventions/").text


def test_a_member_outside_the_users_consent_is_not_shown(client, world, steps):
    world.plan.kind = PlanKind.HOUSEHOLD
    world.plan.save()
    hidden = PlanMemberFactory(plan=world.plan)
    StepRegistrationFactory(member=hidden, step=steps[0], entered_on=date(2025, 1, 1))
    StepRegistrationFactory(member=world.member, step=steps[0], entered_on=date(2025, 1, 1))
    text = page(client, world, world.actor).text
    assert f'id="path-{world.member.pk}"' in text
    assert f'id="path-{hidden.pk}"' not in text
    assert hidden.citizen.first_name not in text


def _count(client, world):
    page(client, world)  # the first request also warms Django's caches
    with CaptureQueriesContext(connection) as queries:
        assert page(client, world).status_code == 200
    return len(queries)


def test_the_plan_page_needs_the_same_queries_however_long_the_paths(client, world, steps):
    StepRegistrationFactory(member=world.member, step=steps[0], entered_on=date(2025, 1, 1))
    InterventionFactory(plan=world.plan, step=steps[0], department=world.department)
    small = _count(client, world)
    world.plan.kind = PlanKind.HOUSEHOLD
    world.plan.save()
    for index in range(6):
        member = PlanMemberFactory(plan=world.plan)
        ConsentFactory(plan=world.plan, given_by=member, departments=[world.department])
        for month in range(1, 10):
            StepRegistrationFactory(
                member=member, step=steps[month % 3], entered_on=date(2025, month, 1 + index)
            )
        InterventionFactory(
            plan=world.plan, member=member, step=steps[1], department=world.department
        )
    large = _count(client, world)
    # The exact count of the whole page is asserted in plans/tests/test_query_counts.py.
    assert small == large
