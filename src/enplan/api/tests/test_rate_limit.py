"""Each system has its own rate limit."""

import pytest

from enplan.api.tests.conftest import issue, system_client

pytestmark = pytest.mark.django_db


def test_a_system_over_its_limit_gets_429_and_another_system_does_not(client, world):
    slow = system_client(client, issue(world, requests_per_minute=3))
    other = system_client(client, issue(world, name="DUBU"))
    statuses = [slow.get("/api/v1/plans").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = slow.get("/api/v1/plans")
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) >= 1
    assert other.get("/api/v1/plans").status_code == 200
