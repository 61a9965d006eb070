"""Who sees what of the citizen's organisation. The map is part of the plan, so its rule
is the plan's (`plans.access`): the people and ratings of a member the reader may not see
are left out. A development point is the network's: everyone who may see the plan sees it;
its responsible person is named only to those who may see them."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from enplan.core.models import AnyUser
from enplan.network.models import DevelopmentPoint
from enplan.plans import access as plan_access
from enplan.plans.models import Plan


def points_visible_to(user: AnyUser, plan: Plan) -> QuerySet[DevelopmentPoint]:
    """The plan's development points, each marked whether its responsible person may be
    named to this user (`responsible_visible`)."""
    named = plan_access.actors_visible_to(user, plan).filter(pk=OuterRef("responsible"))
    return DevelopmentPoint.objects.filter(plan=plan).annotate(responsible_visible=Exists(named))


def visible_point_or_404(user: AnyUser, plan: Plan, pk) -> DevelopmentPoint:
    point = points_visible_to(user, plan).filter(pk=pk).first()
    if point is None:
        raise Http404
    return point
