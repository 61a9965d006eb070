"""Every view and export of the dashboard, and every registration, writes an audit event.
The dashboard's events name no plan and no citizen."""

import pytest

from enplan.core.models import AuditAction, AuditEvent
from enplan.progress.tests.conftest import MARCH

pytestmark = pytest.mark.django_db

QUERY = f"?start={MARCH.start}&end={MARCH.end}&group=all"


def _events(user):
    return list(AuditEvent.objects.filter(user=user).order_by("id"))


def test_viewing_the_dashboard_is_audited_without_personal_data(client, march):
    client.force_login(march.leader)
    client.get("/progress/steering/" + QUERY)
    [event] = _events(march.leader)
    assert event.action == AuditAction.VIEW
    assert event.object_type == "progress.steering"
    assert event.plan_id is None
    assert event.object_id == ""
    assert event.municipality_id == march.municipality.pk
    assert event.path == "/progress/steering/" + QUERY
    names = {m.citizen.first_name for m in march.members.values()}
    assert not any(name in event.path for name in names)


@pytest.mark.parametrize(
    ("table", "fmt"),
    [
        ("steps", "csv"),
        ("movements", "xlsx"),
        ("continuity", "csv"),
        ("cost", "xlsx"),
        ("all", "xlsx"),
    ],
)
def test_every_export_is_audited(client, march, table, fmt):
    client.force_login(march.leader)
    response = client.get(f"/progress/steering/{table}.{fmt}" + QUERY)
    assert response.status_code == 200
    [event] = _events(march.leader)
    assert event.action == AuditAction.EXPORT
    assert event.object_type == f"progress.steering.{table}.{fmt}"
    assert event.plan_id is None


def test_an_invalid_filter_shows_no_figures_and_writes_no_event(client, march):
    client.force_login(march.leader)
    response = client.get("/progress/steering/?start=2025-03-31&end=2025-03-01")
    assert "Perioden slutter, før den begynder." in response.text
    assert _events(march.leader) == []


def test_a_refused_visit_writes_no_event(client, world):
    client.force_login(world.coordinator.user)
    client.get("/progress/steering/")
    assert not AuditEvent.objects.filter(object_type__startswith="progress.steering").exists()


def test_opening_a_form_on_the_staircase_is_audited_as_a_view_of_the_plan(client, world):
    from datetime import date

    from enplan.core.models import AuditEvent
    from enplan.organisation.models import Step
    from enplan.progress.tests.factories import StepRegistrationFactory

    step = Step.objects.filter(model__municipality=world.municipality).first()
    registration = StepRegistrationFactory(
        member=world.member, step=step, entered_on=date(2026, 1, 5), registered_by=world.actor.user
    )
    client.force_login(world.coordinator.user)
    base = f"/progress/plans/{world.plan.pk}"
    for path in (
        f"{base}/steps/new/",
        f"{base}/steps/{registration.pk}/withdraw/",
        f"{base}/model/",
    ):
        assert client.get(path).status_code == 200
        event = AuditEvent.objects.filter(user=world.coordinator.user).latest("id")
        assert (event.action, event.plan_id, event.path) == ("view", world.plan.pk, path)
