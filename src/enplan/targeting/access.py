"""Who may do what when finding the citizens who need one plan.

Nominations: any professional nominates and sees their own nominations and the outcome;
the municipality's nomination handlers (a visitation team named by the administrator)
see them all, decide them and send the invitations. Team leaders see nomination figures
only, like every other figure: small counts suppressed.

Screening rounds, separation of duties:
- the administrator sets a round up and records the gate (legal basis, DPIA, DPO);
- reviewers (professionals appointed to the round) upload their department's extract and
  accept or reject candidates. They see pseudonyms, never who is behind them;
- the key holder (a role of its own, not a professional) re-identifies accepted
  candidates only, and sees nothing else of the round;
- team leaders and administrators see counts, never a pseudonym.
"""

from django.http import Http404

from enplan.core import access as core_access
from enplan.core.models import AnyUser, Role
from enplan.organisation import access as organisation_access


def can_nominate(user: AnyUser) -> bool:
    return organisation_access.works_with_cases(user)


def handles_nominations(user: AnyUser) -> bool:
    from enplan.targeting.models import NominationHandler

    professional = organisation_access.professional_of(user)
    if professional is None:
        return False
    return core_access.remembered(
        user,
        "handles_nominations",
        lambda: NominationHandler.objects.filter(
            professional=professional, municipality_id=professional.municipality_id
        ).exists(),
    )


def nominations_visible_to(user: AnyUser):
    from enplan.targeting.models import Nomination

    if handles_nominations(user):
        return Nomination.objects.filter(municipality_id=core_access.scope_of(user))
    if can_nominate(user):
        return Nomination.objects.filter(
            municipality_id=core_access.scope_of(user), nominated_by_id=user.pk
        )
    return Nomination.objects.none()


def visible_nomination_or_404(user: AnyUser, pk):
    nomination = (
        nominations_visible_to(user)
        .select_related("department__area", "merged_into", "decided_by", "invitation")
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def nomination_handler_or_404(user: AnyUser) -> None:
    if not handles_nominations(user):
        raise Http404


def invitations_visible_to(user: AnyUser):
    from enplan.targeting.models import Invitation

    if not handles_nominations(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(municipality_id=core_access.scope_of(user))


def sees_targeting_figures(user: AnyUser) -> bool:
    """Team leaders and administrators: aggregates of nominations and rounds, no persons."""
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and user.role in (Role.LEADER, Role.ADMIN)
    )


def is_reviewer(user: AnyUser, screening_round) -> bool:
    professional = organisation_access.professional_of(user)
    if professional is None or not core_access.same_municipality(user, screening_round):
        return False
    cache = core_access.remembered(user, "reviewer_rounds", dict)
    if screening_round.pk not in cache:
        cache[screening_round.pk] = screening_round.reviewers.filter(pk=professional.pk).exists()
    return cache[screening_round.pk]


def rounds_visible_to(user: AnyUser):
    """The rounds whose overview page this user may open."""
    from enplan.targeting.models import ScreeningRound

    if not user.is_authenticated or user.municipality_id is None:
        return ScreeningRound.objects.none()
    rounds = ScreeningRound.objects.filter(municipality_id=core_access.scope_of(user))
    if sees_targeting_figures(user) or core_access.is_key_holder(user):
        return rounds
    professional = organisation_access.professional_of(user)
    if professional is None:
        return ScreeningRound.objects.none()
    return rounds.filter(reviewers=professional)


def visible_round_or_404(user: AnyUser, pk):
    screening_round = (
        rounds_visible_to(user).select_related("rule_version__rule_set").filter(pk=pk).first()
    )
    if screening_round is None:
        raise Http404
    return screening_round


def can_see_pseudonyms(user: AnyUser, screening_round) -> bool:
    """Reviewers see the shortlist; the key holder sees the accepted candidates'. Leaders
    and administrators never do."""
    return is_reviewer(user, screening_round) or (
        core_access.is_key_holder(user) and core_access.same_municipality(user, screening_round)
    )


def candidates_visible_to(user: AnyUser, screening_round):
    from enplan.targeting.models import Candidate, CandidateDecision

    candidates = Candidate.objects.filter(
        round=screening_round, municipality_id=screening_round.municipality_id
    )
    if is_reviewer(user, screening_round):
        return candidates
    if core_access.is_key_holder(user) and core_access.same_municipality(user, screening_round):
        return candidates.filter(decision=CandidateDecision.ACCEPTED)
    return Candidate.objects.none()


def can_upload_extract(user: AnyUser, screening_round) -> bool:
    return is_reviewer(user, screening_round)


def can_review(user: AnyUser, screening_round) -> bool:
    return is_reviewer(user, screening_round)


def require_reviewer(user: AnyUser, screening_round) -> None:
    """Scoring and reviewing are the reviewers'; others who see the round (leaders,
    administrators, the key holder) get 403, as for the round's other actions."""
    core_access.require(can_review(user, screening_round))


def can_download_dpia(user: AnyUser, screening_round) -> bool:
    """The approved DPIA is for those who see the round and its counts; the key holder
    sees nothing of the round but the accepted candidates."""
    return (
        bool(screening_round.dpia_file_name)
        and not core_access.is_key_holder(user)
        and rounds_visible_to(user).filter(pk=screening_round.pk).exists()
    )


def can_reidentify(user: AnyUser, screening_round) -> bool:
    """Only the key holder, never a reviewer: whoever judges the pseudonymous candidates
    must not be able to learn who they are."""
    return core_access.is_key_holder(user) and core_access.same_municipality(user, screening_round)


def can_manage_screening_round(user: AnyUser, screening_round) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.ADMIN
        and user.is_staff
        and core_access.same_municipality(user, screening_round)
    )
