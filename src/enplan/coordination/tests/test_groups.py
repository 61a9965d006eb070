"""Adjusting workgroups before anyone has answered."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from enplan.coordination import services
from enplan.coordination.tests.conftest import answer_as

pytestmark = pytest.mark.django_db


def _assign(plan_round, names):
    respondents = list(plan_round.round.respondents.order_by("pk"))
    return {r.pk: name for r, name in zip(respondents, names, strict=True)}


def test_respondents_are_moved_into_the_groups_named(world, plan_round):
    services.groups_update(
        user=world.coordinator.user,
        round_=plan_round.round,
        assignments=_assign(plan_round, ["Jobcentret", "jobcentret ", "Skolen", "Skolen"]),
        removed=set(),
    )
    groups = {g.name: g.members.count() for g in plan_round.round.groups.all()}
    assert groups == {"Jobcentret": 2, "Skolen": 2}


def test_a_respondent_can_be_taken_out_but_not_below_three(world, plan_round):
    respondents = list(plan_round.round.respondents.order_by("pk"))
    assignments = _assign(plan_round, ["A"] * 4)
    services.groups_update(
        user=world.coordinator.user,
        round_=plan_round.round,
        assignments=assignments,
        removed={respondents[3].pk},
    )
    assert plan_round.round.respondents.count() == 3
    with pytest.raises(ValidationError, match="mindst 3"):
        services.groups_update(
            user=world.coordinator.user,
            round_=plan_round.round,
            assignments=assignments,
            removed={respondents[2].pk},
        )


def test_a_name_that_a_spreadsheet_would_run_is_refused(world, plan_round):
    with pytest.raises(ValidationError, match="kan ikke begynde med"):
        services.groups_update(
            user=world.coordinator.user,
            round_=plan_round.round,
            assignments=_assign(plan_round, ["=SUM(A1)", "A", "A", "A"]),
            removed=set(),
        )


def test_groups_are_locked_once_someone_has_submitted(client, world, plan_round):
    answer_as(world.actor, plan_round.round)
    client.force_login(world.coordinator.user)
    data = {f"group_{pk}": "Ny" for pk in _assign(plan_round, ["x"] * 4)}
    response = client.post(reverse("coordination:groups", args=[plan_round.round.pk]), data)
    assert "Nogen har allerede svaret" in response.text
    assert not plan_round.round.groups.filter(name="Ny").exists()
