"""What a household member writes on their own side lands in the stafetlog. A professional
who may not see that member's part of the plan (their consent does not cover the
professional's department) must not read it there either: not on the plan page, not in the
log's own partial, not in the printed plan."""

import pytest
from django.urls import reverse

from enplan.citizen import services as citizen_services
from enplan.citizen.tests.factories import make_family, with_login

pytestmark = pytest.mark.django_db

SECRET = "Jeg vil gerne flytte fra familien"


@pytest.fixture
def family(world):
    family = make_family(world)
    # Peter, the partner, gave no consent: the jobcenter's actor may not see his part.
    peter = with_login(family.partner)
    citizen_services.wishes_update(
        user=peter, plan=family.plan, member_pk=family.partner.pk, version=1, wishes=SECRET
    )
    return family


def test_an_actor_outside_the_members_consent_does_not_read_what_they_wrote(client, family):
    client.force_login(family.actor.user)
    response = client.get(reverse("plans:detail", args=[family.plan.pk]))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_log_partial_leaves_it_out_too(client, family):
    client.force_login(family.actor.user)
    response = client.get(
        reverse("plans:detail", args=[family.plan.pk]),
        headers={"HX-Request": "true", "HX-Target": "log"},
    )
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_printed_plan_leaves_it_out_too(client, family):
    client.force_login(family.actor.user)
    response = client.get(reverse("plans:print", args=[family.plan.pk]))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


def test_the_coordinator_reads_it(client, family):
    client.force_login(family.coordinator.user)
    response = client.get(reverse("plans:detail", args=[family.plan.pk]))
    assert SECRET in response.content.decode()


def test_what_a_member_inside_the_consent_wrote_is_read_by_the_actor(client, family):
    mona = with_login(family.mother)
    citizen_services.wishes_update(
        user=mona, plan=family.plan, member_pk=family.mother.pk, version=1, wishes="Et job"
    )
    client.force_login(family.actor.user)
    response = client.get(reverse("plans:detail", args=[family.plan.pk]))
    assert "Et job" in response.content.decode()
