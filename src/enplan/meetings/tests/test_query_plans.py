"""The meeting rules are read through indexes at municipal scale: one plan's meetings by
the plan, one meeting by its key, and the member rule asked per meeting, never for every
member of the municipality. PostgreSQL only."""

import pytest

from enplan.meetings import access, selectors
from enplan.plans.tests.scale import assert_index_driven, postgresql_only

pytestmark = [postgresql_only, pytest.mark.django_db]


def test_a_plans_meetings_are_read_by_the_plan(scale):
    found = assert_index_driven(
        access.plan_meetings_visible(scale.user, scale.plan), "meetings_meeting"
    )
    assert "plans_planmember" not in found


def test_one_meeting_is_found_by_its_key_and_its_own_plan(scale):
    assert_index_driven(
        access.meetings_visible_to(scale.user).filter(pk=scale.meeting.pk),
        "meetings_meeting",
        "plans_plan",
    )
    assert access.visible_meeting_or_404(scale.user, scale.meeting.pk) == scale.meeting


def test_the_meetings_across_the_users_plans_start_from_those_plans(scale):
    assert_index_driven(access.meetings_visible_to(scale.user), "meetings_meeting", "network_actor")


def test_the_plan_pages_meetings_section_reads_one_plan(scale):
    from enplan.plans.access import visible_member_ids

    section = selectors.plan_section(
        scale.user, scale.plan, member_ids=visible_member_ids(scale.user, scale.plan)
    )
    assert section.total == 2
