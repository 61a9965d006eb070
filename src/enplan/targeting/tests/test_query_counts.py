"""Lists answer in a constant number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.targeting import services
from enplan.targeting.models import Candidate, Nomination
from enplan.targeting.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_nominations(world, screening, n):
    for _ in range(n):
        nomination = NominationFactory(department=world.department, nominated_by=world.actor.user)
        nomination.areas.set([world.area])
    for item in list(Nomination.objects.filter(status="open")[: n // 2]):
        services.nomination_accept(
            user=screening.handler.user, nomination=item, version=item.version
        )


def add_candidates(scored, n):
    start = scored.round.candidates.count()
    Candidate.objects.bulk_create(
        Candidate(
            municipality=scored.round.municipality,
            round=scored.round,
            rank=start + i + 1,
            household=f"{start + i:064x}",
            points=1000,
            members=[{"person": f"{start + i:064x}", "points": 1000, "rules": [["Regel", 1000]]}],
            decision="accepted",
        )
        for i in range(n)
    )


PAGES = [
    ("handler", "/targeting/"),
    ("handler", "/targeting/nominations/"),
    ("handler", "/targeting/invitations/"),
    ("nominator", "/targeting/"),
    ("leader", "/targeting/"),
    ("reviewer", "/targeting/rounds/{round}/"),
    ("reviewer", "/targeting/rounds/{round}/shortlist/"),
    ("key_holder", "/targeting/rounds/{round}/reidentify/"),
]


@pytest.mark.parametrize(("role", "url"), PAGES)
def test_the_page_costs_the_same_with_few_and_many_rows(client, scored, world, role, url):
    user = {
        "handler": scored.handler.user,
        "nominator": world.actor.user,
        "leader": scored.leader,
        "reviewer": scored.reviewer.user,
        "key_holder": scored.key_holder,
    }[role]
    client.force_login(user)
    url = url.format(round=scored.round.pk)
    add_nominations(world, scored, 2)
    add_candidates(scored, 1)
    few = queries(client, url)
    add_nominations(world, scored, 20)
    add_candidates(scored, 20)
    many = queries(client, url)
    assert few == many


def test_the_nomination_list_takes_a_fixed_number_of_queries(client, scored, world):
    add_nominations(world, scored, 12)
    client.force_login(scored.handler.user)
    # session, user, professional, handler check, the listing's audit event (and its
    # place in the audit chain), notices count, nominations, areas
    assert queries(client, "/targeting/nominations/") == 8 + CHAIN_QUERIES
