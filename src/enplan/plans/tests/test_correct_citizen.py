"""A name or CPR number typed wrong is corrected by the coordinator, after a confirmation
page; audited, and the old values stay in the citizen's history."""

import pytest
from django.urls import reverse

from enplan.citizen.tests.factories import with_login
from enplan.core.models import AuditEvent
from enplan.plans.models import Citizen
from enplan.plans.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db

NEW_CPR = "150390-1235"


def _url(world):
    return reverse("plans:member_correct", args=[world.plan.pk, world.member.pk])


def _data(**extra):
    return {"first_name": "Maja", "last_name": "Holm-Jensen", "cpr": NEW_CPR, **extra}


def test_the_coordinator_sees_what_changes_before_it_is_saved(client, world):
    world.client_for(client, world.coordinator)
    response = client.post(_url(world), _data())
    assert response.status_code == 200
    assert "Holm-Jensen" in response.text
    assert "150390-xxxx" in response.text
    assert 'name="confirmed" value="1"' in response.text
    world.member.citizen.refresh_from_db()
    assert world.member.citizen.last_name != "Holm-Jensen"


def test_a_confirmed_correction_is_saved_audited_and_kept_in_the_history(client, world):
    citizen = world.member.citizen
    old_cpr = citizen.cpr
    with_login(world.member)
    world.client_for(client, world.coordinator)
    response = client.post(_url(world), _data(first_name=citizen.first_name, confirmed="1"))
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert (citizen.last_name, citizen.cpr) == ("Holm-Jensen", NEW_CPR)
    assert citizen.birth_date.isoformat() == "1990-03-15"
    # The MitID login proved the old number, not the corrected one.
    assert citizen.user is None
    event = AuditEvent.objects.get(object_type="plans.citizen", action="change")
    assert set(event.changed_fields) == {"last_name", "cpr"}
    assert old_cpr not in str(event.changed_fields)
    assert citizen.history.filter(cpr=old_cpr).exists()
    assert citizen.history.latest().history_user == world.coordinator.user


def test_another_citizens_cpr_number_is_refused_without_naming_them(client, world):
    other = CitizenFactory(municipality=world.municipality, cpr=NEW_CPR, first_name="Ukendt")
    world.client_for(client, world.coordinator)
    response = client.post(_url(world), _data(confirmed="1"))
    assert "En anden borger i Én plan har dette CPR-nummer." in response.text
    assert "Ukendt" not in response.text
    assert Citizen.objects.get(pk=world.member.citizen.pk).cpr != NEW_CPR
    assert other.first_name == "Ukendt"


def test_a_malformed_cpr_number_is_refused_in_danish(client, world):
    world.client_for(client, world.coordinator)
    response = client.post(_url(world), _data(cpr="12345", confirmed="1"))
    assert "Skriv CPR-nummeret som DDMMÅÅ-XXXX" in response.text


def test_only_the_coordinator_may_correct(client, world):
    world.client_for(client, world.actor)
    assert client.post(_url(world), _data(confirmed="1")).status_code == 403
    world.member.citizen.refresh_from_db()
    assert world.member.citizen.cpr != NEW_CPR
