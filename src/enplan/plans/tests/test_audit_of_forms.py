"""Opening an edit form shows the plan's data as it is stored (the member's own words, a
goal, an intervention and its cost, who gave a consent). That is a read, and it is in the
audit trail like any other, so the citizen's own log tells who looked: also when nothing
is saved afterwards."""

import pytest

from enplan.core.models import AuditAction, AuditEvent
from enplan.plans.tests.urls_under_test import WRITABLE_URLS, furnish, url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(world):
    return furnish(world.plan, world.member, world.department)


@pytest.mark.parametrize("name", WRITABLE_URLS)
def test_opening_a_form_on_the_plan_is_audited_as_a_view(client, world, objects, name):
    client.force_login(world.coordinator.user)
    assert client.get(url_for(name, objects)).status_code == 200
    event = AuditEvent.objects.get(user=world.coordinator.user)
    assert (event.action, event.plan_id) == (AuditAction.VIEW, world.plan.pk)
    assert event.path == url_for(name, objects)


def test_a_refused_form_writes_no_audit_event(client, world, objects):
    client.force_login(world.outsider.user)
    assert client.get(url_for("plans:member_wishes", objects)).status_code == 404
    assert not AuditEvent.objects.exists()
