from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

CPH = ZoneInfo("Europe/Copenhagen")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=CPH)


@pytest.fixture(autouse=True)
def fixed_copenhagen(settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
