"""Test-MitID lets a developer log in as any demo citizen, and never runs in production."""

import subprocess
import sys

import pytest

from enplan.citizen.tests.factories import with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def development(settings):
    settings.DEBUG = True
    settings.PRODUCTION = False
    settings.ENPLAN_TEST_MITID = True


def test_a_developer_picks_a_citizen_and_is_logged_in_as_them(client, family, development):
    page = client.get("/borger/login/test-mitid/")
    choices = dict(page.context["form"].fields["citizen"].choices)
    assert family.mother.citizen.cpr in choices
    assert family.child.citizen.cpr not in choices  # under 15: no login of their own
    response = client.post("/borger/login/test-mitid/", {"citizen": family.mother.citizen.cpr})
    assert response["Location"] == "/borger/"
    family.mother.citizen.refresh_from_db()
    assert int(client.session["_auth_user_id"]) == family.mother.citizen.user_id


def test_the_login_page_offers_test_mitid_only_in_development(client, development):
    assert "Test-MitID" in client.get("/borger/login/").content.decode()


@pytest.mark.parametrize(("debug", "production"), [(False, False), (True, True), (False, True)])
def test_test_mitid_refuses_without_debug_or_in_production(
    client, settings, family, debug, production
):
    settings.ENPLAN_TEST_MITID = True
    settings.DEBUG = debug
    settings.PRODUCTION = production
    assert client.get("/borger/login/test-mitid/").status_code == 404
    response = client.post("/borger/login/test-mitid/", {"citizen": family.mother.citizen.cpr})
    assert response.status_code == 404
    assert "_auth_user_id" not in client.session
    assert "Test-MitID" not in client.get("/borger/login/").content.decode()


@pytest.mark.parametrize(
    "environment",
    [
        {"ENPLAN_TEST_MITID": "1", "DEBUG": "0"},
        # Production refuses DEBUG on its own (core's test_production_settings),
        # so test-MitID is asked for there without it.
        {"ENPLAN_TEST_MITID": "1", "DEBUG": "0", "ENPLAN_PRODUCTION": "1", "SECRET_KEY": "x" * 50},
        {"ENPLAN_TEST_MITID": "1", "ENPLAN_PRODUCTION": "1", "SECRET_KEY": "x" * 50},
    ],
)
def test_the_settings_refuse_to_load_when_test_mitid_is_asked_for_in_production(environment):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "enplan.settings", "PYTHONPATH": "src", **environment},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Test-MitID is for development only" in result.stderr


def test_a_session_from_test_mitid_is_a_citizen_session(client, family, development):
    client.post("/borger/login/test-mitid/", {"citizen": family.mother.citizen.cpr})
    assert client.get(f"/borger/plan/{family.plan.pk}/").status_code == 200
    assert client.get(f"/plans/{family.plan.pk}/").status_code == 404
    assert with_login(family.mother).role == "citizen"
