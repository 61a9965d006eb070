"""Schemathesis throws generated requests at every operation of the published schema:
the API never answers 500, refuses what breaks the schema, and every answer matches
what the schema promises.

The examples are bounded so the suite stays fast. Valid requests aim half the time at
the real plan of `world`, so writes and reads reach real rows, not only 404s.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from enplan.api.tests.conftest import issue, system_client

# The requests go to the WSGI application itself, not through Django's test client, and
# the end of a request closes a connection that is inside a transaction: each test commits
# for real and the database is emptied after it.
pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES_PER_OPERATION = 12

# The schema is read from the running application, as a system's developer would read it.
# Hypothesis' generated examples only (positive and negative): the exhaustive coverage
# phase builds its cases before any test's database exists and would take minutes.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json",
    get_wsgi_application(),
    config=SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
    ),
)

# The token of the test at hand; a test's database (and so its token) lives only as long as it.
_current_token: dict[str, str] = {}


@schema.auth(refresh_interval=None)
class SystemToken:
    """The bearer token, given the way the schema's security scheme asks for it, so that
    Schemathesis can also leave it out on purpose and expect a 401."""

    def get(self, case, context):
        return _current_token.get("value", "")

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def token(client, world):
    # The rate limit is tested on its own (test_rate_limit.py); here it would cut the run short.
    momentum = system_client(client, issue(world, requests_per_minute=1_000_000))
    _current_token["value"] = momentum.token
    yield momentum.token
    _current_token.clear()


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_no_generated_request_gets_a_server_error_or_an_answer_off_the_schema(case, world, token):
    parameters = case.path_parameters or {}
    plan_id = parameters.get("plan_id")
    if (
        case.meta is not None
        and case.meta.generation.mode == GenerationMode.POSITIVE
        and isinstance(plan_id, int)
        and plan_id % 2 == 0
    ):
        parameters["plan_id"] = world.plan.pk
    # A request the schema allows can still be refused for what it says: a goal that is
    # not on the plan, an amount with three decimals. That is a 422 with field errors,
    # which the other checks hold to the schema; it is not a fault.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
