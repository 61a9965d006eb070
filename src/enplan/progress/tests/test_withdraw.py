"""A mistaken registration is withdrawn, after a confirmation, by whoever made it or by
the coordinator; only a citizen's latest, so the path stays consistent."""

from datetime import date

import pytest

from enplan.core.models import AuditAction, AuditEvent
from enplan.organisation.models import Step
from enplan.plans.tests.factories import ActorFactory, ConsentFactory
from enplan.progress.models import StepRegistration
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(world):
    s1, s2, _s3 = Step.objects.filter(model__municipality=world.municipality).order_by("order")
    first = StepRegistrationFactory(
        member=world.member, step=s1, entered_on=date(2026, 1, 5), registered_by=world.actor.user
    )
    latest = StepRegistrationFactory(
        member=world.member, step=s2, entered_on=date(2026, 3, 5), registered_by=world.actor.user
    )
    return first, latest


def url(world, registration):
    return f"/progress/plans/{world.plan.pk}/steps/{registration.pk}/withdraw/"


def test_the_author_withdraws_the_latest_registration_after_confirming(client, world, history):
    _first, latest = history
    client.force_login(world.actor.user)
    page = client.get(f"/plans/{world.plan.pk}/progress/").text
    assert url(world, latest) in page
    response = client.post(url(world, latest), {})
    assert response.status_code == 200
    assert StepRegistration.objects.filter(pk=latest.pk).exists()
    response = client.post(url(world, latest), {"confirm": "on"})
    assert response.status_code == 302
    assert not StepRegistration.objects.filter(pk=latest.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert (event.object_type, event.object_id, event.plan_id) == (
        "progress.stepregistration",
        str(latest.pk),
        world.plan.pk,
    )


def test_an_earlier_registration_cannot_be_withdrawn(client, world, history):
    first, _latest = history
    client.force_login(world.coordinator.user)
    response = client.post(url(world, first), {"confirm": "on"})
    assert "Kun den seneste registrering kan trækkes tilbage." in response.text
    assert StepRegistration.objects.count() == 2


def test_the_coordinator_may_withdraw_another_actors_registration(client, world, history):
    _first, latest = history
    client.force_login(world.coordinator.user)
    assert client.post(url(world, latest), {"confirm": "on"}).status_code == 302


def test_another_actor_on_the_plan_may_not(client, world, history):
    _first, latest = history
    colleague = ActorFactory(plan=world.plan, professional__department=world.department)
    ConsentFactory(plan=world.plan, given_by=world.member, departments=[world.department])
    client.force_login(colleague.professional.user)
    assert client.get(url(world, latest)).status_code == 403
    assert url(world, latest) not in client.get(f"/plans/{world.plan.pk}/progress/").text


@pytest.mark.parametrize("who", ["outsider", "uncovered_actor"])
def test_anyone_who_cannot_see_the_plan_gets_404(client, world, history, who):
    _first, latest = history
    client.force_login(getattr(world, who).user)
    assert client.post(url(world, latest), {"confirm": "on"}).status_code == 404
    assert StepRegistration.objects.count() == 2
