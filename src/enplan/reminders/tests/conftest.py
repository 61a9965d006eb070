from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from enplan.plans.tests.factories import InterventionFactory

CPH = ZoneInfo("Europe/Copenhagen")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=CPH)


@pytest.fixture(autouse=True)
def fixed_copenhagen(settings):
    settings.TIME_ZONE = "Europe/Copenhagen"


@pytest.fixture
def intervention(world):
    """Mentor support agreed to start on Monday 9 March 2026, with no actual start; the
    coordinator and the responsible professional both have an e-mail address."""
    for professional in (world.coordinator, world.actor):
        professional.user.email = f"{professional.user.username}@example.dk"
        professional.user.save()
    return InterventionFactory(
        plan=world.plan,
        title="Mentorstøtte",
        department=world.department,
        responsible=world.actor,
        agreed_start=date(2026, 3, 9),
    )
