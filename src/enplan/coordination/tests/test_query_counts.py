"""Pages run a fixed number of queries, whatever the size of the round."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enplan.coordination.models import Respondent
from enplan.coordination.tests.factories import (
    RespondentFactory,
    TeamRoundFactory,
    WorkgroupFactory,
    answer_all,
)
from enplan.core.auditchain import CHAIN_QUERIES
from enplan.organisation.tests.factories import ProfessionalFactory

pytestmark = pytest.mark.django_db


def _team_round(leader, groups, per_group, closed=True):
    round_ = TeamRoundFactory(created_by=leader)
    workgroups = [WorkgroupFactory(round=round_) for _ in range(groups)]
    for group in workgroups:
        for _ in range(per_group):
            respondent = RespondentFactory(group=group)
            answer_all(respondent, workgroups, score=4)
    if closed:
        round_.closed_at = timezone.now()
        round_.save()
    return round_


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


EXPECTED = {
    "results": 11,
    "print": 11,
    "export_csv": 7,
    "export_xlsx": 8,
    "compare": 14,
    "detail": 8,
}
EXPECTED = {name: n + CHAIN_QUERIES for name, n in EXPECTED.items()}
# Comparing opens two rounds' results, and audits each: two links of the audit chain.
EXPECTED["compare"] += CHAIN_QUERIES


@pytest.mark.parametrize(
    "name", ["results", "print", "export_csv", "export_xlsx", "compare", "detail"]
)
def test_result_pages_cost_the_same_small_and_large(client, leader, name):
    small = _team_round(leader, groups=1, per_group=3)
    large = _team_round(leader, groups=6, per_group=5)
    client.force_login(leader)
    small_count = _count(client, reverse(f"coordination:{name}", args=[small.pk]))
    large_count = _count(client, reverse(f"coordination:{name}", args=[large.pk]))
    assert small_count == large_count
    assert large_count == EXPECTED[name]


def test_the_overview_costs_the_same_with_1_and_20_rounds(client, world, leader):
    professional = ProfessionalFactory(department=world.department)
    for _ in range(1):
        round_ = _team_round(leader, groups=1, per_group=3, closed=False)
        RespondentFactory(group=round_.groups.first(), professional=professional, label="")
    client.force_login(professional.user)
    one = _count(client, reverse("coordination:index"))
    for _ in range(19):
        round_ = _team_round(leader, groups=1, per_group=3, closed=False)
        RespondentFactory(group=round_.groups.first(), professional=professional, label="")
    assert Respondent.objects.filter(professional=professional).count() == 20
    assert _count(client, reverse("coordination:index")) == one


def test_the_answer_form_costs_the_same_with_1_and_8_groups(client, world, leader):
    professional = ProfessionalFactory(department=world.department)
    counts = []
    for groups in (1, 8):
        round_ = _team_round(leader, groups=groups, per_group=1, closed=False)
        RespondentFactory(group=round_.groups.first(), professional=professional, label="")
        client.force_login(professional.user)
        counts.append(_count(client, reverse("coordination:answer", args=[round_.pk])))
    assert counts[0] == counts[1]
