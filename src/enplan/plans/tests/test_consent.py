from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.core.models import AuditEvent
from enplan.plans import access
from enplan.plans.models import Consent, MemberRole, PlanKind
from enplan.plans.tests.factories import PlanFactory, PlanMemberFactory

pytestmark = pytest.mark.django_db


def visible_to(professional, plan):
    return access.plans_visible_to(professional.user).filter(pk=plan.pk).exists()


def test_recording_consent_for_a_department_opens_the_plan_to_its_actors(client, world):
    assert not visible_to(world.uncovered_actor, world.plan)
    client.force_login(world.coordinator.user)
    response = client.post(
        f"/plans/{world.plan.pk}/consent/new/",
        {
            "given_by": world.member.pk,
            "given_on": str(timezone.localdate()),
            "method": "oral",
            "departments": [world.other_department.pk],
            "note": "Givet på mødet",
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.latest("id")
    assert consent.recorded_by == world.coordinator.user
    assert list(consent.covers.all()) == [world.member]
    assert visible_to(world.uncovered_actor, world.plan)
    assert world.plan.log_entries.filter(text__contains="Samtykke registreret").exists()


def test_the_log_entry_names_the_form_of_consent_in_lower_case_mid_sentence(client, world):
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/consent/new/",
        {
            "given_by": world.member.pk,
            "given_on": str(timezone.localdate()),
            "method": "oral",
            "departments": [world.other_department.pk],
        },
    )
    entry = world.plan.log_entries.get(text__contains="Samtykke registreret")
    assert "(mundtligt)" in entry.text


def test_consent_must_cover_something_and_cannot_be_dated_ahead(client, world):
    client.force_login(world.coordinator.user)
    url = f"/plans/{world.plan.pk}/consent/new/"
    base = {"given_by": world.member.pk, "given_on": str(timezone.localdate()), "method": "written"}
    response = client.post(url, base)
    assert "Vælg mindst én afdeling eller ét område" in response.text
    # Next month: within the plausible range of a date, but still ahead of today.
    ahead = str(timezone.localdate() + timedelta(days=30))
    response = client.post(url, base | {"given_on": ahead, "areas": [world.area.pk]})
    assert "kan ikke dateres i fremtiden" in response.text
    assert Consent.objects.count() == 1


def test_withdrawing_consent_hides_the_plan_from_everyone_but_the_coordinator(client, world):
    consent = world.plan.consents.get()
    client.force_login(world.coordinator.user)
    client.post(
        f"/plans/{world.plan.pk}/consent/{consent.pk}/withdraw/",
        {"withdrawn_on": str(timezone.localdate())},
    )
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert not visible_to(world.actor, world.plan)
    assert visible_to(world.coordinator, world.plan)
    assert AuditEvent.objects.filter(
        action="change", object_type="plans.consent", changed_fields=["withdrawn_on"]
    ).exists()
    assert world.plan.log_entries.filter(text__contains="trukket tilbage").exists()
    # The actor who lost access gets 404 from now on.
    client.force_login(world.actor.user)
    assert client.get(f"/plans/{world.plan.pk}/").status_code == 404


def test_only_the_coordinator_records_or_withdraws_consent(client, world):
    consent = world.plan.consents.get()
    client.force_login(world.actor.user)
    assert client.post(f"/plans/{world.plan.pk}/consent/new/", {}).status_code == 403
    assert (
        client.post(f"/plans/{world.plan.pk}/consent/{consent.pk}/withdraw/", {}).status_code == 403
    )


class TestHousehold:
    @pytest.fixture
    def household(self, world):
        plan = PlanFactory(coordinator=world.coordinator, kind=PlanKind.HOUSEHOLD)
        mother = PlanMemberFactory(plan=plan, role=MemberRole.PARENT)
        partner = PlanMemberFactory(plan=plan, role=MemberRole.PARTNER)
        child = PlanMemberFactory(plan=plan, role=MemberRole.CHILD, citizen__cpr="150614-4001")
        child.custodians.set([mother])
        return plan, mother, partner, child

    def post(self, client, plan, given_by, covers):
        return client.post(
            f"/plans/{plan.pk}/consent/new/",
            {
                "given_by": given_by.pk,
                "covers": [m.pk for m in covers],
                "given_on": str(timezone.localdate()),
                "method": "written",
                "areas": [plan.coordinator.department.area.pk],
            },
        )

    def test_a_parent_consents_for_themselves_and_children_in_their_custody(
        self, client, world, household
    ):
        plan, mother, _partner, child = household
        client.force_login(world.coordinator.user)
        self.post(client, plan, mother, [mother, child])
        assert set(Consent.objects.get(plan=plan).covers.all()) == {mother, child}

    def test_an_adult_cannot_consent_for_a_child_not_in_their_custody(
        self, client, world, household
    ):
        plan, _mother, partner, child = household
        client.force_login(world.coordinator.user)
        response = self.post(client, plan, partner, [partner, child])
        assert "kan kun give samtykke for sig selv og børn" in response.text
        assert not Consent.objects.filter(plan=plan).exists()

    def test_a_child_cannot_give_consent_for_the_household(self, client, world, household):
        plan, _mother, _partner, child = household
        client.force_login(world.coordinator.user)
        response = self.post(client, plan, child, [child])
        assert "gives samtykke af en voksen" in response.text
