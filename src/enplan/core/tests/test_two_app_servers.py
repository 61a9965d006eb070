"""Two app servers on one database serve one user as if they were one: a session begun on
the first is known to the second, a file uploaded to the second is read on the first, and
logging out on either ends the session on both (docs/scaling.md). The servers are the
production server (gunicorn), each in its own process, sharing nothing but the database
and the secret key."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.utils import timezone

from enplan.coordination import services as coordination
from enplan.coordination.models import AnswerImport, Grouping, ScopeKind
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans.tests.factories import ActorFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two server processes need a database server they can both reach",
    ),
    pytest.mark.django_db(transaction=True),
]

PROJECT = Path(__file__).resolve().parents[4]
PASSWORD = "a-password-for-two-servers"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def two_servers(django_db_setup, django_db_blocker):
    # Started once for the module (each start is seconds of Django's start-up); between
    # the tests the suite empties the shared test database, which the servers read anew.
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PYTHONPATH": os.pathsep.join(sys.path),
        "SECRET_KEY": "the-same-secret-on-every-server",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "2",
        "DEBUG": "",
    }
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=PROJECT,
            env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url, server in zip(urls, servers, strict=True):
            wait_until_up(url, server)
        yield urls
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def wait_until_up(url, server, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server at {url} stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            if requests.get(f"{url}/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still loading the app
            time.sleep(0.3)
    pytest.fail(f"the server at {url} did not answer within {seconds} s")


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def log_in(browser, url, user):
    # The servers run with the product's own password hashers, not the suite's fast one.
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode(PASSWORD, hasher.salt())
    user.save(update_fields=["password"])
    form = browser.get(f"{url}/login/")
    response = browser.post(
        f"{url}/login/",
        data={
            "username": user.username,
            "password": PASSWORD,
            "csrfmiddlewaretoken": csrf_token(form.text),
        },
        headers={"Referer": f"{url}/login/"},
        allow_redirects=False,
    )
    assert response.status_code == 302, response.text[:500]


def test_a_session_begun_on_one_server_is_known_to_the_other(two_servers, world):
    first, second = two_servers
    browser = requests.Session()
    log_in(browser, first, world.coordinator.user)

    page = browser.get(f"{second}/plans/{world.plan.pk}/", allow_redirects=False)

    assert page.status_code == 200
    assert world.plan.title in page.text


def test_a_file_uploaded_to_one_server_is_read_on_the_other(two_servers, world):
    first, second = two_servers
    browser = requests.Session()
    log_in(browser, first, world.coordinator.user)
    for professional in ProfessionalFactory.create_batch(2, department=world.department):
        ActorFactory(plan=world.plan, professional=professional)  # a round needs 3 respondents
    round_ = coordination.round_create(
        user=world.coordinator.user,
        title="Maja – start",
        scope=ScopeKind.PLAN,
        plan=world.plan,
        grouping=Grouping.DEPARTMENT,
        closes_on=timezone.localdate(),
    )
    group = round_.groups.get().name
    answers = "respondent,respondent_group,about_group,dimension,score\n" + "".join(
        f"P{n},{group},{group},timely,4\n" for n in (1, 2)
    )

    form = browser.get(f"{second}/coordination/{round_.pk}/import/")
    uploaded = browser.post(
        f"{second}/coordination/{round_.pk}/import/",
        data={"csrfmiddlewaretoken": csrf_token(form.text)},
        files={"file": ("svar.csv", answers.encode(), "text/csv")},
        headers={"Referer": f"{second}/coordination/{round_.pk}/import/"},
        allow_redirects=False,
    )

    assert uploaded.status_code == 302, uploaded.text[:1000]
    batch = AnswerImport.objects.get(round=round_)
    assert (batch.rows, batch.respondents) == (2, 2)
    detail = browser.get(f"{first}/coordination/{round_.pk}/")
    assert detail.status_code == 200
    assert "svar.csv" in detail.text


def test_logging_out_on_one_server_ends_the_session_on_the_other(two_servers, world):
    first, second = two_servers
    browser = requests.Session()
    log_in(browser, first, world.coordinator.user)
    page = browser.get(f"{first}/plans/")

    browser.post(
        f"{second}/logout/",
        data={"csrfmiddlewaretoken": csrf_token(page.text)},
        headers={"Referer": f"{second}/plans/"},
    )

    after = browser.get(f"{first}/plans/{world.plan.pk}/", allow_redirects=False)
    assert after.status_code == 302
    assert "/login/" in after.headers["Location"]
