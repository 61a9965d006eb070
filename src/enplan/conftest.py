"""Shared test fixtures: a small municipality with a plan and the people around it."""

import io
import os
from dataclasses import dataclass

import pytest

from enplan.core.models import Role
from enplan.core.tests.factories import MunicipalityFactory, UserFactory
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
def fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests that are about hashing set it back themselves.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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


@pytest.fixture
def demo(transactional_db):
    """The demo municipality, loaded exactly as `make run` loads it."""
    from django.core.management import call_command

    from enplan.core.models import Municipality

    call_command("load_demo", stdout=io.StringIO())
    return Municipality.objects.get(code="990")
