from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.core.models import AuditEvent
from enplan.organisation.models import Professional
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans import access as plan_access
from enplan.plans.forms import ActorForm
from enplan.plans.models import Actor
from enplan.plans.tests.factories import ActorFactory, PlanFactory, PrivateActorFactory

pytestmark = pytest.mark.django_db


def test_adding_a_professional_gives_them_access_within_the_consent(client, world):
    newcomer = ProfessionalFactory(department=world.department)
    assert not plan_access.plans_visible_to(newcomer.user).filter(pk=world.plan.pk).exists()
    client.force_login(world.actor.user)
    client.post(
        f"/plans/{world.plan.pk}/network/new/",
        {
            "kind": "professional",
            "professional": newcomer.pk,
            "role": "Mentor",
            "started_on": str(timezone.localdate()),
        },
    )
    actor = Actor.objects.get(professional=newcomer)
    assert actor.phone == newcomer.phone  # contact details default to the professional's
    assert actor.added_by == world.actor.user
    assert plan_access.plans_visible_to(newcomer.user).filter(pk=world.plan.pk).exists()


def test_a_private_person_named_by_the_family_is_added_with_a_name(client, world):
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/network/new/",
        {
            "kind": "private",
            "name": "Grethe",
            "role": "Mormor",
            "added_by_citizen": "on",
            "started_on": str(timezone.localdate()),
        },
    )
    grethe = Actor.objects.get(name="Grethe")
    assert grethe.added_by_citizen
    assert grethe.professional is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "professional", "role": "x"}, "Vælg fagpersonen."),
        ({"kind": "private", "role": "x"}, "Skriv personens navn."),
    ],
)
def test_the_actor_form_explains_what_is_missing(client, world, data, message):
    client.force_login(world.coordinator.user)
    before = Actor.objects.count()
    response = client.post(
        f"/plans/{world.plan.pk}/network/new/", data | {"started_on": str(timezone.localdate())}
    )
    assert message in response.text
    assert Actor.objects.count() == before


def add_external(client, plan, **data):
    return client.post(
        f"/plans/{plan.pk}/organisation/people/new/",
        {
            "kind": "external",
            "name": "Lene Bach",
            "organisation": "Lægehuset Torvet",
            "role": "Egen læge",
            "phone": "70 10 20 30",
            "started_on": str(timezone.localdate()),
        }
        | data,
    )


def test_a_new_external_contact_is_added_from_the_map_and_can_be_chosen_next_time(client, world):
    client.force_login(world.actor.user)

    response = add_external(client, world.plan)

    assert response.status_code == 302
    actor = Actor.objects.get(plan=world.plan, professional__name="Lene Bach")
    assert actor.kind == "professional"
    assert actor.phone == "70 10 20 30"
    gp = actor.professional
    assert (gp.organisation, gp.department, gp.user) == ("Lægehuset Torvet", None, None)
    assert gp.municipality == world.municipality
    other_plan = PlanFactory(coordinator=world.coordinator)
    assert gp in ActorForm(plan=other_plan, member_ids=set()).fields["professional"].queryset


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"organisation": " "}, "organisation", "Skriv, hvor personen arbejder."),
        ({"name": ""}, "name", "Skriv personens navn."),
    ],
)
def test_a_new_external_contact_needs_a_name_and_a_workplace(client, world, data, field, message):
    client.force_login(world.actor.user)
    before = (Actor.objects.count(), Professional.objects.count())

    response = add_external(client, world.plan, **data)

    assert message in response.context["form"].errors[field]
    assert (Actor.objects.count(), Professional.objects.count()) == before


def test_an_external_contact_already_registered_is_chosen_not_registered_twice(client, world):
    client.force_login(world.actor.user)
    add_external(client, world.plan)
    before = (Actor.objects.count(), Professional.objects.count())

    response = add_external(client, world.plan, name="lene bach")

    assert "er allerede registreret" in response.text
    assert (Actor.objects.count(), Professional.objects.count()) == before


def test_the_same_professional_cannot_be_added_twice(client, world):
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/network/new/",
        {
            "kind": "professional",
            "professional": world.actor.pk,
            "role": "x",
            "started_on": str(timezone.localdate()),
        },
    )
    assert "er allerede i netværket" in response.text


