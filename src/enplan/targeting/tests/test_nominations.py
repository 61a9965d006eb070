"""Nominations: any professional proposes a citizen; the visitation team merges
duplicates and accepts or declines with a reason; the nominator sees the outcome."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from enplan.core.concurrency import EditConflict
from enplan.core.models import AuditAction, AuditEvent, Notification
from enplan.targeting import services
from enplan.targeting.models import Invitation, InvitationSource, NominationStatus
from enplan.targeting.tests.extracts import CPR
from enplan.targeting.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def nominate(world, professional=None, cpr=CPR["anna"], **kw):
    values = {
        "user": (professional or world.actor).user,
        "cpr_number": cpr,
        "first_name": "Anna",
        "last_name": "Holm",
        "department": world.department,
        "reason": "Anna vil gerne i job, men har seks møder om ugen.",
        "areas": [world.area],
    }
    values.update(kw)
    return services.nomination_create(**values)


def test_any_professional_can_nominate_and_the_handlers_are_told(world, screening):
    nomination = nominate(world)
    assert nomination.status == NominationStatus.OPEN
    assert nomination.nominator_name == world.actor.name
    assert list(nomination.areas.all()) == [world.area]
    assert Notification.objects.filter(
        user=screening.handler.user, key=f"nomination-new:{nomination.pk}"
    ).exists()
    assert AuditEvent.objects.filter(
        object_type="targeting.nomination", object_id=str(nomination.pk), action=AuditAction.CREATE
    ).exists()


def test_a_bad_cpr_number_is_refused(world):
    with pytest.raises(ValidationError):
        nominate(world, cpr="12345")


def test_a_nomination_needs_a_reason(world):
    with pytest.raises(ValidationError) as error:
        nominate(world, reason="   ")
    assert "reason" in error.value.error_dict


def test_a_team_leader_cannot_nominate(world, leader):
    with pytest.raises(ValidationError):
        services.nomination_create(
            user=leader,
            cpr_number=CPR["anna"],
            first_name="A",
            last_name="B",
            department=world.department,
            reason="x",
            areas=[],
        )


def test_accepting_creates_an_invitation_and_tells_the_nominator(world, screening):
    nomination = nominate(world, whole_household=True)
    invitation = services.nomination_accept(
        user=screening.handler.user, nomination=nomination, version=nomination.version
    )
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.ACCEPTED
    assert nomination.invitation == invitation
    assert invitation.source == InvitationSource.NOMINATION
    assert invitation.kind == "household"
    person = invitation.people.get()
    assert (person.cpr, person.first_name) == (CPR["anna"], "Anna")
    assert Notification.objects.filter(
        user=world.actor.user, key=f"nomination-outcome:{nomination.pk}"
    ).exists()


def test_declining_needs_a_reason_that_the_nominator_sees(world, screening, client):
    nomination = nominate(world)
    with pytest.raises(ValidationError):
        services.nomination_decline(
            user=screening.handler.user, nomination=nomination, version=1, reason=""
        )
    services.nomination_decline(
        user=screening.handler.user,
        nomination=nomination,
        version=nomination.version,
        reason="Kun én afdeling er involveret.",
    )
    client.force_login(world.actor.user)
    page = client.get(f"/targeting/nominations/{nomination.pk}/").text
    assert "Afvist" in page
    assert "Kun én afdeling er involveret." in page


def test_only_handlers_decide(world):
    nomination = nominate(world)
    with pytest.raises(Http404):
        services.nomination_accept(user=world.outsider.user, nomination=nomination, version=1)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.OPEN


def test_two_handlers_deciding_at_once_do_not_overwrite_each_other(world, screening):
    nomination = nominate(world)
    stale = nomination.version
    services.nomination_decline(
        user=screening.handler.user, nomination=nomination, version=stale, reason="Nej."
    )
    fresh = type(nomination).objects.get(pk=nomination.pk)
    fresh.status = NominationStatus.OPEN  # as the second handler's page still shows it
    with pytest.raises(EditConflict):
        services.nomination_accept(user=screening.handler.user, nomination=fresh, version=stale)
    assert not Invitation.objects.exists()


def test_a_duplicate_is_merged_and_its_nominator_follows_the_outcome(world, screening):
    first = nominate(world)
    second = nominate(world, professional=world.uncovered_actor, areas=[])
    services.nomination_merge(
        user=screening.handler.user, nomination=second, into=first, version=second.version
    )
    second.refresh_from_db()
    assert second.status == NominationStatus.MERGED
    assert second.merged_into == first
    services.nomination_accept(user=screening.handler.user, nomination=first, version=1)
    second.refresh_from_db()
    assert second.outcome.status == NominationStatus.ACCEPTED
    assert Notification.objects.filter(
        user=world.uncovered_actor.user, key=f"nomination-outcome:{second.pk}"
    ).exists()


def test_a_nomination_cannot_be_merged_into_a_decided_one(world, screening):
    first = nominate(world)
    services.nomination_decline(
        user=screening.handler.user, nomination=first, version=1, reason="x"
    )
    first.refresh_from_db()
    second = nominate(world)
    with pytest.raises(ValidationError):
        services.nomination_merge(
            user=screening.handler.user, nomination=second, into=first, version=1
        )


def test_the_handler_list_flags_the_same_citizen_nominated_twice(world, screening, client):
    nominate(world)
    nominate(world, professional=world.uncovered_actor)
    NominationFactory(department=world.department)
    client.force_login(screening.handler.user)
    page = client.get("/targeting/nominations/").text
    assert page.count("indstillet 1 gang mere") == 2
