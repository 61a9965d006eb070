"""Opening a form on the citizen's organisation shows its people: audited as a view of the
plan, like the map itself."""

import pytest
from django.urls import reverse

from enplan.core.models import AuditAction, AuditEvent
from enplan.network.tests.factories import DevelopmentPointFactory
from enplan.plans.models import Actor

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["actor_add", "actor_end", "rate", "point_create", "point_edit"])
def test_opening_a_form_on_the_organisation_is_audited_as_a_view(client, world, name):
    extra = {
        "actor_end": {"actor_pk": Actor.objects.get(plan=world.plan, professional=world.actor).pk},
        "point_edit": {"point_pk": DevelopmentPointFactory(plan=world.plan).pk},
    }.get(name, {})
    client.force_login(world.coordinator.user)
    assert (
        client.get(reverse(f"network:{name}", kwargs={"pk": world.plan.pk, **extra})).status_code
        == 200
    )
    event = AuditEvent.objects.get(user=world.coordinator.user)
    assert (event.action, event.plan_id) == (AuditAction.VIEW, world.plan.pk)
