"""Development points agreed on from the map: added, edited, never silently overwritten."""

import pytest
from django.core.exceptions import ValidationError

from enplan.core.concurrency import EditConflict
from enplan.core.models import AuditAction, AuditEvent
from enplan.network.models import DevelopmentPoint
from enplan.network.services import development_point_add, development_point_update
from enplan.plans.models import Actor

pytestmark = pytest.mark.django_db


def test_a_point_is_added_with_its_responsible_person_and_audited(world):
    responsible = Actor.objects.get(plan=world.plan, professional=world.actor)
    point = development_point_add(
        user=world.coordinator.user,
        plan=world.plan,
        text=" Skolen og PPR mødes. ",
        responsible=responsible,
    )
    assert point.text == "Skolen og PPR mødes."
    assert point.status == "open"
    event = AuditEvent.objects.get(object_type="network.developmentpoint")
    assert event.action == AuditAction.CREATE


def test_an_empty_point_is_refused(world):
    with pytest.raises(ValidationError):
        development_point_add(user=world.coordinator.user, plan=world.plan, text="   ")
    assert not DevelopmentPoint.objects.exists()


def test_two_people_editing_the_same_point_do_not_overwrite_each_other(world):
    point = development_point_add(user=world.coordinator.user, plan=world.plan, text="Første")
    opened = point.version
    development_point_update(
        user=world.coordinator.user,
        plan=world.plan,
        point=DevelopmentPoint.objects.get(pk=point.pk),
        version=opened,
        text="Ændret af koordinatoren",
        responsible=None,
        due_date=None,
        status="open",
    )
    with pytest.raises(EditConflict) as conflict:
        development_point_update(
            user=world.actor.user,
            plan=world.plan,
            point=DevelopmentPoint.objects.get(pk=point.pk),
            version=opened,
            text="Ændret af fagpersonen",
            responsible=None,
            due_date=None,
            status="done",
        )
    assert conflict.value.changes
    assert DevelopmentPoint.objects.get(pk=point.pk).text == "Ændret af koordinatoren"


def test_marking_a_point_done_from_the_page(client, world):
    point = development_point_add(user=world.coordinator.user, plan=world.plan, text="Fælles møde")
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/organisation/points/{point.pk}/",
        {"text": "Fælles møde", "responsible": "", "due_date": "", "status": "done", "version": 1},
    )
    assert response.status_code == 302
    point.refresh_from_db()
    assert point.status == "done"
    assert point.version == 2
    page = client.get(response["Location"])
    assert "Gennemført" in page.content.decode()
