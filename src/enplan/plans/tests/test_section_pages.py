"""The plan's pages: the overview first, each section on its own page under the same
summary and section menu, with the same access rule and audit as the plan."""

import pytest

from enplan.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

SECTIONS = ["goals", "progress", "interventions", "network", "meetings", "consent", "log"]


def test_the_overview_lists_every_section_in_its_menu(client, world):
    client.force_login(world.coordinator.user)
    html = client.get(f"/plans/{world.plan.pk}/").text
    assert f'<a href="/plans/{world.plan.pk}/" aria-current="page">Overblik</a>' in html
    for key in SECTIONS:
        assert f'href="/plans/{world.plan.pk}/{key}/"' in html
    assert 'id="wishes"' in html
    assert 'id="log"' in html
    assert 'id="next-meeting"' in html
    assert 'id="goals"' not in html  # on its own page


@pytest.mark.parametrize("key", SECTIONS)
def test_a_section_page_shows_its_section_under_the_summary_and_is_audited(client, world, key):
    client.force_login(world.actor.user)
    response = client.get(f"/plans/{world.plan.pk}/{key}/")
    assert response.status_code == 200
    html = response.text
    assert f'id="{key}"' in html
    assert 'id="summary"' in html
    assert f'href="/plans/{world.plan.pk}/{key}/" aria-current="page"' in html
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, object_type="plans.plan", object_id=str(world.plan.pk)
    ).exists()


@pytest.mark.parametrize("key", SECTIONS)
def test_someone_outside_the_plan_gets_no_section_page(client, world, key):
    client.force_login(world.outsider.user)
    assert client.get(f"/plans/{world.plan.pk}/{key}/").status_code == 404


def test_an_unknown_section_is_not_found(client, world):
    client.force_login(world.coordinator.user)
    assert client.get(f"/plans/{world.plan.pk}/nothing-here/").status_code == 404


def test_the_citizens_organisation_is_its_map_page(client, world):
    client.force_login(world.coordinator.user)
    html = client.get(f"/plans/{world.plan.pk}/").text
    assert f'href="/plans/{world.plan.pk}/organisation/"' in html
    assert client.get(f"/plans/{world.plan.pk}/organisation/").status_code == 200


def test_a_save_on_a_section_page_refreshes_only_what_that_page_shows(client, world):
    client.force_login(world.coordinator.user)
    data = {"title": "Komme i praktik", "life_area": "job", "status": "not_started"}
    on_goals = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        data,
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver/plans/{world.plan.pk}/goals/",
    ).text
    assert 'id="summary" class="plan-summary" data-hx-swap-oob="true"' in on_goals
    assert 'id="log"' not in on_goals  # the goals page has no log to refresh
    assert 'id="status" class="toast"' in on_goals
    on_overview = client.post(
        f"/plans/{world.plan.pk}/members/{world.member.pk}/wishes/",
        {"wishes": "Et arbejde", "version": world.member.version},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver/plans/{world.plan.pk}/",
    ).text
    assert 'id="log" class="section" aria-labelledby="log-heading" data-hx-swap-oob="true"' in (
        on_overview
    )


def test_without_javascript_a_save_returns_to_the_sections_page(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/goals/new/",
        {"title": "Egen bolig", "life_area": "housing", "status": "not_started"},
    )
    assert response["Location"] == f"/plans/{world.plan.pk}/goals/#goals"
