"""Relations as they stood on a day: each rater's latest view, weakest view wins."""

from datetime import date

from enplan.network.facts import RatingFact
from enplan.network.relations import current_relations, relation_history


def rating(id, rater, level, on, first=1, second=2, comment=""):
    return RatingFact(
        id=id,
        rater_id=rater,
        first_id=first,
        second_id=second,
        level=level,
        comment=comment,
        rated_on=on,
    )


RATINGS = [
    rating(1, rater=1, level="poor", on=date(2026, 1, 1)),
    rating(2, rater=1, level="good", on=date(2026, 3, 1)),
    rating(3, rater=2, level="medium", on=date(2026, 2, 1)),
    rating(4, rater=3, level="good", on=date(2026, 1, 1), first=2, second=3),
]


def test_each_rater_counts_with_their_latest_view_and_the_weakest_view_draws_the_line():
    (relation, other) = current_relations(RATINGS, date(2026, 6, 1), {1, 2, 3})
    assert (relation.first_id, relation.second_id) == (1, 2)
    assert [v.level for v in relation.views] == ["good", "medium"]
    assert relation.level == "medium"
    assert relation.disagreement
    assert relation.levels == {"good": 1, "medium": 1, "poor": 0}
    assert other.level == "good"
    assert not other.disagreement


def test_the_map_for_an_earlier_day_uses_the_views_of_that_day():
    (relation, _other) = current_relations(RATINGS, date(2026, 1, 15), {1, 2, 3})
    assert relation.level == "poor"
    assert not relation.disagreement


def test_ratings_involving_someone_not_on_the_map_are_left_out():
    relations = current_relations(RATINGS, date(2026, 6, 1), {1, 2})
    # Actor 3 is not on the map: the relation 2–3 goes; 1–2, rated by 1 and 2, stays.
    assert [(r.first_id, r.second_id) for r in relations] == [(1, 2)]


def test_the_history_of_a_pair_keeps_every_rating_in_order():
    assert [r.id for r in relation_history(RATINGS, 1, 2)] == [1, 3, 2]
