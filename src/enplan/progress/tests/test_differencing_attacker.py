"""A test that plays the differencing attacker: given everything the dashboard publishes
(and, to be safe, the true number of plans behind every share), it tries to work out
each suppressed count, from totals minus their shown parts and from shares times their
base, and must fail every time."""

import pytest

from enplan.progress import steering, tables
from enplan.progress.steering import Group
from enplan.progress.tests.conftest import MARCH
from enplan.progress.tests.test_complementary_suppression import staircase  # noqa: F401

pytestmark = pytest.mark.django_db


def _derivations(figures, base_plans: int) -> list[str]:
    """What the attacker can work out: a description of each suppressed figure derived."""
    found = []
    m = figures.movements
    per_step = ("on_step", "new_on", "moved_up_to", "moved_down_to", "left_from")
    totals = (m.on_staircase, m.new, m.up, m.down, m.ended)
    for attribute, total in zip(per_step, totals, strict=True):
        parts = [getattr(row, attribute) for row in figures.steps]
        hidden = [p for p in parts if p.is_suppressed and p.value]
        if total.rounded is not None and len(hidden) == 1:
            shown = sum(p.rounded for p in parts if not p.is_suppressed)
            if total.rounded - shown == hidden[0].value:
                found.append(f"{attribute} = total - shown")
    for row in figures.steps:
        if row.overdue.is_suppressed and row.overdue_share.rounded is not None:
            found.append(f"overdue on {row.step} = share × on step")
    c = figures.continuity
    if c.coordinator_changes.is_suppressed and c.plans_with_coordinator_change.rounded is not None:
        derived = round(c.plans_with_coordinator_change.rounded / 100 * base_plans)
        found.append(f"plans with a coordinator change = share × {base_plans} = {derived}")
    return found


def test_the_attacker_cannot_work_out_the_plans_with_a_coordinator_change(march):
    figures = steering.steering_figures(march.leader, period=MARCH, group=Group())
    c = figures.continuity
    assert c.coordinator_changes.text == "<5"
    # Two of nine plans: 22 % beside "<5" would give the two away.
    assert c.plans_with_coordinator_change.text == "skjult"
    assert _derivations(figures, base_plans=9) == []


def test_the_attacker_cannot_subtract_on_the_small_staircase(staircase):  # noqa: F811
    figures = steering.steering_figures(staircase, period=MARCH, group=Group())
    assert _derivations(figures, base_plans=22) == []


def test_charts_draw_a_hatched_too_few_bar_never_an_amount(march):
    figures = steering.steering_figures(march.leader, period=MARCH, group=Group())
    shares, _evaluations = tables.continuity_charts(figures)
    cost = tables.cost_chart(figures)
    for chart in (shares, cost):
        for bar in chart.bars:
            assert "<" not in bar.text
    marked = [bar for bar in [*shares.bars, *cost.bars] if bar.suppressed]
    assert marked
    assert {bar.text for bar in marked} <= {"for få", "skjult"}
    assert all(bar.width > 0 for bar in marked)


def test_the_page_hatches_suppressed_bars_with_css(client, march):
    client.force_login(march.leader)
    page = client.get(f"/progress/steering/?start={MARCH.start}&end={MARCH.end}").text
    assert 'class="bar-chart__bar bar-chart__bar--too-few"' in page
    assert 'id="too-few-hatch"' in page
    assert 'chart-text--value">&lt;5</text>' not in page
    assert "style=" not in page
