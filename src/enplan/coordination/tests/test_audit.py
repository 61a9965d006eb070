"""Every view and export of a round's results, and every change, leaves an audit event."""

import pytest
from django.urls import reverse

from enplan.coordination import services
from enplan.coordination.models import Dimension
from enplan.coordination.tests.conftest import answer_as
from enplan.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(world, plan_round):
    for professional in plan_round.respondents[:3]:
        answer_as(professional, plan_round.round)
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    return plan_round.round


@pytest.mark.parametrize(
    ("name", "action"),
    [
        ("results", AuditAction.VIEW),
        ("print", AuditAction.VIEW),
        ("export_csv", AuditAction.EXPORT),
        ("export_xlsx", AuditAction.EXPORT),
        ("compare", AuditAction.VIEW),
    ],
)
def test_reading_the_results_is_audited_on_the_plan(client, world, closed, name, action):
    client.force_login(world.actor.user)
    client.get(reverse(f"coordination:{name}", args=[closed.pk]))
    event = AuditEvent.objects.filter(user=world.actor.user, action=action).latest("id")
    assert event.object_type == "coordination.surveyround"
    assert event.object_id == str(closed.pk)
    assert event.plan_id == world.plan.pk
    assert event.path.startswith(reverse(f"coordination:{name}", args=[closed.pk]))


def test_saving_answers_is_audited_outside_the_citizens_log(world, plan_round):
    respondent = answer_as(world.actor, plan_round.round)
    event = AuditEvent.objects.filter(user=world.actor.user).latest("id")
    assert (event.action, event.object_type, event.object_id) == (
        AuditAction.CHANGE,
        "coordination.respondent",
        str(respondent.pk),
    )
    assert event.plan_id is None


def test_closing_is_audited(world, closed):
    assert AuditEvent.objects.filter(
        user=world.coordinator.user,
        action=AuditAction.CHANGE,
        object_type="coordination.surveyround",
        changed_fields=["closed_at"],
    ).exists()


def test_results_not_yet_released_write_no_view_event(client, world, plan_round):
    client.force_login(world.coordinator.user)
    client.get(reverse("coordination:results", args=[plan_round.round.pk]))
    assert not AuditEvent.objects.filter(action=AuditAction.VIEW).exists()


@pytest.mark.parametrize("name", ["detail", "groups", "close", "import"])
def test_the_pages_for_running_a_plans_round_are_audited(client, world, plan_round, name):
    client.force_login(world.coordinator.user)
    path = reverse(f"coordination:{name}", args=[plan_round.round.pk])
    assert client.get(path).status_code == 200
    event = AuditEvent.objects.get(user=world.coordinator.user, action=AuditAction.VIEW)
    assert (event.plan_id, event.object_id, event.path) == (
        world.plan.pk,
        str(plan_round.round.pk),
        path,
    )


def test_the_page_for_deleting_an_import_is_audited(client, world, plan_round):
    round_ = plan_round.round
    group = round_.groups.first().name
    data = "respondent,respondent_group,about_group,dimension,score\n"
    data += "".join(f"p1,{group},{group},{d},4\n" for d in Dimension.values)
    batch = services.answers_import(
        user=world.coordinator.user, round_=round_, file_name="papir.csv", data=data.encode()
    )
    client.force_login(world.coordinator.user)
    path = reverse("coordination:import_delete", args=[round_.pk, batch.pk])
    assert client.get(path).status_code == 200
    event = AuditEvent.objects.get(user=world.coordinator.user, action=AuditAction.VIEW)
    assert (event.plan_id, event.object_id, event.path) == (world.plan.pk, str(round_.pk), path)
