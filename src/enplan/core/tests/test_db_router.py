"""With a read replica, the steering figures may be read from it; who may see what is
always read from the primary."""

import pytest
from django.test import override_settings

from enplan.core.db_router import ReplicaRouter, read_alias, replica_reads
from enplan.core.models import User
from enplan.plans.models import Consent, Plan, PlanMember
from enplan.progress.models import StepRegistration

router = ReplicaRouter()
WITH_REPLICA = override_settings(
    DATABASES={
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
        "replica": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
    }
)


@WITH_REPLICA
def test_steering_figures_are_read_from_the_replica():
    with replica_reads():
        assert router.db_for_read(StepRegistration) == "replica"
        assert read_alias() == "replica"  # for the steering's own SQL


@WITH_REPLICA
@pytest.mark.parametrize("model", [Consent, Consent.covers.through, Plan, PlanMember, User])
def test_access_decisions_are_never_read_from_the_replica(model):
    with replica_reads():
        assert router.db_for_read(model) == "default"


@WITH_REPLICA
def test_nothing_is_read_from_the_replica_unless_asked():
    assert router.db_for_read(StepRegistration) == "default"


def test_without_a_replica_everything_is_read_from_the_primary():
    with replica_reads():
        assert router.db_for_read(StepRegistration) == "default"
        assert read_alias() == "default"


@WITH_REPLICA
def test_every_write_and_migration_goes_to_the_primary():
    with replica_reads():
        assert router.db_for_write(StepRegistration) == "default"
    assert router.allow_migrate("replica", "progress") is False
    assert router.allow_migrate("default", "progress") is True
