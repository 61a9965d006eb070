"""The scoring engine for relational coordination: one pure function over plain rows.

The pages, the exports, `rc_import` checks and `rc_score` all call `score()`, so a number
means the same thing wherever it is shown. The rules (from the issue, with the field's
defaults):

- A respondent's score for the tie A→B is the mean of the dimensions they answered about
  B. A respondent who answered fewer than 4 of the 7 is left out of that tie altogether,
  from its score, its dimension scores and its respondent count alike, so the three always
  describe the same people.
- The tie's score is the mean of those respondent scores. A dimension's score is the mean
  over the included respondents who answered that dimension.
- A tie is shown only when at least `min_respondents` (3) respondents of A scored it, and a
  dimension only when at least that many answered it: a mean of one or two answers is as
  good as showing the answers themselves to the colleagues who know who answered.
- Levels: within a group (A→A) high above 4.5, medium from 4.0; between groups high above
  4.0, medium from 3.5; low otherwise. Thresholds are configurable per municipality.

Arithmetic is exact. Every respondent answers at most 7 dimensions, so each respondent
mean is a whole number of 420ths (420 is divisible by 4, 5, 6 and 7); sums stay integers,
comparisons with the thresholds are exact fractions, and a score of exactly 4.5 is never
mistaken for 4.4999999.
"""

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import NamedTuple, overload

DIMENSIONS: tuple[str, ...] = (
    "frequent",
    "timely",
    "accurate",
    "problem_solving",
    "shared_goals",
    "shared_knowledge",
    "respect",
)
MIN_DIMENSIONS = 4
MIN_RESPONDENTS = 3
HIGH, MEDIUM, LOW = "high", "medium", "low"
_SCALE = 420  # lcm(1..7): every respondent mean is a whole number of 420ths


@dataclass(frozen=True)
class Thresholds:
    within_high: Decimal = Decimal("4.5")
    within_medium: Decimal = Decimal("4.0")
    between_high: Decimal = Decimal("4.0")
    between_medium: Decimal = Decimal("3.5")

    def level(self, value: Fraction | None, *, within: bool) -> str | None:
        if value is None:
            return None
        high, medium = (
            (self.within_high, self.within_medium)
            if within
            else (self.between_high, self.between_medium)
        )
        if value > Fraction(high):
            return HIGH
        if value >= Fraction(medium):
            return MEDIUM
        return LOW


class Row(NamedTuple):
    """One answer: `score` 1–5, or None for "don't know"."""

    respondent: object
    respondent_group: str
    about_group: str
    dimension: str
    score: int | None


@dataclass(frozen=True)
class Tie:
    from_group: str
    to_group: str
    respondents: int  # respondents of from_group who scored the tie (≥ 4 dimensions)
    shown: bool
    score: Fraction | None
    level: str | None
    dimensions: dict = field(default_factory=dict)  # key -> Fraction | None
    dimension_levels: dict = field(default_factory=dict)  # key -> level | None

    @property
    def within(self) -> bool:
        return self.from_group == self.to_group

    @property
    def score_float(self) -> float | None:
        return float(self.score) if self.score is not None else None


@dataclass(frozen=True)
class Results:
    groups: list[str]
    ties: list[Tie]
    min_respondents: int
    thresholds: Thresholds
    respondents_by_group: dict  # group -> respondents with at least one answer

    def tie(self, from_group: str, to_group: str) -> Tie | None:
        return self._index.get((from_group, to_group))

    @property
    def _index(self) -> dict:
        index = self.__dict__.get("_cached_index")
        if index is None:
            index = {(t.from_group, t.to_group): t for t in self.ties}
            object.__setattr__(self, "_cached_index", index)
        return index

    @property
    def shown_ties(self) -> list[Tie]:
        return [t for t in self.ties if t.shown]

    def matrix(self) -> list[tuple[str, list[Tie]]]:
        """Rows of the group that answered, columns of the group answered about."""
        return [(a, [self._index[(a, b)] for b in self.groups]) for a in self.groups]

    def weakest(self) -> list[Tie]:
        """Shown ties, the weakest first: low before medium before high, then by score."""
        order: dict[str | None, int] = {LOW: 0, MEDIUM: 1, HIGH: 2}
        return sorted(
            self.shown_ties,
            key=lambda t: (order[t.level], t.score, t.from_group, t.to_group),
        )


