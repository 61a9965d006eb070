"""The citizen's pages answer in a fixed number of queries, however big the plan."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enplan.citizen.tests.factories import network_meeting, with_login
from enplan.core import audit
from enplan.core.auditchain import CHAIN_QUERIES
from enplan.core.models import AuditAction
from enplan.meetings.models import Decision, DecisionEffect
from enplan.plans.tests.factories import (
    ActorFactory,
    GoalFactory,
    InterventionFactory,
    LogEntryFactory,
    PrivateActorFactory,
)

pytestmark = pytest.mark.django_db

PAGES = ["", "samtykke/", "min-log/", "mine-data/"]


def grow(family, n):
    plan = family.plan
    for i in range(n):
        goal = GoalFactory(plan=plan, member=family.mother)
        InterventionFactory(
            plan=plan, member=family.mother, department=family.department, responsible=family.actor
        )
        LogEntryFactory(plan=plan, goal=goal)
        PrivateActorFactory(plan=plan, member=family.mother)
        ActorFactory(plan=plan, member=family.mother)
        held = network_meeting(family, starts_at=timezone.now() - timedelta(days=i + 1))
        Decision.objects.create(
            municipality=plan.municipality,
            meeting=held,
            text=f"Beslutning {i}",
            effect=DecisionEffect.NONE,
            created_by=plan.created_by,
        )
        network_meeting(family, starts_at=timezone.now() + timedelta(days=i + 1))
        audit.record(user=family.actor.user, action=AuditAction.VIEW, obj=plan, plan=plan)
        audit.record(user=family.actor.user, action=AuditAction.CHANGE, obj=goal, plan=plan)


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# Session, user, citizen, plan, members and custody (the policy), the audit event, and the
# page's own reads (Min plan: one of them the decisions of the meetings, one the date the
# coordinator took over; Min log: the ids of what the citizen may see, the counts with the
# organisations, the page); the unread-messages count in the header.
EXPECTED = {"": 17, "samtykke/": 12, "min-log/": 11, "mine-data/": 9}
EXPECTED = {path: n + CHAIN_QUERIES for path, n in EXPECTED.items()}


@pytest.mark.parametrize("path", PAGES)
def test_the_page_takes_the_same_queries_for_a_small_and_a_large_plan(client, family, path):
    client.force_login(with_login(family.mother))
    url = f"/borger/plan/{family.plan.pk}/{path}"
    grow(family, 1)
    small = count(client, url)
    grow(family, 50)
    large = count(client, url)
    assert small == large == EXPECTED[path]
