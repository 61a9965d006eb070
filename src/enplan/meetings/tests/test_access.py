"""Need-to-know, view by view: every meeting URL answers 404 to anyone who may not see the
plan, and the coordinator's (or convener's) actions answer 403 to the rest of the network."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditEvent
from enplan.organisation.tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db

# url name -> (takes the plan rather than the meeting, only for whoever runs the meeting)
MEETING_URLS = {
    "meetings:plan_meetings": (True, False),
    "meetings:create": (True, False),
    "meetings:detail": (False, False),
    "meetings:agenda": (False, False),
    "meetings:ics": (False, False),
    "meetings:edit": (False, True),
    "meetings:cancel": (False, True),
    "meetings:record": (False, True),
    "meetings:decision_create": (False, True),
    "meetings:evaluation": (False, True),
    "meetings:recap": (False, True),
}


def url(name, cycle):
    by_plan, _ = MEETING_URLS[name]
    if by_plan:
        return reverse(name, kwargs={"plan_pk": cycle.meeting.plan_id})
    return reverse(name, kwargs={"pk": cycle.meeting.pk})


@pytest.mark.parametrize("name", MEETING_URLS)
def test_a_professional_not_on_the_plan_gets_404(client, world, cycle, name):
    client.force_login(world.outsider.user)
    assert client.get(url(name, cycle)).status_code == 404


@pytest.mark.parametrize("name", MEETING_URLS)
def test_a_professional_of_another_municipality_gets_404(client, cycle, name):
    client.force_login(ProfessionalFactory().user)
    assert client.get(url(name, cycle)).status_code == 404


@pytest.mark.parametrize("name", MEETING_URLS)
def test_an_actor_outside_the_consent_gets_404(client, world, cycle, name):
    client.force_login(world.uncovered_actor.user)
    assert client.get(url(name, cycle)).status_code == 404


@pytest.mark.parametrize("name", MEETING_URLS)
def test_a_team_leader_gets_404(client, leader, cycle, name):
    client.force_login(leader)
    assert client.get(url(name, cycle)).status_code == 404


@pytest.mark.parametrize("name", MEETING_URLS)
def test_anonymous_visitors_are_sent_to_the_login(client, cycle, name):
    response = client.get(url(name, cycle))
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("name", MEETING_URLS)
def test_the_coordinator_can_open_every_page(client, world, cycle, name):
    client.force_login(world.coordinator.user)
    assert client.get(url(name, cycle)).status_code == 200


@pytest.mark.parametrize("name", MEETING_URLS)
def test_an_actor_sees_the_meeting_but_cannot_run_it(client, world, cycle, name):
    client.force_login(world.actor.user)
    expected = 403 if MEETING_URLS[name][1] else 200
    assert client.get(url(name, cycle)).status_code == expected


def test_the_professional_who_convened_the_meeting_may_run_it(client, world, cycle):
    cycle.meeting.created_by = world.actor.user
    cycle.meeting.save()
    client.force_login(world.actor.user)
    assert client.get(reverse("meetings:record", args=[cycle.meeting.pk])).status_code == 200


def test_an_actor_cannot_make_an_evaluation_link(client, world, cycle):
    client.force_login(world.actor.user)
    response = client.post(
        reverse("meetings:evaluation_link", args=[cycle.meeting.pk]),
        {"member": world.member.pk},
    )
    assert response.status_code == 403


def test_a_refused_request_writes_no_view_event(client, world, cycle):
    client.force_login(world.outsider.user)
    client.get(url("meetings:detail", cycle))
    assert not AuditEvent.objects.filter(user=world.outsider.user).exists()


def test_the_themes_overview_is_for_professionals_and_leaders_only(client, world, leader):
    from enplan.core.models import Role
    from enplan.core.tests.factories import UserFactory

    client.force_login(leader)
    assert client.get(reverse("meetings:themes")).status_code == 200
    client.force_login(world.actor.user)
    assert client.get(reverse("meetings:themes")).status_code == 200
    client.force_login(UserFactory(municipality=world.municipality, role=Role.ADMIN))
    assert client.get(reverse("meetings:themes")).status_code == 404
    client.logout()
    assert client.get(reverse("meetings:themes")).status_code == 302
