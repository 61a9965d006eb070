"""Complementary suppression: hiding a second figure so that a hidden small one cannot be
worked out by subtraction.

Figures about fewer than 5 citizens are hidden (primary suppression). That alone is not
enough when a table also shows the total its cells add up to: with a total of 12 and the
cells 8 and "<5", anyone can see that the hidden cell is 4. So, for every total that is
shown, the hidden cells it covers must together describe at least as many people as the
limit; when they do not, the smallest shown cell is hidden as well (and, when no cell is
left to hide, the total itself).

The function works on plain data: each figure is a key with its *size* (the number of
people behind it, one number per kind of count, e.g. citizens and plans), and a total is
a key with the keys of its parts. A total that is not shown on the page but could be
worked out elsewhere (for example from another breakdown that adds up to the same
number) is given by a key without a size: it is always treated as known.
"""

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Total(Generic[K]):
    total: K
    parts: tuple[K, ...]


def complementary(
    sizes: Mapping[K, tuple[int, ...]],
    hidden: set[K],
    totals: list[Total[K]],
    *,
    limit: int,
) -> set[K]:
    """The figures to hide as well, beyond `hidden`, so that no total gives a small
    hidden group away. Deterministic: of the shown cells, the one with the fewest people
    goes first (on a tie, the earliest in its total)."""
    hidden = set(hidden)
    withheld: set[K] = set()
    changed = True
    while changed:
        changed = False
        for total in totals:
            if total.total in hidden:
                continue
            concealed = [part for part in total.parts if part in hidden]
            if not concealed or _large_enough(sizes, concealed, limit):
                continue
            # A shown cell that is empty hides nothing: its value is known to be zero.
            shown = [p for p in total.parts if p not in hidden and any(sizes[p])]
            if shown:
                pick = min(shown, key=lambda p: (sizes[p], total.parts.index(p)))
            elif total.total in sizes:
                pick = total.total
            else:
                continue
            hidden.add(pick)
            withheld.add(pick)
            changed = True
    return withheld


def _large_enough(sizes, keys, limit: int) -> bool:
    """Whether the hidden cells together describe at least `limit` people, in every kind
    of count. Where cells share people (a household with members on two steps counts
    among the plans of both), the sum overstates the group a little; it is the best
    that can be known from the figures alone."""
    return all(sum(column) >= limit for column in zip(*(sizes[key] for key in keys), strict=True))
