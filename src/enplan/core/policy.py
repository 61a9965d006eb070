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

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from enplan.coordination.models import Respondent, ScopeKind, SurveyRound
from enplan.core.models import Role
from enplan.network.models import Actor
from enplan.organisation.models import Professional
from enplan.plans.models import Consent, Plan, PlanMember, PlanStatus


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


# Relational coordination ----------------------------------------------------------------
#
# Who may do what with survey rounds among the professionals:
#
# - A round for one plan's professionals is run by that plan's coordinator (the current
#   one: a hand-over moves the round with the plan). A team leader cannot start or see it:
#   its name, its groups and its respondents would tell a leader which citizen has which
#   professionals around them, and leaders see no individual case.
# - A round for a team across departments is run by the team leader who created it; it
#   names no citizen.
# - A respondent is a professional with a login who was invited. They see their own form,
#   and nobody else's. In a plan's round they must still be able to see the plan.
# - Nobody sees an individual answer. Results are per group, only once the round has
#   closed (so nobody can watch the figures move as each colleague answers), and only for
#   ties with at least `coordination_min_respondents()` respondents, in every page, export
#   and command.
# - The round's results are for the people who ran it and for the respondents who took
#   part, so the team can talk about them.


def coordination_min_respondents() -> int:
    """The fewest respondents behind any figure shown. Never below three, whatever the
    settings say: with two, each of them can work out the other's answers."""
    return max(3, int(getattr(settings, "ENPLAN_RC_MIN_RESPONDENTS", 3)))


def is_team_leader(user) -> bool:
    return bool(
        user.is_authenticated and user.role == Role.LEADER and user.municipality_id is not None
    )


def can_start_team_round(user) -> bool:
    return is_team_leader(user)


def plans_for_new_round(user) -> QuerySet[Plan]:
    """The plans this user may start a round for: the active plans they coordinate."""
    professional = professional_of(user)
    if professional is None:
        return Plan.objects.none()
    return Plan.objects.filter(
        municipality_id=user.municipality_id,
        coordinator=professional,
        status=PlanStatus.ACTIVE,
    )


def can_start_any_round(user) -> bool:
    return can_start_team_round(user) or plans_for_new_round(user).exists()


def rounds_managed_by(user):
    if not user.is_authenticated or not user.municipality_id:
        return SurveyRound.objects.none()
    conditions = []
    professional = professional_of(user)
    if professional is not None:
        conditions.append(Q(scope=ScopeKind.PLAN, plan__coordinator=professional))
    if is_team_leader(user):
        conditions.append(Q(scope=ScopeKind.TEAM, created_by=user))
    if not conditions:
        return SurveyRound.objects.none()
    condition = conditions[0]
    for extra in conditions[1:]:
        condition |= extra
    return SurveyRound.objects.filter(municipality_id=user.municipality_id).filter(condition)


def round_managed_or_404(user, pk):
    """The round, for the person running it. A respondent of the round may know it exists
    but may not run it (403); anyone else gets 404."""
    round_ = rounds_managed_by(user).select_related("plan").filter(pk=pk).first()
    if round_ is None:
        if respondent_records_of(user).filter(round_id=pk).exists():
            raise PermissionDenied
        raise Http404
    return round_


def respondent_records_of(user):
    """The invitations this user may answer: their own, and in a plan's round only while
    they can still see the plan."""
    professional = professional_of(user)
    if professional is None:
        return Respondent.objects.none()
    return Respondent.objects.filter(
        municipality_id=user.municipality_id, professional=professional
    ).filter(
        Q(round__scope=ScopeKind.TEAM) | Q(round__plan__in=plans_visible_to(user).values("pk"))
    )


def own_respondent_or_404(user, round_pk):
    respondent = (
        respondent_records_of(user)
        .select_related("round__plan", "group")
        .filter(round_id=round_pk)
        .first()
    )
    if respondent is None:
        raise Http404
    return respondent


def rounds_with_results_for(user):
    """Rounds whose group results this user may read (once they are closed)."""
    managed = rounds_managed_by(user).values("pk")
    answered = respondent_records_of(user).filter(submitted_at__isnull=False).values("round_id")
    return SurveyRound.objects.filter(municipality_id=user.municipality_id).filter(
        Q(pk__in=managed) | Q(pk__in=answered)
    )


def round_results_or_404(user, pk):
    round_ = rounds_with_results_for(user).select_related("plan").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


def can_manage_round(user, round_) -> bool:
    return rounds_managed_by(user).filter(pk=round_.pk).exists()


def require_round_manager(user, round_) -> None:
    # The round is visible to this respondent; running it is not theirs to do.
    if not can_manage_round(user, round_):
        raise PermissionDenied


def results_released(round_) -> bool:
    return round_.is_closed
