"""The demo `make run` loads: who is in it, and that nobody in it is a real person."""

import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command

from enplan.core import cpr
from enplan.core.demo import passes_modulus_11
from enplan.core.models import User
from enplan.plans import access as plan_access
from enplan.plans.models import Citizen, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_db(argon2_demo_in_transaction, db, settings):
    # Loaded once for this module with Argon2 (see the conftest); each test in a savepoint.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def test_demo_cpr_numbers_have_real_dates_but_cannot_be_real_persons(demo_db):
    numbers = list(Citizen.objects.values_list("cpr", flat=True))
    assert len(numbers) >= 10
    for number in numbers:
        parsed = cpr.parse(number)
        assert not passes_modulus_11(parsed.digits), number
        assert (parsed.birth_date.month, parsed.birth_date.day) != (1, 1), number


def test_the_household_matches_the_story(demo_db):
    plan = Plan.objects.get(title="Familien Bak")
    ages = sorted(m.citizen.age for m in plan.members.select_related("citizen"))
    assert ages == [2, 12, 14, 29, 39]
    professionals = plan.actors.filter(kind="professional").values("professional").distinct()
    assert professionals.count() > 20
    laws = set(plan.interventions.values_list("legislation__short_name", flat=True))
    assert len(laws) >= 4
    assert plan.coordinator.user.username == "koordinator"
    notices = plan.log_entries.get(text__contains="underretninger")
    assert all(child in notices.text for child in ["Emma", "Oliver", "Alma"])


def test_the_demo_logins_work_with_argon2_and_see_what_the_readme_says(demo_db):
    for username in ["koordinator", "fagperson", "udenfor", "leder", "admin"]:
        user = User.objects.get(username=username)
        assert user.password.startswith("argon2")
        assert check_password("enplan-demo", user.password)
    visible = {
        u: plan_access.plans_visible_to(User.objects.get(username=u)).count()
        for u in ["koordinator", "fagperson", "udenfor", "leder", "admin"]
    }
    assert visible["koordinator"] >= 3
    assert visible["fagperson"] >= 2
    assert visible["udenfor"] == visible["leder"] == visible["admin"] == 0
    assert User.objects.get(username="admin").is_staff


def test_loading_twice_changes_nothing(demo_db):
    before = Plan.objects.count()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert Plan.objects.count() == before
    assert "already loaded" in out.getvalue()


def test_the_demos_own_log_entries_are_in_danish(demo_db):
    plan = Plan.objects.get(title="Familien Bak")
    assert plan.log_entries.filter(text__startswith="Planen er oprettet").exists()
    assert not plan.log_entries.filter(text__startswith="Plan created").exists()


def test_the_summary_counts_what_is_in_the_database_and_names_the_real_port(demo_db, monkeypatch):
    from enplan.core.management.commands.load_demo import summary
    from enplan.core.models import Municipality

    monkeypatch.setenv("PORT", "8123")
    municipality = Municipality.objects.get(code="990")
    text = summary(municipality)
    assert f"{Plan.objects.filter(municipality=municipality).count()} plans" in text
    assert "http://127.0.0.1:8123/" in text
    assert "8000" not in text
    assert len(text.splitlines()) <= 5  # a short summary, not the demo's e-mails


def test_without_a_mail_server_the_demos_e_mails_go_to_files_in_the_project():
    # In a fresh process with the development defaults (the tests' own mail box aside).
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.EMAIL_BACKEND); print(settings.EMAIL_FILE_PATH)",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k not in ("EMAIL_BACKEND", "EMAIL_FILE_PATH")},
    ).stdout.split()
    assert out[0] == "django.core.mail.backends.filebased.EmailBackend"
    assert out[1].endswith("/sent-mail")
