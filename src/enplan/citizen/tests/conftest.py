import pytest

from enplan.citizen.tests.factories import make_family


@pytest.fixture
def family(world):
    return make_family(world)
