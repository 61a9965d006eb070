"""The schema is published at a fixed address, with a browsable page beside it."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_at_a_fixed_address_without_a_login(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/plans/{plan_id}/interventions" in schema["paths"]
    errors = schema["paths"]["/api/v1/plans"]["get"]["responses"]["404"]["content"]
    assert list(errors) == ["application/problem+json"]


def test_the_docs_page_shows_the_api(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert b"openapi.json" in response.content
