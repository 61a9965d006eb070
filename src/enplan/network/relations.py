"""Collaboration relations as they stood on a day, from every perspective given.

The field exercise: put yourself in each actor's place and rate each working relation as
good, medium or poor. Each actor's latest rating of a pair (up to the day) is that actor's
current view; a relation is drawn by its weakest current view, because weak ties are what
the network acts on, and it is marked where the views differ.
"""

from dataclasses import dataclass
from datetime import date

from enplan.network.facts import RatingFact

RANK = {"poor": 1, "medium": 2, "good": 3}


@dataclass(frozen=True)
class Relation:
    first_id: int
    second_id: int
    views: tuple[RatingFact, ...]  # one per rater, the latest up to the day

    @property
    def level(self) -> str:
        return min((v.level for v in self.views), key=RANK.__getitem__)

    @property
    def disagreement(self) -> bool:
        return len({v.level for v in self.views}) > 1

    @property
    def levels(self) -> dict[str, int]:
        counts = {"good": 0, "medium": 0, "poor": 0}
        for view in self.views:
            counts[view.level] += 1
        return counts


def current_relations(ratings: list[RatingFact], on: date, actor_ids: set[int]) -> list[Relation]:
    """The relations between the actors in `actor_ids`, as rated up to and including `on`.

    Ratings by or about someone not in `actor_ids` (not yet involved, no longer involved,
    or not visible to the reader) are left out.
    """
    latest: dict[tuple[int, int, int], RatingFact] = {}
    for rating in sorted(ratings, key=lambda r: (r.rated_on, r.id)):
        if rating.rated_on > on:
            continue
        if not {rating.rater_id, rating.first_id, rating.second_id} <= actor_ids:
            continue
        latest[(rating.first_id, rating.second_id, rating.rater_id)] = rating
    pairs: dict[tuple[int, int], list[RatingFact]] = {}
    for (first, second, _rater), rating in sorted(latest.items()):
        pairs.setdefault((first, second), []).append(rating)
    return [
        Relation(first_id=first, second_id=second, views=tuple(views))
        for (first, second), views in pairs.items()
    ]


def relation_history(ratings: list[RatingFact], first_id: int, second_id: int) -> list[RatingFact]:
    """Every rating ever given of one pair, oldest first."""
    return sorted(
        (r for r in ratings if (r.first_id, r.second_id) == (first_id, second_id)),
        key=lambda r: (r.rated_on, r.id),
    )