def test_ending_an_involvement_removes_access_from_the_next_day(client, world):
    actor = Actor.objects.get(plan=world.plan, professional=world.actor)
    actor.started_on = timezone.localdate() - timedelta(days=30)
    actor.save()
    client.force_login(world.coordinator.user)
    yesterday = timezone.localdate() - timedelta(days=1)
    client.post(f"/plans/{world.plan.pk}/network/{actor.pk}/end/", {"ended_on": str(yesterday)})
    actor.refresh_from_db()
    assert actor.ended_on == yesterday
    assert not plan_access.plans_visible_to(world.actor.user).filter(pk=world.plan.pk).exists()
    page = client.get(f"/plans/{world.plan.pk}/network/").context["page"]
    assert actor in page.former_actors


def test_an_involvement_cannot_end_before_it_began(client, world):
    actor = Actor.objects.get(plan=world.plan, professional=world.actor)
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/network/{actor.pk}/end/",
        {"ended_on": str(actor.started_on - timedelta(days=5))},
    )
    assert "Slutdatoen ligger før" in response.text


def test_the_coordinator_leaves_the_network_only_by_handing_over(client, world):
    from enplan.plans.tests.factories import ActorFactory

    own = ActorFactory(plan=world.plan, professional=world.coordinator)
    client.force_login(world.coordinator.user)
    page = client.get(f"/plans/{world.plan.pk}/network/")
    assert "Forlader netværket ved overdragelse" in page.text
    response = client.post(
        f"/plans/{world.plan.pk}/network/{own.pk}/end/", {"ended_on": str(timezone.localdate())}
    )
    assert "ved at overdrage koordineringen" in response.text
    own.refresh_from_db()
    assert own.ended_on is None


def edit(client, plan, actor, **data):
    return client.post(
        f"/plans/{plan.pk}/network/{actor.pk}/edit/",
        {"role": actor.role, "phone": actor.phone, "email": actor.email, "version": actor.version}
        | ({"name": actor.name} if actor.kind == "private" else {})
        | data,
    )


def test_a_persons_role_and_contact_details_can_be_corrected(client, world):
    grethe = PrivateActorFactory(plan=world.plan, name="Grethe", role="Nabo")
    client.force_login(world.actor.user)

    response = edit(client, world.plan, grethe, role="Mormor", phone="20 30 40 50")

    assert response.status_code == 302
    grethe.refresh_from_db()
    assert (grethe.role, grethe.phone, grethe.version) == ("Mormor", "20 30 40 50", 2)
    event = AuditEvent.objects.get(action="change", object_id=str(grethe.pk))
    assert event.changed_fields == ["phone", "role"]


def test_a_professionals_name_comes_from_the_register_and_is_not_edited(client, world):
    actor = ActorFactory(plan=world.plan, role="Jobkonsulent")
    client.force_login(world.coordinator.user)

    page = client.get(f"/plans/{world.plan.pk}/network/{actor.pk}/edit/")
    assert "name" not in page.context["form"].fields
    edit(client, world.plan, actor, role="Virksomhedskonsulent", name="Someone else")

    actor.refresh_from_db()
    assert actor.role == "Virksomhedskonsulent"
    assert actor.name == ""


def test_a_second_edit_from_an_old_version_is_refused_and_overwrites_nothing(client, world):
    grethe = PrivateActorFactory(plan=world.plan, name="Grethe", role="Nabo")
    client.force_login(world.actor.user)
    edit(client, world.plan, grethe, role="Mormor")

    response = edit(client, world.plan, grethe, phone="11 22 33 44", version=1)

    assert response.status_code == 200
    # The page names who saved in between and shows what they changed.
    assert "gemte ændringer" in response.text
    assert [c.after for c in response.context["conflict"].changes] == ["Mormor"]
    grethe.refresh_from_db()
    assert grethe.role == "Mormor"
    assert grethe.phone != "11 22 33 44"


def test_a_private_persons_name_cannot_be_emptied(client, world):
    grethe = PrivateActorFactory(plan=world.plan, name="Grethe", role="Nabo")
    client.force_login(world.actor.user)

    response = edit(client, world.plan, grethe, name="  ")

    assert response.status_code == 200
    grethe.refresh_from_db()
    assert grethe.name == "Grethe"
    assert grethe.version == 1


def test_a_person_whose_involvement_ended_is_not_edited(client, world):
    grethe = PrivateActorFactory(
        plan=world.plan, name="Grethe", started_on=timezone.localdate() - timedelta(days=10)
    )
    grethe.ended_on = timezone.localdate()
    grethe.save()
    client.force_login(world.actor.user)

    response = edit(client, world.plan, grethe, role="Mormor")

    assert response.status_code == 200
    assert "Personens involvering er allerede afsluttet." in response.text
    grethe.refresh_from_db()
    assert grethe.role != "Mormor"
