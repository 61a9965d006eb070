"""Who may see and do what. The one door for access to citizens' data.

Every view, API endpoint, export and selector asks this module; nothing filters by hand.
The rules, from the design brief:

- Tenancy: nobody reaches anything outside their own municipality.
- Need-to-know: a professional sees a plan only while they are its coordinator, or an
  active actor on it whose department the citizen's consent covers. Everyone else gets a
  404 rather than a 403, so that not even the plan's existence is revealed.
- Within a household plan, a professional sees a member's own parts (wishes, goals,
  interventions, network) only when that member's consent covers their department.
- Team leaders and administrators see no individual plan at all. Team leaders see
  figures across their municipality's plans, with groups of fewer than five citizens
  suppressed (`sees_steering_figures`, `plans_for_figures`).
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


def can_withdraw_registration(user, plan: Plan, registration) -> bool:
    """A mistaken step registration is withdrawn by whoever made it, or by the coordinator."""
    return registration.registered_by_id == user.pk or is_coordinator(user, plan)


def require_professional(user) -> None:
    if not works_with_cases(user):
        raise Http404


def sees_steering_figures(user) -> bool:
    """Team leaders follow progression, patterns and cost in aggregate (the steering
    group's monthly dialogue). They see figures across plans, never a single case."""
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.LEADER
        and user.municipality_id is not None
    )


def require_steering(user) -> None:
    if not sees_steering_figures(user):
        raise Http404


def plans_for_figures(user) -> QuerySet[Plan]:
    """The plans a leader's figures are computed over: every plan in their municipality.

    Only ever aggregated, with small groups suppressed: never listed, linked or opened.
    """
    if not sees_steering_figures(user):
        return Plan.objects.none()
    return Plan.objects.filter(municipality_id=user.municipality_id)
