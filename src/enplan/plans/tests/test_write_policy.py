"""An effort belongs to its department: the others on the plan read it and write a log
entry about it, but do not change it. The rule is the service's, so the pages, the API
and the commands share it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enplan.core.models import Role
from enplan.core.tests.factories import UserFactory
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans import services
from enplan.plans.models import Intervention, InterventionStatus, LogEntry
from enplan.plans.tests.factories import ActorFactory, ConsentFactory, InterventionFactory


@pytest.fixture
def psychiatry_effort(world):
    """An assessment by the other department, on a plan whose consent covers both."""
    ConsentFactory(plan=world.plan, given_by=world.member, departments=[world.other_department])
    return InterventionFactory(
        plan=world.plan,
        department=world.other_department,
        title="Børnepsykiatrisk udredning",
        legislation=world.legislation,
    )


def _start(client, world, intervention):
    return client.post(
        f"/plans/{world.plan.pk}/interventions/{intervention.pk}/",
        {
            "title": intervention.title,
            "department": intervention.department_id,
            "legislation": intervention.legislation_id,
            "status": InterventionStatus.ACTIVE,
            "actual_start": "2026-11-02",
            "version": intervention.version,
        },
    )


def test_a_professional_cannot_change_another_departments_effort(client, world, psychiatry_effort):
    client.force_login(world.actor.user)
    response = _start(client, world, psychiatry_effort)
    assert response.status_code == 403
    psychiatry_effort.refresh_from_db()
    assert psychiatry_effort.status == InterventionStatus.PLANNED
    assert psychiatry_effort.version == 1


def test_they_may_still_write_a_log_entry_about_it(client, world, psychiatry_effort):
    client.force_login(world.actor.user)
    client.post(
        f"/plans/{world.plan.pk}/log/new/",
        {
            "kind": "note",
            "text": "Emma fortæller, at udredningen er gået i gang.",
            "intervention": psychiatry_effort.pk,
            "occurred_on": "2026-11-30",
        },
    )
    assert LogEntry.objects.filter(intervention=psychiatry_effort).count() == 1


def test_the_departments_own_professional_changes_it(client, world, psychiatry_effort):
    colleague = ProfessionalFactory(department=world.other_department)
    ActorFactory(plan=world.plan, professional=colleague)
    client.force_login(colleague.user)
    response = _start(client, world, psychiatry_effort)
    assert response.status_code == 302
    psychiatry_effort.refresh_from_db()
    assert psychiatry_effort.status == InterventionStatus.ACTIVE


def test_the_coordinator_changes_every_effort_on_the_plan(client, world, psychiatry_effort):
    client.force_login(world.coordinator.user)
    assert _start(client, world, psychiatry_effort).status_code == 302
    psychiatry_effort.refresh_from_db()
    assert psychiatry_effort.status == InterventionStatus.ACTIVE


def test_an_effort_cannot_be_registered_in_another_departments_name(world):
    with pytest.raises(PermissionDenied):
        services.intervention_create(
            user=world.actor.user,
            plan=world.plan,
            title="Udredning",
            department=world.other_department,
            legislation=world.legislation,
        )
    assert not Intervention.objects.exists()


def test_nor_moved_to_another_department(world):
    own = InterventionFactory(
        plan=world.plan, department=world.department, legislation=world.legislation
    )
    with pytest.raises(PermissionDenied):
        services.intervention_update(
            user=world.actor.user,
            plan=world.plan,
            intervention=own,
            version=own.version,
            department=world.other_department,
        )
    own.refresh_from_db()
    assert own.department == world.department


def test_a_professional_who_is_not_on_the_plan_writes_nothing_on_it(world):
    with pytest.raises(PermissionDenied):
        services.log_entry_create(
            user=world.outsider.user, plan=world.plan, kind="note", text="Et notat."
        )
    with pytest.raises(PermissionDenied):
        services.goal_create(
            user=world.outsider.user, plan=world.plan, title="Et mål", life_area="job"
        )
    assert not LogEntry.objects.exists()


def test_a_team_leader_writes_nothing_on_a_plan(world):
    leader = UserFactory(municipality=world.municipality, role=Role.LEADER)
    ProfessionalFactory(user=leader, department=world.department)
    with pytest.raises(ValidationError):
        services.log_entry_create(user=leader, plan=world.plan, kind="note", text="Et notat.")
    assert not LogEntry.objects.exists()
