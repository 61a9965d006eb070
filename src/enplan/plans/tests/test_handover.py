import pytest

from enplan.core.models import AuditEvent, Role
from enplan.organisation.tests.factories import ExternalProfessionalFactory, ProfessionalFactory
from enplan.plans.models import CoordinatorHandover

pytestmark = pytest.mark.django_db


def test_the_coordinator_hands_over_with_a_note_and_loses_access(client, world):
    successor = ProfessionalFactory(department=world.department)
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/handover/",
        {
            "to_coordinator": successor.pk,
            "note": "Maja kender dig fra mødet i maj.",
            "version": world.plan.version,
            "confirmed": "True",
        },
    )
    world.plan.refresh_from_db()
    assert world.plan.coordinator == successor
    handover = CoordinatorHandover.objects.get()
    assert handover.from_coordinator == world.coordinator
    assert handover.note == "Maja kender dig fra mødet i maj."
    assert world.plan.log_entries.filter(text__contains="overdraget").exists()
    assert AuditEvent.objects.filter(action="change", changed_fields=["coordinator"]).exists()
    # The previous coordinator is no actor on the plan, so they are sent to their caseload.
    assert response["Location"] == "/plans/"
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 404


def test_the_new_coordinator_must_have_a_login(client, world):
    gp = ExternalProfessionalFactory(municipality=world.municipality)
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/handover/",
        {"to_coordinator": gp.pk, "note": "x", "version": world.plan.version},
    )
    assert response.status_code == 200
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator


def test_a_network_actor_cannot_take_over_the_plan(client, world):
    client.force_login(world.actor.user)
    response = client.post(
        f"/plans/{world.plan.pk}/handover/",
        {"to_coordinator": world.actor.pk, "note": "x", "version": world.plan.version},
    )
    assert response.status_code == 403
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator


def test_the_new_coordinator_joins_the_network_and_the_old_one_leaves_it(client, world):
    from datetime import timedelta

    from django.utils import timezone

    from enplan.plans.models import Actor
    from enplan.plans.tests.factories import ActorFactory

    ActorFactory(
        plan=world.plan,
        professional=world.coordinator,
        started_on=timezone.localdate() - timedelta(days=30),
    )
    successor = ProfessionalFactory(department=world.department)
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/handover/",
        {
            "to_coordinator": successor.pk,
            "note": "Overdraget",
            "version": world.plan.version,
            "confirmed": "True",
        },
    )
    today = timezone.localdate()
    assert Actor.objects.active_on(today).filter(plan=world.plan, professional=successor).exists()
    old = Actor.objects.get(plan=world.plan, professional=world.coordinator)
    assert old.ended_on == today - timedelta(days=1)


def test_the_previous_coordinator_may_stay_in_the_network(client, world):
    from django.utils import timezone

    from enplan.plans.models import Actor

    successor = ProfessionalFactory(department=world.department)
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/handover/",
        {
            "to_coordinator": successor.pk,
            "note": "Jeg fortsætter som sagsbehandler",
            "previous_stays_in_network": "on",
            "version": world.plan.version,
            "confirmed": "True",
        },
    )
    today = timezone.localdate()
    assert (
        Actor.objects.active_on(today)
        .filter(plan=world.plan, professional=world.coordinator)
        .exists()
    )
    # Within the consent, so the plan stays on their caseload.
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 200


def _hand_over(client, world, to, **extra):
    return client.post(
        f"/plans/{world.plan.pk}/handover/",
        {"to_coordinator": to.pk, "note": "Overdraget", "version": world.plan.version} | extra,
    )


def test_the_hand_over_is_confirmed_on_a_page_that_says_what_changes(client, world):
    successor = ProfessionalFactory(department=world.department, name="Ulla Berg")
    client.force_login(world.coordinator.user)
    response = _hand_over(client, world, successor)
    assert response.status_code == 200
    assert "Ulla Berg bliver koordinator" in response.text
    assert "forlader borgerens netværk" in response.text
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator
    assert not CoordinatorHandover.objects.exists()
    # The confirmation carries the choices: confirming it hands over.
    assert 'name="confirmed"' in response.text
    _hand_over(client, world, successor, confirmed="True")
    world.plan.refresh_from_db()
    assert world.plan.coordinator == successor


@pytest.mark.parametrize("role", [Role.LEADER, Role.ADMIN, Role.KEY_HOLDER])
def test_a_plan_is_never_handed_to_someone_who_cannot_open_it(client, world, role):
    someone = ProfessionalFactory(department=world.department, user__role=role)
    client.force_login(world.coordinator.user)
    form = client.get(f"/plans/{world.plan.pk}/handover/").text
    assert f'value="{someone.pk}"' not in form
    response = _hand_over(client, world, someone, confirmed="True")
    assert response.status_code == 200
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator


def test_nor_to_someone_whose_login_is_closed(client, world):
    someone = ProfessionalFactory(department=world.department, user__is_active=False)
    client.force_login(world.coordinator.user)
    _hand_over(client, world, someone, confirmed="True")
    world.plan.refresh_from_db()
    assert world.plan.coordinator == world.coordinator


def test_the_old_and_new_coordinator_and_the_citizen_are_told(client, world):
    from enplan.citizen.tests.factories import with_login
    from enplan.core.models import Notification

    citizen_user = with_login(world.member)
    successor = ProfessionalFactory(department=world.department, name="Ulla Berg")
    client.force_login(world.coordinator.user)
    _hand_over(client, world, successor, confirmed="True")
    told = dict(Notification.objects.values_list("user", "text"))
    assert told[successor.user.pk] == f"Du er nu koordinator for {world.plan.title}."
    assert "Ulla Berg" in told[world.coordinator.user.pk]
    assert world.plan.title not in told[world.coordinator.user.pk]
    assert told[citizen_user.pk] == "Din koordinator er nu Ulla Berg."
    # Min plan names the new coordinator, and since when.
    client.force_login(citizen_user)
    page = client.get(f"/borger/plan/{world.plan.pk}/").text
    assert "Ulla Berg" in page
    assert "Din koordinator siden" in page
