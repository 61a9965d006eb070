"""Who may do what with relational-coordination rounds among the professionals:

- A round for one plan's professionals is run by that plan's coordinator (the current
  one: a hand-over moves the round with the plan). A team leader cannot start or see it:
  its name, its groups and its respondents would tell a leader which citizen has which
  professionals around them, and leaders see no individual case.
- A round for a team across departments is run by the team leader who created it; it
  names no citizen.
- A respondent is a professional with a login who was invited. They see their own form,
  and nobody else's. In a plan's round they must still be able to see the plan.
- Nobody sees an individual answer. Results are per group, only once the round has
  closed (so nobody can watch the figures move as each colleague answers), and only for
  ties with at least `coordination_min_respondents()` respondents, in every page, export
  and command.
- The round's results are for the people who ran it and for the respondents who took
  part, so the team can talk about them.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from enplan.coordination.models import Respondent, ScopeKind, SurveyRound
from enplan.core import access as core_access
from enplan.core.models import AnyUser
from enplan.organisation import access as organisation_access
from enplan.plans import access as plan_access
from enplan.plans.models import Plan, PlanStatus


def coordination_min_respondents() -> int:
    """The fewest respondents behind any figure shown. Never below three, whatever the
    settings say: with two, each of them can work out the other's answers."""
    return max(3, int(getattr(settings, "ENPLAN_RC_MIN_RESPONDENTS", 3)))


def can_start_team_round(user: AnyUser) -> bool:
    return core_access.is_team_leader(user)


def plans_for_new_round(user: AnyUser) -> QuerySet[Plan]:
    """The plans this user may start a round for: the active plans they coordinate."""
    professional = organisation_access.professional_of(user)
    if professional is None:
        return Plan.objects.none()
    return Plan.objects.filter(
        municipality_id=core_access.scope_of(user),
        coordinator=professional,
        status=PlanStatus.ACTIVE,
    )


def can_start_any_round(user: AnyUser) -> bool:
    return can_start_team_round(user) or plans_for_new_round(user).exists()


def rounds_managed_by(user: AnyUser):
    if not user.is_authenticated or not user.municipality_id:
        return SurveyRound.objects.none()
    conditions = []
    professional = organisation_access.professional_of(user)
    if professional is not None:
        conditions.append(Q(scope=ScopeKind.PLAN, plan__coordinator=professional))
    if core_access.is_team_leader(user):
        conditions.append(Q(scope=ScopeKind.TEAM, created_by=user))
    if not conditions:
        return SurveyRound.objects.none()
    condition = conditions[0]
    for extra in conditions[1:]:
        condition |= extra
    return SurveyRound.objects.filter(municipality_id=core_access.scope_of(user)).filter(condition)


def round_managed_or_404(user: AnyUser, pk):
    """The round, for the person running it. A respondent of the round may know it exists
    but may not run it (403); anyone else gets 404."""
    round_ = rounds_managed_by(user).select_related("plan").filter(pk=pk).first()
    if round_ is None:
        if respondent_records_of(user).filter(round_id=pk).exists():
            raise PermissionDenied
        raise Http404
    return round_


def respondent_records_of(user: AnyUser):
    """The invitations this user may answer: their own, and in a plan's round only while
    they can still see the plan."""
    professional = organisation_access.professional_of(user)
    if professional is None:
        return Respondent.objects.none()
    return Respondent.objects.filter(
        municipality_id=core_access.scope_of(user), professional=professional
    ).filter(
        Q(round__scope=ScopeKind.TEAM)
        | Q(round__plan__in=plan_access.plans_visible_to(user).values("pk"))
    )


def may_still_take_part(respondent) -> bool:
    """Whether an invited professional may still answer the round and hear about it: in a
    plan's round, only while they can see the plan (consent withdrawn or their part in the
    network ended, the round's notices stop too: its name is often the family's)."""
    user = respondent.professional.user
    if user is None or not user.is_active:
        return False
    return respondent_records_of(user).filter(pk=respondent.pk).exists()


def own_respondent_or_404(user: AnyUser, round_pk):
    respondent = (
        respondent_records_of(user)
        .select_related("round__plan", "group")
        .filter(round_id=round_pk)
        .first()
    )
    if respondent is None:
        raise Http404
    return respondent


def rounds_with_results_for(user: AnyUser):
    """Rounds whose group results this user may read (once they are closed)."""
    managed = rounds_managed_by(user).values("pk")
    answered = respondent_records_of(user).filter(submitted_at__isnull=False).values("round_id")
    return SurveyRound.objects.filter(municipality_id=core_access.scope_of(user)).filter(
        Q(pk__in=managed) | Q(pk__in=answered)
    )


def round_results_or_404(user: AnyUser, pk):
    round_ = rounds_with_results_for(user).select_related("plan").filter(pk=pk).first()
    if round_ is None:
        raise Http404
    return round_


def can_manage_round(user: AnyUser, round_) -> bool:
    return rounds_managed_by(user).filter(pk=round_.pk).exists()


def require_round_manager(user: AnyUser, round_) -> None:
    # The round is visible to this respondent; running it is not theirs to do.
    if not can_manage_round(user, round_):
        raise PermissionDenied


def results_released(round_) -> bool:
    return round_.is_closed
