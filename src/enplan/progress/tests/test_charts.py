"""The chart geometry: pure functions over plain figures."""

from dataclasses import dataclass
from datetime import date

from enplan.progress import charts


@dataclass
class FakeStep:
    pk: int
    order: int
    name: str
    max_days: int | None


@dataclass
class FakeStay:
    step: FakeStep
    started_on: date
    ended_on: date | None
    days: int


ONE, TWO = FakeStep(1, 1, "Afklaring", 100), FakeStep(2, 2, "Praktik", None)


def test_a_stay_past_its_limit_is_drawn_as_its_own_kind_of_line():
    stays = [
        FakeStay(ONE, date(2025, 1, 1), date(2025, 6, 1), 151),
        FakeStay(TWO, date(2025, 6, 1), None, 30),
    ]
    chart = charts.path_chart(stays, [ONE, TWO], date(2025, 7, 1))
    kinds = [line.kind for line in chart.lines]
    assert kinds == ["stay", "over", "move", "stay"]
    stay, over, move, _last = chart.lines
    # Step 2 is drawn above step 1, and the limit falls after 100 of 181 days.
    assert move.y2 < move.y1
    assert stay.x1 == chart.plot_left
    assert chart.lines[-1].x2 == chart.plot_right
    assert round((over.x1 - chart.plot_left) / (chart.plot_right - chart.plot_left), 2) == round(
        100 / 181, 2
    )
    assert [label.text for label in chart.axis_labels] == ["01.01.2025", "01.07.2025"]


def test_no_stays_no_chart():
    assert charts.path_chart([], [ONE], date(2025, 7, 1)) is None


def test_a_suppressed_figure_draws_no_bar_but_keeps_its_text():
    chart = charts.bar_chart([("Op", [(10, "10")]), ("Ned", [(None, "<5")])])
    up, down = chart.bars
    assert up.width > 0
    assert down.width == 0
    assert down.text == "<5"
    assert [label.text for label in chart.labels] == ["Op", "Ned"]


def test_grouped_bars_are_scaled_to_the_largest_value():
    chart = charts.bar_chart([("A", [(100, "100"), (50, "50")])], series=["Start", "Slut"])
    start, end = chart.bars
    assert end.width * 2 == start.width
    assert chart.series == ["Start", "Slut"]


def test_a_scale_makes_a_full_bar_the_top_of_the_scale():
    chart = charts.bar_chart([("Hørt", [(7.5, "7,5")])], scale_to=10)
    full = charts.BAR_WIDTH - charts.BAR_LABEL_WIDTH - charts.BAR_VALUE_SPACE
    assert chart.bars[0].width == round(full * 0.75, 1)
