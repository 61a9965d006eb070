"""The plan's access rules are read through indexes at municipal scale: each starts from
the user's own plans (the coordinator and actor indexes), never from every plan, member
or consent of the municipality. PostgreSQL only: the query plans are its planner's."""

import pytest

from enplan.plans import access, notices, selectors
from enplan.plans.tests.scale import assert_index_driven, postgresql_only

pytestmark = [postgresql_only, pytest.mark.django_db]


def test_plans_visible_to_starts_from_the_coordinator_and_actor_indexes(scale):
    assert_index_driven(
        access.plans_visible_to(scale.user), "plans_plan", "network_actor", "plans_consent"
    )
    assert access.plans_visible_to(scale.user).count() == 100


def test_one_visible_plan_is_found_by_its_key(scale):
    assert_index_driven(access.plans_visible_to(scale.user).filter(pk=scale.plan.pk), "plans_plan")
    assert access.visible_plan_or_404(scale.user, scale.plan.pk) == scale.plan


def test_the_rule_asked_about_one_plan_reads_that_plan_only(scale):
    found = assert_index_driven(
        access.plans_visible_to(scale.user, by_row=True).filter(pk=scale.plan.pk), "plans_plan"
    )
    assert found["plans_plan"] <= 1


def test_members_visible_to_is_bounded_by_the_users_own_plans(scale):
    assert_index_driven(access.members_visible_to(scale.user), "plans_planmember", "network_actor")


def test_the_members_of_one_plan_are_read_by_the_plan(scale):
    assert_index_driven(access.visible_members(scale.user, scale.plan), "plans_planmember")


def test_the_caseload_reads_the_users_plans_through_indexes(scale):
    assert_index_driven(selectors.caseload_for(scale.user), "plans_plan", "network_actor")


def test_the_notices_are_read_by_the_users_index(scale):
    assert_index_driven(notices.notifications_for(scale.user), "core_notification", "plans_plan")
    assert notices.unread_count(scale.user) > 0


def test_the_rule_written_as_one_or_would_read_every_plan(scale):
    # The check above has teeth: the former form of the rule, one OR over the
    # municipality's plans, reads all of them.
    from django.db.models import Q

    from enplan.plans.models import Actor, Plan

    professional = scale.plan.coordinator
    acting_on = Actor.objects.filter(professional=professional).values("plan_id")
    one_or = Plan.objects.filter(municipality=scale.municipality).filter(
        Q(coordinator=professional) | Q(pk__in=acting_on)
    )
    with pytest.raises(AssertionError):
        assert_index_driven(one_or, "plans_plan")


def test_a_search_by_name_has_its_trigram_index(scale):
    # The planner's choice needs a committed, analysed table (at 100,000 citizens it reads
    # this index: docs/benchmarks.md); here the index itself and what it serves are checked.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'citizen_search_name_trgm'"
        )
        (definition,) = cursor.fetchone()
    assert "gin (search_name gin_trgm_ops)" in definition
    assert selectors.citizens_found_by(scale.municipality.pk, "BORGER1234").count() == 1
    assert selectors.citizens_found_by(scale.municipality.pk, "orger123").count() == 11


def test_a_search_by_cpr_number_reads_the_cpr_index(scale):
    citizen = scale.plan.members.get().citizen
    assert_index_driven(
        selectors.citizens_found_by(scale.municipality.pk, citizen.cpr.replace("-", "")),
        "plans_citizen",
        share=0.001,
    )
