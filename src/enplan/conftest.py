"""Shared test fixtures: a small municipality with a plan and the people around it."""

import io
import os
import sqlite3
import sys
from dataclasses import dataclass

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
from enplan.mfa.tests.forced_login import FORCED_LOGIN_BACKEND
from enplan.organisation.models import Area, Department, Professional
from enplan.organisation.tests.factories import (
    AreaFactory,
    DepartmentFactory,
    LegislationFactory,
    ProfessionalFactory,
)
from enplan.plans.models import Plan, PlanMember
from enplan.plans.tests.factories import (
    ActorFactory,
    ConsentFactory,
    PlanFactory,
    PlanMemberFactory,
)

# Playwright's sync API runs an event loop in the test thread; the tests' own database
# calls are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@dataclass
class World:
    municipality: object
    area: Area
    department: Department
    other_department: Department
    coordinator: Professional
    actor: Professional  # an active actor in a department the consent covers
    outsider: Professional  # same municipality, not on the plan
    uncovered_actor: Professional  # an actor whose department the consent does not cover
    plan: Plan
    member: PlanMember
    legislation: object

    def client_for(self, client, professional_or_user):
        user = getattr(professional_or_user, "user", professional_or_user)
        client.force_login(user)
        return client


@pytest.fixture
def world(db) -> World:
    municipality = MunicipalityFactory()
    area = AreaFactory(municipality=municipality, name="Center for Arbejdsmarked")
    department = DepartmentFactory(area=area, name="Jobcentret")
    other_area = AreaFactory(municipality=municipality, name="Center for Sundhed")
    other_department = DepartmentFactory(area=other_area, name="Sundhedsplejen")
    coordinator = ProfessionalFactory(department=department)
    actor = ProfessionalFactory(department=department)
    outsider = ProfessionalFactory(department=department)
    uncovered = ProfessionalFactory(department=other_department)
    plan = PlanFactory(coordinator=coordinator, title="Maja Holm")
    member = PlanMemberFactory(plan=plan)
    ActorFactory(plan=plan, professional=actor)
    ActorFactory(plan=plan, professional=uncovered)
    ConsentFactory(plan=plan, given_by=member, departments=[department])
    return World(
        municipality=municipality,
        area=area,
        department=department,
        other_department=other_department,
        coordinator=coordinator,
        actor=actor,
        outsider=outsider,
        uncovered_actor=uncovered,
        plan=plan,
        member=member,
        legislation=LegislationFactory(municipality=municipality),
    )


@pytest.fixture
def leader(world):
    return UserFactory(municipality=world.municipality, role=Role.LEADER)


@pytest.fixture(autouse=True)
def counts_start_from_nothing():
    """Rate counts (the evaluation link's guesses, the API's limits) live in the cache,
    which outlives a test's database rollback: each test starts with none."""
    from django.core.cache import cache

    from enplan.core import sms

    cache.clear()
    sms.outbox.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def static_files_looked_up_when_asked_for():
    # Each test client builds the middleware anew, and WhiteNoise then indexes every static
    # file (10 ms each time); in its development mode it finds a file when it is asked for,
    # and serves the same files with the same headers.
    # Argon2 is deliberately slow; tests that are about hashing set it back themselves
    # (with the `settings` fixture). Set once for the session, not for every test.
    # `client.force_login` stands for a login with both factors checked (forced_login.py).
    with override_settings(
        WHITENOISE_AUTOREFRESH=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        AUTHENTICATION_BACKENDS=[FORCED_LOGIN_BACKEND, *django_settings.AUTHENTICATION_BACKENDS],
        # Text messages stay in memory (enplan.core.sms.outbox), as e-mails do.
        ENPLAN_SMS_BACKEND="enplan.core.sms.LocmemBackend",
        ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS=[
            FORCED_LOGIN_BACKEND,
            *django_settings.ENPLAN_SECOND_FACTOR_EXEMPT_BACKENDS,
        ],
    ):
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium, started the way it runs on a closed build machine.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "da-DK", "timezone_id": "Europe/Copenhagen"}


