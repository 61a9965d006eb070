"""Production mode is safe by construction: it refuses to start with DEBUG on, and
Django's deployment checks find nothing to warn about. Run as a separate process with a
production environment, as an operator would start it (so CI runs the checks too)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

MANAGE = Path(settings.PROJECT_DIR) / "manage.py"


def production_env(**extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DEBUG", "ENPLAN_", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_"))
    }
    env.update(
        ENPLAN_PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="enplan.kommune.example",
        PYTHONPATH=str(Path(settings.BASE_DIR).parent),
        DJANGO_SETTINGS_MODULE="enplan.settings",
    )
    env.update(extra)
    return env


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, str(MANAGE), *args],
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_checks_are_clean_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_with_debug_on():
    result = manage("check", DEBUG="1")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DEBUG is on in production" in result.stderr


def test_production_refuses_the_development_secret_key():
    result = manage("check", SECRET_KEY="enplan-development-only-not-secret")
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr
