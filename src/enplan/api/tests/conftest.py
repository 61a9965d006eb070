"""A department's system with a token, for the API's tests: "Jobcentrets system
(Momentum)" in the jobcenter of `world`, whose consent covers it."""

import base64
from dataclasses import dataclass

import pytest
from django.core.cache import cache

from enplan.api.models import Scope
from enplan.api.services import IssuedClient, integration_system_create

ALL_SCOPES = [Scope.READ, Scope.WRITE_INTERVENTIONS, Scope.WRITE_LOG]


def issue(world, *, department=None, name="Jobcentrets system (Momentum)", scopes=ALL_SCOPES, **kw):
    department = department or world.department
    return integration_system_create(
        municipality=department.municipality,
        department=department,
        name=name,
        scopes=scopes,
        **kw,
    )


def basic(issued: IssuedClient) -> str:
    pair = f"{issued.client_id}:{issued.client_secret}".encode()
    return "Basic " + base64.b64encode(pair).decode()


def token_for(client, issued: IssuedClient, scope: str | None = None) -> str:
    data = {"grant_type": "client_credentials"}
    if scope is not None:
        data["scope"] = scope
    response = client.post("/api/oauth/token/", data, HTTP_AUTHORIZATION=basic(issued))
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


@dataclass
class SystemClient:
    """The test client, speaking as a system with its bearer token."""

    client: object
    token: str
    issued: IssuedClient

    @property
    def system(self):
        return self.issued.system

    def _headers(self, headers):
        return {"HTTP_AUTHORIZATION": f"Bearer {self.token}", **headers}

    def get(self, path, data=None, **headers):
        return self.client.get(path, data, **self._headers(headers))

    def post(self, path, body, **headers):
        return self.client.post(
            path, body, content_type="application/json", **self._headers(headers)
        )

    def patch(self, path, body, **headers):
        return self.client.patch(
            path, body, content_type="application/json", **self._headers(headers)
        )


def system_client(client, issued, scope=None) -> SystemClient:
    return SystemClient(client=client, token=token_for(client, issued, scope), issued=issued)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def momentum(client, world) -> SystemClient:
    return system_client(client, issue(world))
