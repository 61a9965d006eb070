"""The steering dashboard: filters, charts with their tables, constant queries, and never a
link to a case."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enplan.core.auditchain import CHAIN_QUERIES
from enplan.plans.tests.factories import PlanMemberFactory
from enplan.progress.models import KeptSteeringFigures
from enplan.progress.tests.conftest import MARCH
from enplan.progress.tests.factories import StepRegistrationFactory

pytestmark = pytest.mark.django_db

QUERY = f"?start={MARCH.start}&end={MARCH.end}&group=all"


def test_the_dashboard_shows_charts_with_their_tables(client, march):
    client.force_login(march.leader)
    text = client.get("/progress/steering/" + QUERY).text
    assert "Styringsdata" in text
    # Movements, one per step model, the shares, the evaluations, and cost.
    assert text.count('class="bar-chart"') == 6
    assert 'aria-label="Bevægelser i perioden (borgere). Tallene står i tabellen' in text
    for table in ("steps", "movements", "continuity", "cost"):
        assert f'id="table-{table}"' in text
        assert f"/progress/steering/{table}.xlsx{QUERY}".replace("&", "&amp;") in text
    assert "Tal for <strong>Alle planer</strong>, 01.03.2025–31.03.2025." in text
    # Nine citizens on the staircase: shown. The four who moved up: suppressed.
    assert "<dt>På trappen ved periodens slutning</dt><dd>9</dd>" in text
    assert "<dt>Rykket op</dt><dd>&lt;5</dd>" in text


def test_the_default_period_is_last_month(client, march):
    client.force_login(march.leader)
    response = client.get("/progress/steering/")
    assert response.status_code == 200
    start = response.context["form"].period.start
    assert start.day == 1
    assert start < date.today()


def test_the_dashboard_never_links_to_a_plan(client, march):
    client.force_login(march.leader)
    text = client.get("/progress/steering/" + QUERY).text
    assert not re.search(r'href="[^"]*/plans/\d+', text)
    for member in march.members.values():
        assert member.citizen.full_name not in text
    for plan in march.plans.values():
        assert plan.title not in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?start=2025-03-31&end=2025-03-01", "Perioden slutter, før den begynder."),
        ("?start=2030-01-01&end=2030-01-31", "Perioden er ikke begyndt endnu."),
        ("?start=2999-01-01&end=2999-01-31", "Datoen skal være"),
        ("?start=0001-01-01&end=0001-01-31", "Datoen skal være 01.01.2000 eller senere."),
        ("?start=2010-01-01&end=2025-01-01", "Vælg en periode på højst fem år."),
        ("?group=team:999999", "Vælg en gruppe på listen."),
        ("?start=31-03-2025", "Indtast en gyldig dato."),
    ],
)
def test_bad_filters_get_a_danish_message_and_no_figures(client, march, query, message):
    client.force_login(march.leader)
    response = client.get("/progress/steering/" + query)
    assert response.status_code == 200
    assert message in response.text
    assert response.context["figures"] is None


def test_a_group_from_another_municipality_cannot_be_chosen(client, march):
    from enplan.organisation.tests.factories import AreaFactory

    elsewhere = AreaFactory()
    client.force_login(march.leader)
    response = client.get(f"/progress/steering/?group=area:{elsewhere.pk}")
    assert response.context["figures"] is None


def test_the_groups_offered_are_areas_models_and_coordinator_teams(client, march):
    client.force_login(march.leader)
    text = client.get("/progress/steering/").text
    assert f'value="area:{march.areas["Work"].pk}"' in text
    assert f'value="model:{march.second_model.pk}"' in text
    assert f'value="team:{march.teams["one"].pk}"' in text
    assert '<optgroup label="Koordinatorteam">' in text


def _count(client, path):
    """The queries of a look that computes the figures (none kept yet)."""
    client.get(path)
    KeptSteeringFigures.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    ["/progress/steering/" + QUERY, "/progress/steering/all.xlsx" + QUERY],
)
def test_the_dashboard_needs_the_same_queries_whatever_the_data(client, march, path):
    client.force_login(march.leader)
    small = _count(client, path)
    step = march.steps["s1"]
    for index in range(30):
        member = PlanMemberFactory(plan__coordinator=march.plans["A"].coordinator)
        StepRegistrationFactory(member=member, step=step, entered_on=date(2025, 3, 1 + index % 28))
    large = _count(client, path)
    # PostgreSQL runs the two large statements in a transaction of their own, with more
    # memory for their sorts: a savepoint, a SET and a release each. Keeping the figures
    # is a look for kept ones, then update_or_create's savepoints, select and insert.
    computing = 31 if connection.vendor == "postgresql" else 25
    keeping = 7
    # And whether the municipality is large enough for the task queue.
    sizing = 1
    assert small == large == computing + keeping + sizing + CHAIN_QUERIES


def test_downloads_are_named_in_danish(client, march):
    client.force_login(march.leader)
    response = client.get("/progress/steering/movements.csv" + QUERY)
    assert response["Content-Disposition"] == (
        'attachment; filename="styringsdata-bevaegelser-2025-03-01-2025-03-31.csv"'
    )
    response = client.get("/progress/steering/all.xlsx" + QUERY)
    assert (
        'filename="styringsdata-alle-2025-03-01-2025-03-31.xlsx"' in response["Content-Disposition"]
    )
