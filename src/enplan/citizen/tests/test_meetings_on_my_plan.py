"""Min plan shows the meetings the citizen takes part in: network meetings to which they,
or a family member whose part they see, are invited. Not a meeting between two
professionals, and not another adult's own meeting."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.citizen.tests.factories import with_login
from enplan.meetings.models import Decision, DecisionEffect, Meeting, MeetingKind, Participant

pytestmark = pytest.mark.django_db


def meeting(family, kind=MeetingKind.NETWORK, invited=(), place="Rådhuset"):
    created = Meeting.objects.create(
        municipality=family.municipality,
        plan=family.plan,
        kind=kind,
        starts_at=timezone.now() + timedelta(days=4),
        place=place,
        created_by=family.plan.created_by,
    )
    for member in invited:
        Participant.objects.create(municipality=family.municipality, meeting=created, member=member)
    return created


def shown(client, family, member):
    client.force_login(with_login(member))
    return client.get(f"/borger/plan/{family.plan.pk}/").context["page"].meetings


def ics(client, family, found):
    return client.get(f"/borger/plan/{family.plan.pk}/moeder/{found.pk}/kalender.ics")


def test_a_bilateral_meeting_between_two_professionals_is_not_the_citizens(client, family):
    bilateral = meeting(family, kind=MeetingKind.BILATERAL, place="Jobcentret, 2. sal")
    assert bilateral not in shown(client, family, family.mother)
    assert ics(client, family, bilateral).status_code == 404


def test_another_adults_own_meeting_is_not_shown_to_the_family(client, family):
    peters = meeting(family, invited=[family.partner], place="Misbrugscentret")
    assert peters not in shown(client, family, family.mother)
    assert ics(client, family, peters).status_code == 404
    data = json.loads(client.get(f"/borger/plan/{family.plan.pk}/mine-data/data.json").content)
    assert "Misbrugscentret" not in json.dumps(data)
    assert peters in shown(client, family, family.partner)


def test_a_parent_sees_the_meeting_of_a_child_in_their_custody(client, family):
    carls = meeting(family, invited=[family.child])
    assert carls in shown(client, family, family.mother)
    assert ics(client, family, carls).status_code == 200


def decide(found, text, effect=DecisionEffect.NONE):
    return Decision.objects.create(
        municipality=found.municipality,
        meeting=found,
        text=text,
        effect=effect,
        created_by=found.created_by,
    )


def decisions(client, family, member):
    client.force_login(with_login(member))
    page = client.get(f"/borger/plan/{family.plan.pk}/")
    return [d.text for d in page.context["page"].decisions], page.text


def test_the_decisions_of_my_meetings_are_shown_also_those_recorded_on_the_meeting_only(
    client, family
):
    mine = meeting(family, invited=[family.mother])
    decide(mine, "Mona og jobcentret mødes igen om to uger.")

    texts, page = decisions(client, family, family.mother)

    assert texts == ["Mona og jobcentret mødes igen om to uger."]
    assert "Mona og jobcentret mødes igen om to uger." in page


def test_decisions_of_meetings_that_are_not_the_citizens_are_not_shown(client, family):
    decide(meeting(family, kind=MeetingKind.BILATERAL), "Skolen ringer til jobcentret.")
    decide(meeting(family, invited=[family.partner]), "Peter starter i behandling.")

    assert decisions(client, family, family.mother)[0] == []
    assert decisions(client, family, family.partner)[0] == ["Peter starter i behandling."]
