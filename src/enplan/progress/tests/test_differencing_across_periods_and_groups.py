"""The differencing attacker again, now with more than one table: the steering figures
of every coordinator team beside those of all plans, and of two adjacent months beside
the period that holds both. The teams split the plans between them (a plan's team is
its coordinator's department), so every count of all plans is the sum of the teams';
a count of what happened in a period (new on the staircase, moved up or down, left,
meetings, hand-overs) is the sum of its months'. The attacker subtracts the shown
figures and must never arrive at a suppressed one."""

from datetime import date

import pytest

from enplan.progress import steering
from enplan.progress.steering import Group, Period

pytestmark = pytest.mark.django_db

FEBRUARY = Period(date(2025, 2, 1), date(2025, 2, 28))
MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))
BOTH = Period(date(2025, 2, 1), date(2025, 3, 31))

# What happened in a period: a count over two adjacent periods is the sum of theirs.
FLOWS = ("new_on", "moved_up_to", "moved_down_to", "left_from")


def counts(figures) -> dict:
    """The published counts of one table, by what they count (suppressed ones included,
    with their true values, for the attacker to be checked against)."""
    cells = {}
    m = figures.movements
    for name, figure in (("new", m.new), ("up", m.up), ("down", m.down), ("ended", m.ended)):
        cells[("movement", name)] = figure
    cells[("movement", "on_staircase")] = m.on_staircase
    for row in figures.steps:
        for attribute in ("on_step", *FLOWS):
            cells[(attribute, row.step.pk)] = getattr(row, attribute)
    c = figures.continuity
    cells[("continuity", "coordinator_changes")] = c.coordinator_changes
    cells[("continuity", "meetings_held")] = c.meetings_held
    return cells


def _derived(whole: dict, parts: list[dict], keys) -> list[str]:
    """Every suppressed cell of one part that the whole minus the other parts gives away."""
    found = []
    for key in keys:
        if key not in whole or any(key not in part for part in parts):
            continue
        total = whole[key]
        hidden = [p for p in parts if p[key].is_suppressed]
        if total.rounded is None or len(hidden) != 1 or not hidden[0][key].value:
            continue
        shown = sum(p[key].rounded for p in parts if not p[key].is_suppressed)
        if total.rounded - shown == hidden[0][key].value:
            found.append(f"{key} = {total.rounded} - {shown}")
    return found


def test_the_attacker_cannot_subtract_one_team_from_all_plans(march):
    teams = [Group(kind=steering.TEAM, pk=d.pk, name=d.name) for d in march.teams.values()]
    whole = counts(steering.steering_figures(march.leader, period=MARCH, group=Group()))
    parts = [
        counts(steering.steering_figures(march.leader, period=MARCH, group=team)) for team in teams
    ]
    assert any(f.is_suppressed for part in parts for f in part.values())  # something to find
    assert _derived(whole, parts, whole.keys()) == []


def test_the_attacker_cannot_subtract_one_month_from_two(march):
    whole = counts(steering.steering_figures(march.leader, period=BOTH, group=Group()))
    months = [
        counts(steering.steering_figures(march.leader, period=month, group=Group()))
        for month in (FEBRUARY, MARCH)
    ]
    flows = [
        key
        for key in whole
        if key[0] in FLOWS
        or key in {("movement", n) for n in ("new", "up", "down", "ended")}
        or key[0] == "continuity"
    ]
    assert any(month[key].is_suppressed for month in months for key in flows)
    assert _derived(whole, months, flows) == []
