"""The scoring engine against a data set scored by hand (see handset.py)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from enplan.coordination import scoring
from enplan.coordination.tests.handset import EXPECTED_CSV, ROWS


@pytest.fixture
def results():
    return scoring.score(ROWS)


def _csv(results):
    return "".join(",".join(str(v) for v in row) + "\n" for row in scoring.csv_rows(results))


def test_the_whole_hand_computed_set_scores_exactly_as_by_hand(results):
    assert _csv(results) == EXPECTED_CSV


def test_a_tie_of_exactly_4_5_within_a_group_is_medium_not_high(results):
    tie = results.tie("A", "A")
    assert tie.score == Fraction(9, 2)
    assert tie.level == scoring.MEDIUM


def test_a_tie_of_exactly_4_0_within_a_group_is_medium(results):
    assert results.tie("B", "B").score == 4
    assert results.tie("B", "B").level == scoring.MEDIUM


def test_a_tie_of_exactly_4_0_between_groups_is_medium_not_high(results):
    assert results.tie("A", "B").score == 4
    assert results.tie("A", "B").level == scoring.MEDIUM


def test_a_tie_of_exactly_3_5_between_groups_is_medium(results):
    assert results.tie("B", "A").score == Fraction(7, 2)
    assert results.tie("B", "A").level == scoring.MEDIUM


def test_a_tie_just_below_3_5_between_groups_is_low(results):
    assert results.tie("B", "C").score == Fraction(31, 9)
    assert results.tie("B", "C").level == scoring.LOW


def test_above_4_between_groups_is_high(results):
    assert results.tie("A", "C").score == Fraction(14, 3)
    assert results.tie("A", "C").level == scoring.HIGH


def test_a_respondent_with_fewer_than_4_dimensions_is_left_out_of_the_tie(results):
    tie = results.tie("A", "B")
    # a3 answered three dimensions, all 1: counted, they would pull frequent down to 3.5.
    assert tie.respondents == 3
    assert tie.dimensions["frequent"] == Fraction(13, 3)


def test_a_respondent_with_exactly_4_dimensions_counts(results):
    assert results.tie("B", "A").respondents == 3


def test_missing_answers_leave_the_mean_to_the_answered_dimensions(results):
    # a2's five answers about B average 4; their two "don't know" are not zeros.
    assert results.tie("A", "B").score == 4
    assert results.tie("A", "B").dimensions["timely"] == Fraction(11, 3)


def test_a_dimension_with_fewer_answers_than_the_minimum_is_hidden(results):
    tie = results.tie("A", "B")
    assert tie.dimensions["shared_knowledge"] is None
    assert tie.dimensions["respect"] is None
    assert tie.dimension_levels["respect"] is None


def test_a_group_below_the_minimum_keeps_its_count_and_shows_nothing_else(results):
    tie = results.tie("C", "A")
    assert (tie.respondents, tie.shown, tie.score, tie.level) == (2, False, None, None)
    assert set(tie.dimensions.values()) == {None}


def test_answers_about_the_own_group_form_the_within_tie_with_its_own_levels(results):
    within = results.tie("B", "B")
    assert within.within
    # 4.0 between groups would be medium too, but 4.4 would not: check the within rule.
    higher = scoring.score(
        [(f"r{i}", "X", "X", d, 4 if i else 5) for i in range(3) for d in scoring.DIMENSIONS]
    )
    assert higher.tie("X", "X").score == Fraction(13, 3)
    assert higher.tie("X", "X").level == scoring.MEDIUM
    between = scoring.score(
        [(f"r{i}", "X", "Y", d, 4 if i else 5) for i in range(3) for d in scoring.DIMENSIONS]
    )
    assert between.tie("X", "Y").level == scoring.HIGH


def test_a_tie_nobody_answered_has_no_respondents(results):
    assert results.tie("C", "B").respondents == 0
    assert not results.tie("C", "B").shown


def test_the_minimum_can_be_raised(results):
    stricter = scoring.score(ROWS, min_respondents=4)
    assert stricter.tie("A", "A").shown
    assert not stricter.tie("A", "B").shown


def test_a_municipality_can_set_its_own_levels():
    thresholds = scoring.Thresholds(between_high=Decimal("3.9"), between_medium=Decimal("3.0"))
    results = scoring.score(ROWS, thresholds=thresholds)
    assert results.tie("A", "B").level == scoring.HIGH
    assert results.tie("B", "C").level == scoring.MEDIUM


def test_groups_given_fix_the_order_and_add_ties_without_answers():
    results = scoring.score(ROWS, groups=["C", "B", "A", "D"])
    assert results.groups == ["C", "B", "A", "D"]
    assert results.ties[0].from_group == "C"
    assert results.tie("D", "A").respondents == 0


def test_the_weakest_shown_ties_come_first(results):
    weakest = results.weakest()
    assert [(t.from_group, t.to_group) for t in weakest[:2]] == [("B", "C"), ("B", "A")]
    assert all(t.shown for t in weakest)


def test_the_same_dimension_twice_is_refused():
    rows = [("r", "X", "Y", d, 4) for d in scoring.DIMENSIONS] + [("r", "X", "Y", "respect", 4)]
    with pytest.raises(ValueError, match="twice"):
        scoring.score(rows)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(4125, 1000), "4.13"),
        (Fraction(31, 9), "3.44"),
        (Fraction(14, 3), "4.67"),
        (Fraction(7, 2), "3.50"),
        (Fraction(-4125, 1000), "-4.13"),
        (Fraction(-1, 8), "-0.13"),
        (Fraction(-1, 300), "0.00"),
    ],
)
def test_rounding_is_half_up_and_exact(value, expected):
    assert str(scoring.round_half_up(value)) == expected


def test_a_mean_of_exactly_4_is_medium_within_a_group_where_floats_would_say_low():
    # Respondent means 24/6, 26/6 and 22/6: exactly 4, but 3.9999999999999996 in floats.
    answers = {"x1": [3, 1, 5, 5, 5, 5], "x2": [5, 5, 3, 3, 5, 5], "x3": [5, 3, 5, 5, 2, 2]}
    assert sum(sum(v) / len(v) for v in answers.values()) / 3 < 4
    rows = [
        (r, "X", "X", d, v)
        for r, values in answers.items()
        for d, v in zip(scoring.DIMENSIONS, values, strict=False)
    ]
    tie = scoring.score(rows).tie("X", "X")
    assert (tie.score, tie.level) == (4, scoring.MEDIUM)
    assert scoring.csv_rows(scoring.score(rows))[1][3:5] == ["4.00", "medium"]


def test_levels_entered_by_a_municipality_compare_exactly_on_the_threshold(results):
    # The database gives the levels back as Decimal("4.50"), Decimal("4.00") and so on.
    thresholds = scoring.Thresholds(
        within_high=Decimal("4.50"),
        within_medium=Decimal("4.00"),
        between_high=Decimal("4.00"),
        between_medium=Decimal("3.50"),
    )
    again = scoring.score(ROWS, thresholds=thresholds)
    assert [t.level for t in again.ties] == [t.level for t in results.ties]
    assert again.tie("A", "A").level == again.tie("B", "A").level == scoring.MEDIUM
