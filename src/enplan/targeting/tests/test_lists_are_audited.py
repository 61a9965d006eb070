"""The lists that name citizens are audited as the caseload is: one event per page, with
the path that says what was listed."""

import pytest

from enplan.core.models import AuditEvent
from enplan.targeting.tests.test_query_counts import add_nominations

pytestmark = pytest.mark.django_db


def _listings(user, what):
    return AuditEvent.objects.filter(user=user, object_type=what, action="view")


def test_the_nominations_list_is_audited(client, screening, world):
    add_nominations(world, screening, 2)
    client.force_login(screening.handler.user)
    client.get("/targeting/nominations/?status=open")
    event = _listings(screening.handler.user, "targeting.nominations").get()
    assert event.path == "/targeting/nominations/?status=open"


def test_the_invitations_list_is_audited(client, screening, world):
    add_nominations(world, screening, 2)
    client.force_login(screening.handler.user)
    client.get("/targeting/invitations/")
    assert _listings(screening.handler.user, "targeting.invitations").count() == 1


def test_the_start_page_listing_ones_own_nominations_is_audited(client, screening, world):
    add_nominations(world, screening, 1)
    client.force_login(world.actor.user)
    client.get("/targeting/")
    assert _listings(world.actor.user, "targeting.my_nominations").count() == 1


def test_a_start_page_that_names_nobody_writes_no_event(client, world):
    client.force_login(world.outsider.user)
    client.get("/targeting/")
    assert not AuditEvent.objects.filter(user=world.outsider.user).exists()


def test_the_notices_page_is_audited_when_it_shows_notices(client, world):
    from enplan.core import notifications

    client.force_login(world.coordinator.user)
    client.get("/notifications/")
    assert not _listings(world.coordinator.user, "core.notifications").exists()
    notifications.notify(
        user=world.coordinator.user,
        key="test",
        text=f"Husk gennemgang af {world.plan.title}",
        plan=world.plan,
        email=False,
    )
    client.get("/notifications/")
    assert _listings(world.coordinator.user, "core.notifications").count() == 1
