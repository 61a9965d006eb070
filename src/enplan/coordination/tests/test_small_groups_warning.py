"""Before anyone is invited, the person starting a round is told which workgroups have
too few respondents ever to be shown, and decides: merge them, or invite anyway."""

from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from enplan.coordination import services
from enplan.coordination.models import SurveyRound
from enplan.core.models import Notification
from enplan.organisation.tests.factories import DepartmentFactory, ProfessionalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    """Three in one department, and one in each of two others."""
    area = world.department.area
    small = [DepartmentFactory(area=area, name=name) for name in ("Skolen", "Politiet")]
    return [ProfessionalFactory(department=world.department) for _ in range(3)] + [
        ProfessionalFactory(department=department) for department in small
    ]


def start(client, people, **extra):
    return client.post(
        reverse("coordination:create"),
        {
            "scope": "team",
            "team": "Dobbeltdiagnoser",
            "professionals": [p.pk for p in people],
            "grouping": "department",
            "closes_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
            **extra,
        },
    )


def nobody_invited():
    return (
        not SurveyRound.objects.exists()
        and not DBTaskResult.objects.filter(task_path__endswith="invite_respondents").exists()
        and not Notification.objects.exists()
    )


def test_the_small_groups_are_named_before_anyone_is_invited(client, leader, people):
    client.force_login(leader)
    response = start(client, people)
    assert response.status_code == 200
    page = response.text
    assert "2 arbejdsgrupper kan aldrig vises" in page
    assert "Politiet: 1 svarperson" in page
    assert "Skolen: 1 svarperson" in page
    assert "Ingen er inviteret endnu." in page
    assert nobody_invited()


def test_sending_again_without_a_choice_still_invites_nobody(client, leader, people):
    client.force_login(leader)
    start(client, people)
    response = start(client, people, small_groups="")
    assert "kan aldrig vises" in response.text
    assert nobody_invited()


def test_inviting_anyway_starts_the_round_with_the_small_groups(client, leader, people):
    client.force_login(leader)
    response = start(client, people, small_groups="send")
    round_ = SurveyRound.objects.get()
    assert response["Location"] == reverse("coordination:detail", args=[round_.pk])
    assert sorted(round_.groups.values_list("name", flat=True)) == sorted(
        ["Politiet", "Skolen", people[0].department.name]
    )
    assert DBTaskResult.objects.filter(task_path__endswith="invite_respondents").exists()


def test_merging_is_offered_only_where_it_gives_a_group_that_can_be_shown(client, leader, people):
    client.force_login(leader)
    page = start(client, people).text
    assert "Slå dem sammen" not in page
    third = ProfessionalFactory(department=DepartmentFactory(area=people[0].department.area))
    page = start(client, [*people, third]).text
    assert "Slå dem sammen til én gruppe, Øvrige" in page
    assert "slået sammen ville de små grupper være én gruppe på 3" in page.lower()


def test_merging_three_small_groups_gives_one_group_that_can_be_shown(client, leader, people):
    third = ProfessionalFactory(department=DepartmentFactory(area=people[0].department.area))
    client.force_login(leader)
    start(client, [*people, third], small_groups="merge")
    round_ = SurveyRound.objects.get()
    sizes = Counter(round_.respondents.values_list("group__name", flat=True))
    assert sizes == {people[0].department.name: 3, "Øvrige": 3}


def test_merging_two_small_groups_that_stay_too_small_still_warns(leader, people):
    with pytest.raises(services.SmallGroups) as warning:
        services.round_create(
            user=leader,
            title="",
            scope="team",
            team="Dobbeltdiagnoser",
            professionals=people,
            grouping="department",
            closes_on=timezone.localdate(),
            small_groups_choice=services.SmallGroupsChoice.MERGE,
        )
    assert warning.value.groups == [("Øvrige", 2)]
    assert nobody_invited()


def test_the_warning_page_reads_in_few_queries(
    client, leader, people, django_assert_max_num_queries
):
    client.force_login(leader)
    with django_assert_max_num_queries(25):
        assert start(client, people).status_code == 200
