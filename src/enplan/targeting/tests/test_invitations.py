"""Invitation and consent: the letter in plain Danish, a yes creates the plan through the
plan's own services with the consent recorded, a no changes nothing."""

import subprocess
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enplan.core.models import AuditAction, AuditEvent
from enplan.core.tests.pdfs import assert_pdf_ua
from enplan.plans.models import Consent, Plan
from enplan.plans.services import NewMember
from enplan.targeting import services
from enplan.targeting.models import InvitationStatus
from enplan.targeting.tests.extracts import CPR

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(world, screening):
    nomination = services.nomination_create(
        user=world.actor.user,
        cpr_number=CPR["anna"],
        first_name="Anna",
        last_name="Holm",
        department=world.department,
        reason="Mange møder.",
        areas=[],
    )
    return services.nomination_accept(
        user=screening.handler.user, nomination=nomination, version=nomination.version
    )


def test_a_yes_creates_the_plan_with_the_handler_as_coordinator_and_records_consent(
    world, screening, invitation
):
    plan = services.invitation_accept(
        user=screening.handler.user,
        invitation=invitation,
        version=invitation.version,
        kind="citizen",
        members=[NewMember(CPR["anna"], "Anna", "Holm", "citizen")],
        consent=services.Answer(
            given_on=timezone.localdate(), method="written", departments=[], areas=[world.area]
        ),
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED
    assert invitation.plan == plan
    assert plan.coordinator == screening.handler
    consent = Consent.objects.get(plan=plan)
    assert list(consent.areas.all()) == [world.area]
    assert consent.given_by.citizen.cpr == CPR["anna"]


def test_a_citizen_who_already_has_a_plan_is_not_given_a_second(world, screening, invitation):
    existing = world.member.citizen
    with pytest.raises(ValidationError):
        services.invitation_accept(
            user=screening.handler.user,
            invitation=invitation,
            version=invitation.version,
            kind="citizen",
            members=[NewMember(existing.cpr, "X", "Y", "citizen")],
            consent=services.Answer(
                given_on=timezone.localdate(),
                method="oral",
                departments=[world.department],
                areas=[],
            ),
        )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.PENDING
    assert Plan.objects.count() == 1


def test_consent_in_the_future_is_refused_and_no_plan_is_left_behind(world, screening, invitation):
    with pytest.raises(ValidationError):
        services.invitation_accept(
            user=screening.handler.user,
            invitation=invitation,
            version=invitation.version,
            kind="citizen",
            members=[NewMember(CPR["anna"], "Anna", "Holm", "citizen")],
            consent=services.Answer(
                given_on=timezone.localdate() + timedelta(days=1),
                method="oral",
                departments=[world.department],
                areas=[],
            ),
        )
    assert Plan.objects.count() == 1  # only the world's own


def test_a_no_is_recorded_and_changes_nothing_else(screening, invitation):
    services.invitation_decline(
        user=screening.handler.user,
        invitation=invitation,
        version=invitation.version,
        answered_on=timezone.localdate(),
        note="Vil ikke lige nu.",
    )
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert invitation.plan is None


def test_the_accept_page_creates_the_plan_and_goes_to_it(client, world, screening, invitation):
    client.force_login(screening.handler.user)
    data = {
        "version": invitation.version,
        "kind": "citizen",
        "given_on": timezone.localdate().isoformat(),
        "method": "written",
        "areas": [world.area.pk],
        "members-TOTAL_FORMS": "1",
        "members-INITIAL_FORMS": "1",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "12",
        "members-0-cpr": CPR["anna"],
        "members-0-first_name": "Anna",
        "members-0-last_name": "Holm",
        "members-0-role": "citizen",
    }
    response = client.post(f"/targeting/invitations/{invitation.pk}/yes/", data)
    plan = Plan.objects.get(title="Anna Holm")
    assert response["Location"] == f"/plans/{plan.pk}/"


def test_the_letter_is_a_pdf_in_plain_danish_and_its_export_is_audited(
    client, screening, invitation, tmp_path
):
    client.force_login(screening.handler.user)
    response = client.get(f"/targeting/invitations/{invitation.pk}/letter.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, object_type="targeting.invitation", object_id=str(invitation.pk)
    ).exists()
    path = tmp_path / "letter.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Vil du have én fælles plan?" in text
    assert "ændrer det ikke noget i den hjælp" in text
    assert "Kære Anna" in text


def test_the_letter_is_tagged_pdf_ua_with_xmp_metadata_and_a_title(client, screening, invitation):
    client.force_login(screening.handler.user)
    response = client.get(f"/targeting/invitations/{invitation.pk}/letter.pdf")
    assert_pdf_ua(response.content, title="Vil du have én fælles plan?")


def test_the_letter_is_in_danish_even_for_a_professional_using_english(
    client, settings, screening, invitation, tmp_path
):
    client.force_login(screening.handler.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "Find citizens" in client.get("/targeting/").text
    path = tmp_path / "letter.pdf"
    path.write_bytes(client.get(f"/targeting/invitations/{invitation.pk}/letter.pdf").content)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Vil du have én fælles plan?" in text
