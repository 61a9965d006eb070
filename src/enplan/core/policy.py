"""Who may see and do what. The one door for access to citizens' data.

Every view, API endpoint, export and selector asks this module; nothing filters by hand.
The rules, from the design brief:

- Tenancy: nobody reaches anything outside their own municipality.
- Need-to-know: a professional sees a plan only while they are its coordinator, or an
  active actor on it whose department the citizen's consent covers. Everyone else gets a
  404 rather than a 403, so that not even the plan's existence is revealed.
- Within a household plan, a professional sees a member's own parts (wishes, goals,
  interventions, network) only when that member's consent covers their department.
- Team leaders and administrators see no individual plan at all.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from enplan.core.models import Role
from enplan.network.models import Actor
from enplan.organisation.models import Professional
from enplan.plans.models import Consent, Plan, PlanMember


def professional_of(user) -> Professional | None:
    """The professional record behind a logged-in case worker, or None.

    Fetched once per request with its department and area, because both the access rules
    and the audit trail need them.
    """
    if not user.is_authenticated or user.role != Role.PROFESSIONAL or not user.municipality_id:
        return None
    if not hasattr(user, "_enplan_professional"):
        user._enplan_professional = (
            Professional.objects.select_related("department__area", "profession")
            .filter(user=user, municipality_id=user.municipality_id, is_active=True)
            .first()
        )
    return user._enplan_professional


def works_with_cases(user) -> bool:
    return professional_of(user) is not None


def _consents_covering(professional, day) -> QuerySet[Consent]:
    department = professional.department
    if department is None:
        return Consent.objects.none()
    return Consent.objects.filter(
        Q(departments=department) | Q(areas=department.area_id),
        given_on__lte=day,
        withdrawn_on__isnull=True,
    )


def plans_visible_to(user) -> QuerySet[Plan]:
    professional = professional_of(user)
    if professional is None:
        return Plan.objects.none()
    today = timezone.localdate()
    is_active_actor = Actor.objects.active_on(today).filter(
        plan=OuterRef("pk"), professional=professional
    )
    consent_covers = _consents_covering(professional, today).filter(plan=OuterRef("pk"))
    return Plan.objects.filter(municipality_id=user.municipality_id).filter(
        Q(coordinator=professional) | (Exists(is_active_actor) & Exists(consent_covers))
    )


def visible_plan_or_404(user, pk) -> Plan:
    plan = (
        plans_visible_to(user)
        .select_related(
            "coordinator__profession",
            "coordinator__department__area",
            "coordinator__user",
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def is_coordinator(user, plan: Plan) -> bool:
    professional = professional_of(user)
    return professional is not None and plan.coordinator_id == professional.pk


def visible_member_ids(user, plan: Plan) -> set[int]:
    """The members whose own parts of the plan this user may see."""
    if is_coordinator(user, plan):
        return set(PlanMember.objects.filter(plan=plan).values_list("pk", flat=True))
    professional = professional_of(user)
    if professional is None:
        return set()
    return set(
        PlanMember.objects.filter(
            plan=plan, consents__in=_consents_covering(professional, timezone.localdate())
        ).values_list("pk", flat=True)
    )


def can_manage_plan(user, plan: Plan) -> bool:
    """Coordinator-only actions: consent, hand-over, membership and review date."""
    return is_coordinator(user, plan)


def require_coordinator(user, plan: Plan) -> None:
    # The plan is already visible to this user, so a 404 would be confusing; the action is
    # simply not theirs to take. PermissionDenied renders as 403.
    if not can_manage_plan(user, plan):
        raise PermissionDenied


def require_professional(user) -> None:
    if not works_with_cases(user):
        raise Http404


# Finding the citizens (enplan.targeting) --------------------------------------------------
#
# Nominations: any professional nominates and sees their own nominations and the outcome;
# the municipality's nomination handlers (a visitation team named by the administrator)
# see them all, decide them and send the invitations. Team leaders see nomination figures
# only, like every other figure: small counts suppressed.
#
# Screening rounds, separation of duties:
# - the administrator sets a round up and records the gate (legal basis, DPIA, DPO);
# - reviewers (professionals appointed to the round) upload their department's extract and
#   accept or reject candidates. They see pseudonyms, never who is behind them;
# - the key holder (a role of its own, not a professional) re-identifies accepted
#   candidates only, and sees nothing else of the round;
# - team leaders and administrators see counts, never a pseudonym.


def _same_municipality(user, obj) -> bool:
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and obj.municipality_id == user.municipality_id
    )


def can_nominate(user) -> bool:
    return works_with_cases(user)


def handles_nominations(user) -> bool:
    from enplan.targeting.models import NominationHandler

    professional = professional_of(user)
    if professional is None:
        return False
    if not hasattr(user, "_enplan_handles_nominations"):
        user._enplan_handles_nominations = NominationHandler.objects.filter(
            professional=professional, municipality_id=user.municipality_id
        ).exists()
    return user._enplan_handles_nominations


def nominations_visible_to(user):
    from enplan.targeting.models import Nomination

    if handles_nominations(user):
        return Nomination.objects.filter(municipality_id=user.municipality_id)
    if can_nominate(user):
        return Nomination.objects.filter(municipality_id=user.municipality_id, nominated_by=user)
    return Nomination.objects.none()


def visible_nomination_or_404(user, pk):
    nomination = (
        nominations_visible_to(user)
        .select_related("department__area", "merged_into", "decided_by", "invitation")
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def require_nomination_handler(user) -> None:
    if not handles_nominations(user):
        raise Http404


def invitations_visible_to(user):
    from enplan.targeting.models import Invitation

    if not handles_nominations(user):
        return Invitation.objects.none()
    return Invitation.objects.filter(municipality_id=user.municipality_id)


def sees_targeting_figures(user) -> bool:
    """Team leaders and administrators: aggregates of nominations and rounds, no persons."""
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and user.role in (Role.LEADER, Role.ADMIN)
    )


def is_key_holder(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.municipality_id is not None
        and user.role == Role.KEY_HOLDER
    )


def is_reviewer(user, screening_round) -> bool:
    professional = professional_of(user)
    if professional is None or not _same_municipality(user, screening_round):
        return False
    cache = user.__dict__.setdefault("_enplan_reviewer_rounds", {})
    if screening_round.pk not in cache:
        cache[screening_round.pk] = screening_round.reviewers.filter(pk=professional.pk).exists()
    return cache[screening_round.pk]


def rounds_visible_to(user):
    """The rounds whose overview page this user may open."""
    from enplan.targeting.models import ScreeningRound

    if not user.is_authenticated or user.municipality_id is None:
        return ScreeningRound.objects.none()
    rounds = ScreeningRound.objects.filter(municipality_id=user.municipality_id)
    if sees_targeting_figures(user) or is_key_holder(user):
        return rounds
    professional = professional_of(user)
    if professional is None:
        return ScreeningRound.objects.none()
    return rounds.filter(reviewers=professional)


def visible_round_or_404(user, pk):
    screening_round = (
        rounds_visible_to(user).select_related("rule_version__rule_set").filter(pk=pk).first()
    )
    if screening_round is None:
        raise Http404
    return screening_round


def can_see_pseudonyms(user, screening_round) -> bool:
    """Reviewers see the shortlist; the key holder sees the accepted candidates'. Leaders
    and administrators never do."""
    return is_reviewer(user, screening_round) or (
        is_key_holder(user) and _same_municipality(user, screening_round)
    )


def candidates_visible_to(user, screening_round):
    from enplan.targeting.models import Candidate, CandidateDecision

    candidates = Candidate.objects.filter(
        round=screening_round, municipality_id=screening_round.municipality_id
    )
    if is_reviewer(user, screening_round):
        return candidates
    if is_key_holder(user) and _same_municipality(user, screening_round):
        return candidates.filter(decision=CandidateDecision.ACCEPTED)
    return Candidate.objects.none()


def can_upload_extract(user, screening_round) -> bool:
    return is_reviewer(user, screening_round)


def can_review(user, screening_round) -> bool:
    return is_reviewer(user, screening_round)


def can_reidentify(user, screening_round) -> bool:
    """Only the key holder, never a reviewer: whoever judges the pseudonymous candidates
    must not be able to learn who they are."""
    return is_key_holder(user) and _same_municipality(user, screening_round)


def can_manage_round(user, screening_round) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.ADMIN
        and user.is_staff
        and _same_municipality(user, screening_round)
    )


def require(allowed: bool) -> None:
    """For an action on something the user may already see: 403, not 404."""
    if not allowed:
        raise PermissionDenied
