"""Every view and change of a citizen's data leaves an audit event, and the trail cannot be
changed or removed."""

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from enplan.core.models import AuditEvent
from enplan.plans.tests.factories import GoalFactory

pytestmark = pytest.mark.django_db


def test_opening_a_plan_records_who_looked_from_which_page(client, world):
    client.force_login(world.actor.user)
    client.get(f"/plans/{world.plan.pk}/?log=2")
    event = AuditEvent.objects.get(action="view")
    assert event.user == world.actor.user
    assert event.municipality == world.municipality
    assert event.plan_id == world.plan.pk
    assert event.object_type == "plans.plan"
    assert event.path == f"/plans/{world.plan.pk}/?log=2"
    # Role and organisation as they were, for the citizen's own log.
    assert event.actor_role == world.actor.title
    assert event.actor_organisation == f"{world.department.name}, {world.area.name}"


def test_listing_and_searching_the_caseload_is_recorded_once_per_page(client, world):
    client.force_login(world.actor.user)
    client.get("/plans/?q=Holm&sort=name")
    [event] = AuditEvent.objects.filter(action="view")
    assert event.user == world.actor.user
    assert event.municipality == world.municipality
    assert event.object_type == "plans.caseload"
    assert event.path == "/plans/?q=Holm&sort=name"
    # Not an opening of any plan: the citizen's own log shows when their plan is opened.
    assert event.plan_id is None


def test_reading_the_version_history_is_recorded_too(client, world):
    client.force_login(world.coordinator.user)
    client.get(f"/plans/{world.plan.pk}/history/")
    assert AuditEvent.objects.filter(
        action="view", path=f"/plans/{world.plan.pk}/history/"
    ).exists()


def test_every_change_records_what_changed_but_not_the_values(client, world):
    goal = GoalFactory(plan=world.plan, title="Hemmeligt")
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {"title": "Meget hemmeligt", "life_area": "job", "status": "not_started", "version": 1},
    )
    event = AuditEvent.objects.get(action="change")
    assert event.changed_fields == ["title"]
    assert "hemmeligt" not in str(event.__dict__).lower()


def test_an_unchanged_save_records_no_change(client, world):
    goal = GoalFactory(plan=world.plan, title="Uændret")
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/goals/{goal.pk}/",
        {"title": "Uændret", "life_area": goal.life_area, "status": goal.status, "version": 1},
    )
    assert not AuditEvent.objects.filter(action="change").exists()


def test_audit_events_cannot_be_changed_or_deleted_through_the_app(world):
    event = AuditEvent.objects.create(
        municipality=world.municipality, action="view", object_type="plans.plan"
    )
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(action="change")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
def test_postgresql_itself_refuses_to_change_the_trail(world):
    AuditEvent.objects.create(municipality=world.municipality, action="view", object_type="x")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'change'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.filter(action="view").count() == 1


def test_the_admin_lists_the_trail_with_filters_and_no_way_to_edit_it(admin_client, world):
    event = AuditEvent.objects.create(
        municipality=world.municipality, action="view", object_type="plans.plan", plan_id=7
    )
    response = admin_client.get("/admin/core/auditevent/?action__exact=view")
    assert response.status_code == 200
    assert "plans.plan" in response.text
    assert admin_client.get("/admin/core/auditevent/add/").status_code == 403
    assert (
        admin_client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_audit_list_names_a_look_at_a_list_in_danish_not_by_its_key():
    from django.utils import translation

    from enplan.core.models import object_type_label

    with translation.override("da"):
        assert object_type_label("plans.caseload") == "Liste over borgere (Mine borgere)"
        assert object_type_label("progress.steering.groups.csv") == "Styringsdata, download"
        assert object_type_label("plans.intervention") == "Indsats"
