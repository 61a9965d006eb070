"""Who may change a plan's staircase, and who sees the steering figures (team leaders, in
aggregate only; `core.access.sees_steering_figures`)."""

from django.http import Http404

from enplan.core import access as core_access
from enplan.core.models import AnyUser
from enplan.plans import access as plan_access
from enplan.plans.models import Plan


def can_withdraw_registration(user: AnyUser, plan: Plan, registration) -> bool:
    """A mistaken step registration is withdrawn by whoever made it, or by the coordinator."""
    return registration.registered_by_id == user.pk or plan_access.is_coordinator(user, plan)


def steering_figures_or_404(user: AnyUser) -> None:
    if not core_access.sees_steering_figures(user):
        raise Http404
