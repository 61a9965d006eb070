"""A person added to a household plan by mistake is removed by the coordinator, after a
confirmation page; what they are part of keeps them, with a Danish message and counts."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditEvent
from enplan.plans.models import Citizen, PlanMember
from enplan.plans.tests.factories import GoalFactory, PlanMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def household(world):
    world.plan.kind = "household"
    world.plan.save()
    return [world.member, PlanMemberFactory(plan=world.plan), PlanMemberFactory(plan=world.plan)]


def _url(world, member):
    return reverse("plans:member_remove", args=[world.plan.pk, member.pk])


def test_the_coordinator_confirms_then_the_person_leaves_the_plan(client, world, household):
    extra = household[2]
    world.client_for(client, world.coordinator)
    page = client.get(_url(world, extra))
    assert page.status_code == 200
    assert 'name="confirmed" value="1"' in page.text
    assert client.post(_url(world, extra)).status_code == 200
    assert PlanMember.objects.filter(pk=extra.pk).exists()
    response = client.post(_url(world, extra), {"confirmed": "1"})
    assert response.status_code == 302
    assert not PlanMember.objects.filter(pk=extra.pk).exists()
    # Added by mistake and in no other plan: the person is not kept either.
    assert not Citizen.objects.filter(pk=extra.citizen_id).exists()
    assert AuditEvent.objects.filter(
        object_type="plans.planmember", object_id=str(extra.pk), action="delete"
    ).exists()


def test_a_person_with_goals_in_the_plan_is_kept_with_a_danish_message(client, world, household):
    person = household[1]
    GoalFactory(plan=world.plan, member=person)
    world.client_for(client, world.coordinator)
    response = client.post(_url(world, person), {"confirmed": "1"}, follow=True)
    assert "er stadig en del af planen: 1 mål" in response.text
    assert PlanMember.objects.filter(pk=person.pk).exists()


def test_a_plan_keeps_at_least_two_people(client, world, household):
    household[2].delete()
    world.client_for(client, world.coordinator)
    response = client.post(_url(world, household[1]), {"confirmed": "1"}, follow=True)
    assert "En plan beholder mindst to personer" in response.text
    assert world.plan.members.count() == 2


def test_only_the_coordinator_may_remove(client, world, household):
    world.client_for(client, world.actor)
    assert client.post(_url(world, household[2]), {"confirmed": "1"}).status_code in (403, 404)
    assert PlanMember.objects.filter(pk=household[2].pk).exists()