@pytest.fixture
def mail_server(settings):
    """The set of addresses the mail server refuses, empty to begin with."""
    from enplan.core.tests import mail_server

    settings.EMAIL_BACKEND = "enplan.core.tests.mail_server.RefusingBackend"
    mail_server.REFUSED.clear()
    yield mail_server.REFUSED
    mail_server.REFUSED.clear()


ARGON2 = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


class DemoSnapshot:
    """The demo as committed to this process's test database, kept to be put back.

    `load_demo` takes seconds; putting a copy back takes milliseconds. SQLite copies the
    whole in-memory database with its backup API, tables and counters alike; PostgreSQL
    keeps each table's rows (COPY, binary) and its sequences, and writes them back after
    emptying the tables that hold rows. Either way a test starts from exactly the state the
    first one loaded, whatever the tests before it changed or the flush after them left.
    """

    def __init__(self, connection):
        self.connection = connection
        self.day = timezone.localdate()
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            self.copy = sqlite3.connect(":memory:")
            connection.connection.backup(self.copy)
        else:
            self.tables = connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            self.rows, self.sequences = {}, []
            with connection.cursor() as cursor:
                for table in self.tables:
                    with cursor.copy(f"COPY {self._name(table)} TO STDOUT (FORMAT BINARY)") as copy:
                        self.rows[table] = b"".join(bytes(block) for block in copy)
                    for sequence in connection.introspection.get_sequences(cursor, table):
                        name = connection.ops.quote_name(sequence["name"])
                        cursor.execute(f"SELECT last_value, is_called FROM {name}")
                        self.sequences.append((sequence["name"], *cursor.fetchone()))

    def _name(self, table):
        return self.connection.ops.quote_name(table)

    def restore(self):
        from django.contrib.contenttypes.models import ContentType

        self.connection.ensure_connection()
        if self.connection.vendor == "sqlite":
            self.copy.backup(self.connection.connection)
        else:
            # Django's foreign keys are deferred to the commit, so the order of the tables
            # does not matter within one transaction. Truncating every table costs half a
            # second; after a flush only a few hold rows (content types, permissions), so
            # only those are truncated, with the tables that refer to them.
            with transaction.atomic(), self.connection.cursor() as cursor:
                cursor.execute(
                    " UNION ALL ".join(
                        f"SELECT %s WHERE EXISTS (SELECT FROM {self._name(table)})"
                        for table in self.tables
                    ),
                    self.tables,
                )
                if filled := [self._name(table) for (table,) in cursor.fetchall()]:
                    cursor.execute(f"TRUNCATE {', '.join(filled)} CASCADE")
                for table, rows in self.rows.items():
                    with cursor.copy(
                        f"COPY {self._name(table)} FROM STDIN (FORMAT BINARY)"
                    ) as copy:
                        copy.write(rows)
                for name, last_value, is_called in self.sequences:
                    cursor.execute("SELECT setval(%s, %s, %s)", [name, last_value, is_called])
        # The flush after the last test made new content types; the snapshot has the old.
        ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def _demo_snapshots():
    return {}


@pytest.fixture
def demo(transactional_db, _demo_snapshots):
    """The demo municipality, loaded exactly as `make run` loads it, and committed (for the
    live server). Loaded once per test process, then put back from a snapshot for each test."""
    from django.db import connection

    from enplan.core.models import Municipality

    snapshot = _demo_snapshots.get(connection.alias)
    if snapshot is not None and snapshot.day == timezone.localdate():
        snapshot.restore()
    else:
        # The demo's dates are relative to today: a run past midnight loads it anew (into
        # the database as the flush after the last test left it, as the first time).
        call_command("load_demo", stdout=io.StringIO())
        _demo_snapshots[connection.alias] = DemoSnapshot(connection)
    return Municipality.objects.get(code="990")


@pytest.fixture(scope="module")
def argon2_demo_in_transaction(django_db_setup, django_db_blocker):
    """The demo loaded once for a test module inside a transaction that is rolled back at
    its end; each test with `db` runs in a savepoint inside it, rolled back after the test
    (the idea of Django's `TestCase.setUpTestData`). Passwords are hashed with Argon2, as
    `make run` hashes them. For tests that need no committed data (no live server)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=ARGON2):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