@overload
def round_half_up(value: Fraction, places: int = 2) -> Decimal: ...
@overload
def round_half_up(value: None, places: int = 2) -> None: ...
def round_half_up(value: Fraction | None, places: int = 2) -> Decimal | None:
    """Round exactly, half away from zero (4.125 → 4.13, −0.125 → −0.13), as people round
    by hand; a change between two rounds is rounded the same way up or down."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    scaled = abs(value) * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (scaled.denominator * 2)
    rounded = (Decimal(whole) * quantum).quantize(quantum, rounding=ROUND_HALF_UP)
    return -rounded if value < 0 else rounded


def enough(respondents: int, imported: int, minimum: int) -> bool:
    """Whether a figure has enough people behind it to be shown.

    Answers typed in from paper are counted apart: the person running the round chose
    what went into the file, so they could make up two respondents and, from the
    published mean, work out the one real colleague's answers. The answers given online
    must reach the minimum on their own; paper answers count only on top of them, or
    alone in a round answered only on paper (where the importer saw every answer
    already)."""
    online = respondents - imported
    return online >= minimum or (online == 0 and imported >= minimum)


def score(
    rows: Iterable,
    *,
    groups: Sequence | None = None,
    names: dict | None = None,
    thresholds: Thresholds | None = None,
    min_respondents: int = MIN_RESPONDENTS,
    imported: Container = frozenset(),
) -> Results:
    """Score a round from its answers.

    `rows` are `Row`s or plain tuples in that order (respondent, respondent_group,
    about_group, dimension, score). Groups may be names or any other keys (database ids):
    `names` then maps each key to the name shown. `groups` fixes the groups and their order
    (every pair becomes a tie, even without answers); without it, the groups found in the
    rows are used in alphabetical order. Each (respondent, about_group, dimension) must
    occur at most once.

    `imported` holds the respondents whose answers were typed in from paper. They count
    towards the minimum apart from the answers given online (see `enough`).
    """
    thresholds = thresholds or Thresholds()
    # One pass over the answers, the only loop that sees every row. It keeps each
    # respondent's answers about each group, (respondent, about) -> [group, dimensions,
    # scores], and already sums every dimension per tie, (group, about, dimension) ->
    # [sum, count]; the few respondents left out are taken back out afterwards.
    per_respondent: dict = {}
    dimension_sums: dict = {}
    unanswered: dict = {}  # respondents and groups seen only with "don't know"
    for respondent, group, about, dimension, value in rows:
        if value is None:
            unanswered[(respondent, about)] = group
            continue
        entry = per_respondent.get((respondent, about))
        if entry is None:
            per_respondent[(respondent, about)] = entry = [group, [], []]
        entry[1].append(dimension)
        entry[2].append(value)
        paper = 1 if respondent in imported else 0
        sums = dimension_sums.get((group, about, dimension))
        if sums is None:
            dimension_sums[(group, about, dimension)] = [value, 1, paper]
        else:
            sums[0] += value
            sums[1] += 1
            sums[2] += paper

    # (from, to) -> [respondents, sum of respondent means in 420ths, of them imported]
    ties_found: dict = {}
    for (respondent, about), (group, dimensions, values) in per_respondent.items():
        paper = 1 if respondent in imported else 0
        count = len(values)
        if count > len(DIMENSIONS):
            raise ValueError("A respondent answered the same dimension twice.")
        if count < MIN_DIMENSIONS:
            for dimension, value in zip(dimensions, values, strict=True):
                sums = dimension_sums[(group, about, dimension)]
                sums[0] -= value
                sums[1] -= 1
                sums[2] -= paper
            continue
        tie = ties_found.get((group, about))
        if tie is None:
            tie = ties_found[(group, about)] = [0, 0, 0]
        tie[0] += 1
        tie[1] += sum(values) * (_SCALE // count)
        tie[2] += paper

    respondent_group = {r: g for (r, _about), g in unanswered.items()}
    respondent_group.update({r: e[0] for (r, _about), e in per_respondent.items()})
    if groups is None:
        found = set(respondent_group.values())
        found.update(about for _r, about in per_respondent)
        found.update(about for _r, about in unanswered)
        label = names.get if names else (lambda key: key)
        groups = sorted(found, key=lambda key: str(label(key)).casefold())
    group_list = list(groups)
    respondents_by_group: dict = dict.fromkeys(group_list, 0)
    for group in respondent_group.values():
        if group in respondents_by_group:
            respondents_by_group[group] += 1
    name = (lambda key: names[key]) if names else (lambda key: key)
    ties = []
    for from_group in group_list:
        for to_group in group_list:
            within = from_group == to_group
            respondents, score_sum, paper = ties_found.get((from_group, to_group), (0, 0, 0))
            shown = enough(respondents, paper, min_respondents)
            tie_score = Fraction(score_sum, _SCALE * respondents) if shown else None
            dimensions, levels = {}, {}
            for dimension in DIMENSIONS:
                total, count, on_paper = dimension_sums.get(
                    (from_group, to_group, dimension), (0, 0, 0)
                )
                value = (
                    Fraction(total, count)
                    if shown and enough(count, on_paper, min_respondents)
                    else None
                )
                dimensions[dimension] = value
                levels[dimension] = thresholds.level(value, within=within)
            ties.append(
                Tie(
                    from_group=name(from_group),
                    to_group=name(to_group),
                    respondents=respondents,
                    shown=shown,
                    score=tie_score,
                    level=thresholds.level(tie_score, within=within),
                    dimensions=dimensions,
                    dimension_levels=levels,
                )
            )
    return Results(
        groups=[name(g) for g in group_list],
        ties=ties,
        min_respondents=min_respondents,
        thresholds=thresholds,
        respondents_by_group={name(g): n for g, n in respondents_by_group.items()},
    )


CSV_COLUMNS = ("from_group", "to_group", "respondents", "score", "level", *DIMENSIONS)


def csv_rows(results: Results) -> list[list]:
    """The results as the CSV export and `rc_score` print them (header first).

    Ties below the minimum keep their respondent count; everything else is left empty.
    """
    out: list[list] = [list(CSV_COLUMNS)]
    for tie in results.ties:
        if not tie.shown:
            out.append([tie.from_group, tie.to_group, tie.respondents, *[""] * 9])
            continue
        out.append(
            [
                tie.from_group,
                tie.to_group,
                tie.respondents,
                _fmt(tie.score),
                tie.level,
                *[_fmt(tie.dimensions[d]) for d in DIMENSIONS],
            ]
        )
    return out


def _fmt(value: Fraction | None) -> str:
    rounded = round_half_up(value)
    return "" if rounded is None else f"{rounded:.2f}"
