"""App servers keep no state of their own: behind a load balancer, a user logged in on
one server goes on working on another (sessions live in the database, docs/scaling.md)."""

import os
import re
import socket
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import requests
from django.db import connection
from django.test import override_settings

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="two servers need a shared database"
    ),
    pytest.mark.django_db(transaction=True),
]

ROOT = Path(__file__).resolve().parents[4]
REAL_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


def free_port() -> int:
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url():
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@contextmanager
def app_servers(n, media_root):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PYTHONPATH": os.pathsep.join(sys.path),
        "MEDIA_ROOT": str(media_root),
        "DEBUG": "0",
        "ENPLAN_TEST_MITID": "0",
    }
    ports = [free_port() for _ in range(n)]
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            for _ in range(600):
                try:
                    if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except requests.ConnectionError:
                    pass
                time.sleep(0.2)
            else:
                raise AssertionError(f"{url} did not start")
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_session_made_on_one_server_works_on_the_other(world, tmp_path):
    user = world.coordinator.user
    # The test run hashes with MD5 for speed; the servers know only the real hashers.
    with override_settings(PASSWORD_HASHERS=REAL_HASHERS):
        user.set_password("test-password-1")
        user.save(update_fields=["password"])
    with app_servers(2, tmp_path) as (first, second):
        browser = requests.Session()
        login = browser.get(f"{first}/login/", timeout=30)
        answer = browser.post(
            f"{first}/login/",
            data={
                "username": user.username,
                "password": "test-password-1",
                "csrfmiddlewaretoken": csrf_token(login.text),
            },
            timeout=30,
            allow_redirects=False,
        )
        assert answer.status_code == 302, answer.text[:500]

        plan_page = browser.get(f"{second}/plans/{world.plan.pk}/", timeout=30)
        assert plan_page.status_code == 200
        assert "/login/" not in plan_page.url
        assert world.plan.title in plan_page.text
        # A form served by one server is accepted by the other (same keys, no local state).
        logout = browser.get(f"{second}/plans/", timeout=30)
        assert logout.status_code == 200
        assert browser.post(
            f"{first}/logout/",
            data={"csrfmiddlewaretoken": csrf_token(logout.text)},
            timeout=30,
            allow_redirects=False,
        ).status_code in (200, 302)
        assert "/login/" in browser.get(f"{second}/plans/", timeout=30).url
