"""With a read replica configured, the dashboard and its downloads read their figures from
it, and who may see them, and the audit of the look, from and to the primary
(docs/scaling.md)."""

import pytest
from django.db import connection, connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext

from enplan.core.db_router import REPLICA, replica_reads
from enplan.progress import steering
from enplan.progress.steering import Group
from enplan.progress.tests.conftest import MARCH

QUERY = f"?start={MARCH.start}&end={MARCH.end}&group=all"


@pytest.fixture
def replica(transactional_db, settings):
    """A second connection to the test database, standing in for a replica: the data is
    committed (a transactional test), so both connections see it."""
    settings_dict = {**connections["default"].settings_dict}
    replica = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias=REPLICA)
    connections[REPLICA] = replica
    settings.DATABASES = {**settings.DATABASES, REPLICA: settings_dict}
    settings.DATABASE_ROUTERS = ["enplan.core.db_router.ReplicaRouter"]
    yield replica
    replica.close()
    del connections[REPLICA]


def _sql(queries) -> str:
    return " ".join(query["sql"] for query in queries.captured_queries)


@pytest.mark.parametrize("path", ["/progress/steering/", "/progress/steering/all.xlsx"])
def test_the_figures_are_read_from_the_replica(replica, march, client, path):
    client.force_login(march.leader)
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert client.get(path + QUERY).status_code == 200
    read, primary = _sql(on_replica), _sql(on_primary)
    # The staircase, the cost and the network per citizen are the figures' own SQL.
    for table in ("progress_stepregistration", "plans_intervention", "network_actor"):
        assert table in read
    assert "progress_stepregistration" not in primary
    assert "at_start" in read
    assert "at_start" not in primary
    # Who the user is, and the audit event of the look, stay on the primary.
    assert "core_user" in primary
    assert "core_auditevent" in primary
    assert "core_user" not in read
    assert "core_auditevent" not in read


def test_the_figures_from_the_replica_are_the_primarys(replica, march):
    from_primary = steering.steering_figures(march.leader, period=MARCH, group=Group())
    with replica_reads(), CaptureQueriesContext(replica) as on_replica:
        from_replica = steering.steering_figures(march.leader, period=MARCH, group=Group())
    assert len(on_replica.captured_queries) > 0
    for name in ("steps", "movements", "continuity", "cost_by_area", "cost_total"):
        assert getattr(from_replica, name) == getattr(from_primary, name), name
