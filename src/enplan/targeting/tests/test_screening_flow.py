"""A screening round from upload to invitation: scoring, review by pseudonym, and
re-identification by the key holder only, with every person's re-identification audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from enplan.core.models import AuditAction, AuditEvent
from enplan.targeting import access, services
from enplan.targeting.models import CandidateDecision, Extract, InvitationSource, RoundStatus
from enplan.targeting.tests.conftest import csv_upload
from enplan.targeting.tests.extracts import CPR, SMALL, h, p

pytestmark = pytest.mark.django_db


def people(*names):
    first = {"anna": "Anna", "bo": "Bo", "carl": "Carl", "dina": "Dina"}
    return [services.Person(CPR[n], first[n], "Holm") for n in names]


def test_scoring_puts_the_proposed_households_on_the_shortlist_with_their_explanation(scored):
    candidate = scored.round.candidates.get()
    assert (candidate.rank, candidate.household, candidate.points) == (1, h("anna"), 1900)
    assert candidate.members[0] == {
        "person": p("anna"),
        "points": 1500,
        "rules": [
            ["Mindst 3 år på offentlig forsørgelse", 500],
            ["Sager i 2 til 4 afdelinger", 300],
            ["Børn med foranstaltninger", 700],
        ],
    }
    assert scored.round.status == RoundStatus.REVIEW
    assert scored.round.counts["scored_persons"] == 6
    assert scored.round.counts["proposed_households"] == 1


def test_a_failed_upload_stores_nothing(screening):
    bad = [*SMALL, SMALL[0]]
    with pytest.raises(ValidationError):
        services.extract_upload(
            user=screening.reviewer.user,
            screening_round=screening.round,
            uploaded_file=csv_upload(bad),
        )
    assert not Extract.objects.exists()


def test_a_department_uploading_again_replaces_its_extract(screening):
    for rows in (SMALL[:3], SMALL):
        services.extract_upload(
            user=screening.reviewer.user,
            screening_round=screening.round,
            uploaded_file=csv_upload(rows),
        )
    assert Extract.objects.get().rows == len(SMALL)


def test_a_second_department_may_not_report_the_same_indicator_for_the_same_person(screening):
    services.extract_upload(
        user=screening.reviewer.user, screening_round=screening.round, uploaded_file=csv_upload()
    )
    with pytest.raises(ValidationError):
        services.extract_upload(
            user=screening.other_reviewer.user,
            screening_round=screening.round,
            uploaded_file=csv_upload(SMALL[:2]),
        )
    assert Extract.objects.count() == 1


def test_after_scoring_no_more_extracts_are_taken(scored):
    with pytest.raises(ValidationError):
        services.extract_upload(
            user=scored.other_reviewer.user,
            screening_round=scored.round,
            uploaded_file=csv_upload(SMALL[:1]),
        )


def test_one_reviewers_approval_does_not_accept_a_household(scored):
    candidate = scored.round.candidates.get()
    services.candidate_review(
        user=scored.reviewer.user, candidate=candidate, accept=True, reason="Mange aktører."
    )
    candidate.refresh_from_db()
    assert candidate.decision == CandidateDecision.PENDING
    assert candidate.first_approved_by == scored.reviewer.user
    # Not for the key holder yet.
    assert not access.candidates_visible_to(scored.key_holder, scored.round).exists()


def test_the_same_reviewer_cannot_approve_twice(scored):
    candidate = scored.round.candidates.get()
    services.candidate_review(
        user=scored.reviewer.user, candidate=candidate, accept=True, reason="Ja."
    )
    with pytest.raises(ValidationError):
        services.candidate_review(
            user=scored.reviewer.user, candidate=candidate, accept=True, reason="Ja igen."
        )
    candidate.refresh_from_db()
    assert candidate.decision == CandidateDecision.PENDING


def test_a_second_reviewer_accepts_and_a_further_decision_is_refused(scored):
    candidate = accepted(scored)
    assert candidate.decision == CandidateDecision.ACCEPTED
    assert candidate.decided_by == scored.other_reviewer.user
    with pytest.raises(ValidationError):
        services.candidate_review(
            user=scored.reviewer.user, candidate=candidate, accept=False, reason="Nej."
        )


def test_one_reviewer_can_reject_alone(scored):
    candidate = scored.round.candidates.get()
    services.candidate_review(
        user=scored.reviewer.user, candidate=candidate, accept=True, reason="Ja."
    )
    services.candidate_review(
        user=scored.other_reviewer.user, candidate=candidate, accept=False, reason="Nej."
    )
    candidate.refresh_from_db()
    assert candidate.decision == CandidateDecision.REJECTED


def test_a_review_needs_a_reason(scored):
    with pytest.raises(ValidationError):
        services.candidate_review(
            user=scored.reviewer.user,
            candidate=scored.round.candidates.get(),
            accept=True,
            reason=" ",
        )


def accepted(scored):
    """Accepted by two reviewers, as re-identification needs."""
    candidate = scored.round.candidates.get()
    for reviewer in (scored.reviewer, scored.other_reviewer):
        services.candidate_review(
            user=reviewer.user, candidate=candidate, accept=True, reason="Ja."
        )
    candidate.refresh_from_db()
    return candidate


def test_a_reviewer_cannot_re_identify(scored, key):
    candidate = accepted(scored)
    with pytest.raises(PermissionDenied):
        services.candidate_reidentify(
            user=scored.reviewer.user, candidate=candidate, key=key, people=people("anna")
        )


def test_the_key_holder_re_identifies_an_accepted_household_into_an_invitation(scored, key):
    candidate = accepted(scored)
    extra = services.Person(CPR["dina"], "Dina", "Dal")  # on the list, not in the household
    invitation = services.candidate_reidentify(
        user=scored.key_holder,
        candidate=candidate,
        key=key,
        people=[extra, *people("carl", "bo", "anna")],
    )
    assert invitation.source == InvitationSource.SCREENING
    assert invitation.round == scored.round
    assert invitation.kind == "household"
    # The reference person (whose pseudonym is the household's) first; Dina was dropped.
    assert [(x.first_name, x.role) for x in invitation.people.all()] == [
        ("Anna", "parent"),
        ("Bo", "partner"),
        ("Carl", "child"),
    ]
    events = AuditEvent.objects.filter(action=AuditAction.REIDENTIFY, user=scored.key_holder)
    assert events.count() == 3
    assert {e.object_type for e in events} == {"targeting.invitedperson"}


def test_a_wrong_key_finds_no_one_and_changes_nothing(scored):
    candidate = accepted(scored)
    with pytest.raises(ValidationError) as error:
        services.candidate_reidentify(
            user=scored.key_holder,
            candidate=candidate,
            key="another-key-that-is-long-enough-0123456789",
            people=people("anna", "bo", "carl"),
        )
    assert "Tjek numrene og nøglen" in error.value.messages[0]
    candidate.refresh_from_db()
    assert candidate.invitation is None
    assert not AuditEvent.objects.filter(action=AuditAction.REIDENTIFY).exists()


def test_a_short_key_is_refused(scored):
    with pytest.raises(ValidationError):
        services.candidate_reidentify(
            user=scored.key_holder, candidate=accepted(scored), key="short", people=people("anna")
        )


def test_every_member_must_be_found(scored, key):
    with pytest.raises(ValidationError) as error:
        services.candidate_reidentify(
            user=scored.key_holder, candidate=accepted(scored), key=key, people=people("anna")
        )
    assert error.value.messages[0].startswith("1 af husstandens 3 medlemmer")


def test_a_candidate_still_under_review_cannot_be_re_identified(scored, key):
    candidate = scored.round.candidates.get()
    with pytest.raises(ValidationError):
        services.candidate_reidentify(
            user=scored.key_holder, candidate=candidate, key=key, people=people("anna")
        )


def test_re_identification_through_the_page_with_the_departments_list(scored, key, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    candidate = accepted(scored)
    listing = "cpr;first_name;last_name\n" + "\n".join(
        f"{CPR[n]};{n.title()};Holm" for n in ("anna", "bo", "carl", "dina", "emil")
    )
    client.force_login(scored.key_holder)
    response = client.post(
        f"/targeting/rounds/{scored.round.pk}/candidates/{candidate.pk}/reidentify/",
        {"key": key, "mapping": SimpleUploadedFile("liste.csv", listing.encode())},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert sorted(x.first_name for x in candidate.invitation.people.all()) == [
        "Anna",
        "Bo",
        "Carl",
    ]
