"""Figures shown to leaders never reveal a count below 5."""

import pytest

from enplan.targeting import selectors
from enplan.targeting.tests.factories import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("count", "shown"), [(0, 0), (1, None), (4, None), (5, 5), (123, 123), (None, None)]
)
def test_counts_of_one_to_four_are_suppressed(count, shown):
    assert selectors.suppressed(count) == shown


def test_a_leader_sees_nomination_figures_with_small_counts_hidden(client, screening, world):
    for _ in range(6):
        NominationFactory(department=world.department)
    NominationFactory(department=world.other_department)
    figures = selectors.nomination_figures(screening.leader)
    by_status = {f.label: f.count for f in figures["status"]}
    assert by_status["Afventer beslutning"] == 7
    # 7 nominations in all: showing the 6 would give the other department's 1 away.
    by_department = {f.label: f.count for f in figures["department"]}
    assert by_department == {
        world.department.name: selectors.WITHHELD,
        world.other_department.name: None,
    }
    client.force_login(screening.leader)
    page = client.get("/targeting/").text
    assert "færre end 5" in page
    assert "skjult" in page
    assert ">6<" not in page


def test_nomination_counts_are_all_shown_when_no_small_one_can_be_worked_out(screening, world):
    for _ in range(6):
        NominationFactory(department=world.department)
    for _ in range(5):
        NominationFactory(department=world.other_department)
    figures = selectors.nomination_figures(screening.leader)
    assert sorted(f.count for f in figures["department"]) == [5, 6]
    assert {f.count for f in figures["status"]} == {11, 0}


def test_a_household_size_that_could_be_subtracted_from_the_persons_scored_is_hidden():
    # 20 persons scored = 9 + 8 + 3 (+ 0): the 3 is "fewer than 5", and the persons
    # scored are in the annex, so the 8 is hidden as well. Of the 9 proposed, 6 + 3:
    # the 6 goes too. Hidden counts take their shares with them.
    groups = [
        {"kind": "household_size", "group": "1", "population": 9, "proposed": 0},
        {"kind": "household_size", "group": "2", "population": 8, "proposed": 6},
        {"kind": "household_size", "group": "3-4", "population": 3, "proposed": 3},
        {"kind": "household_size", "group": "5+", "population": 0, "proposed": 0},
    ]
    rows = selectors._group_rows(groups, {})
    hidden = selectors.WITHHELD
    assert [(r.population, r.proposed) for r in rows] == [
        (9, 0),
        (hidden, hidden),
        (None, None),
        (0, 0),
    ]
    assert rows[0].population_share == pytest.approx(9 / 20)
    assert rows[1].population_share is None
    assert rows[1].ratio is None


def test_the_round_page_suppresses_small_counts_for_a_leader_but_not_for_a_reviewer(client, scored):
    client.force_login(scored.leader)
    page = client.get(f"/targeting/rounds/{scored.round.pk}/").text
    assert "færre end 5" in page
    client.force_login(scored.reviewer.user)
    page = client.get(f"/targeting/rounds/{scored.round.pk}/").text
    assert "færre end 5" not in page


def test_the_over_representation_check_flags_a_group_with_a_much_larger_share():
    groups = [
        {"kind": "household_size", "group": "1", "population": 100, "proposed": 5},
        {"kind": "household_size", "group": "5+", "population": 100, "proposed": 25},
        {"kind": "indicator", "group": "age_18_29", "population": 3, "proposed": 3},
    ]
    rows = selectors._group_rows(groups, {"age_18_29": "18-29 år"})
    assert [(r.label, r.flagged) for r in rows] == [
        ("1", False),
        ("5+", True),
        ("18-29 år", False),  # too few to judge, and suppressed
    ]
    assert rows[1].ratio == pytest.approx(25 / 30 / 0.5)
    assert rows[2].population is None
    assert rows[2].ratio is None
