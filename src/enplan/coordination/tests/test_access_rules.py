"""The rules for relational coordination in `enplan.core.policy`."""

from datetime import timedelta

import pytest
from django.utils import timezone

from enplan.coordination import access, services
from enplan.coordination.tests.conftest import answer_as
from enplan.organisation.tests.factories import ProfessionalFactory
from enplan.plans.services import coordinator_hand_over

pytestmark = pytest.mark.django_db


def test_the_minimum_number_of_respondents_is_three_by_default(settings):
    assert access.coordination_min_respondents() == 3


def test_the_minimum_can_be_raised_but_never_below_three(settings):
    settings.ENPLAN_RC_MIN_RESPONDENTS = 5
    assert access.coordination_min_respondents() == 5
    settings.ENPLAN_RC_MIN_RESPONDENTS = 1
    assert access.coordination_min_respondents() == 3


def test_a_coordinator_may_start_rounds_for_their_own_plans_only(world):
    assert list(access.plans_for_new_round(world.coordinator.user)) == [world.plan]
    assert not access.plans_for_new_round(world.actor.user).exists()


def test_a_team_leader_may_start_team_rounds_but_sees_no_plan(world, leader):
    assert access.can_start_team_round(leader)
    assert not access.plans_for_new_round(leader).exists()
    assert not access.can_start_team_round(world.coordinator.user)


def test_a_plans_round_follows_the_plan_to_a_new_coordinator(world, plan_round):
    assert access.rounds_managed_by(world.coordinator.user).count() == 1
    coordinator_hand_over(
        user=world.coordinator.user,
        plan=world.plan,
        version=world.plan.version,
        to_coordinator=world.actor,
        note="Barsel",
    )
    assert not access.rounds_managed_by(world.coordinator.user).exists()
    assert list(access.rounds_managed_by(world.actor.user)) == [plan_round.round]


def test_a_leader_manages_no_plans_round(leader, plan_round):
    assert not access.rounds_managed_by(leader).exists()
    assert not access.respondent_records_of(leader).exists()
    assert not access.rounds_with_results_for(leader).exists()


def test_a_respondent_sees_only_their_own_invitation(world, plan_round):
    mine = access.respondent_records_of(world.actor.user)
    assert [r.professional for r in mine] == [world.actor]


def test_results_are_for_the_manager_and_for_respondents_who_took_part(world, plan_round):
    answer_as(world.actor, plan_round.round)
    silent = plan_round.respondents[3]
    assert access.rounds_with_results_for(world.coordinator.user).exists()
    assert access.rounds_with_results_for(world.actor.user).exists()
    assert not access.rounds_with_results_for(silent.user).exists()


def test_results_are_released_only_when_the_round_has_closed(world, plan_round):
    assert not access.results_released(plan_round.round)
    services.round_close(user=world.coordinator.user, round_=plan_round.round)
    assert access.results_released(plan_round.round)


def test_a_round_past_its_closing_date_is_closed(world, plan_round):
    round_ = plan_round.round
    round_.opens_on = round_.closes_on = timezone.localdate() - timedelta(days=1)
    assert round_.is_closed
    assert access.results_released(round_)


def test_nobody_from_another_municipality_reaches_a_round(plan_round):
    stranger = ProfessionalFactory()
    assert not access.rounds_managed_by(stranger.user).exists()
    assert not access.respondent_records_of(stranger.user).exists()
