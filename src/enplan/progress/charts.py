"""Geometry for the small server-rendered SVG charts: pure functions over plain figures.

The templates draw what these return. Every chart sits next to a table with the same
numbers, which is its text alternative and what the exports contain.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

# The path on the staircase -------------------------------------------------------------

PATH_WIDTH = 640
PATH_LABEL_WIDTH = 210
PATH_RIGHT = 16
PATH_ROW = 34
PATH_TOP = 14
PATH_AXIS = 30


@dataclass
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    kind: str  # "stay", "over" (beyond the step's limit) or "move"


@dataclass
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass
class PathChart:
    width: int
    height: int
    lines: list[Line]
    points: list[tuple[float, float]]
    step_labels: list[Label]
    axis_labels: list[Label]
    gridlines: list[float]
    axis_y: float
    plot_left: float
    plot_right: float


def path_chart(stays, steps, today: date, *, ended_on: date | None = None) -> PathChart | None:
    """A step line: time to the right, the staircase upwards. Stays beyond their step's
    time limit are drawn as a separate, dashed kind of line."""
    if not stays or not steps:
        return None
    levels = {step.pk: index for index, step in enumerate(sorted(steps, key=lambda s: s.order))}
    count = len(levels)
    height = PATH_TOP + count * PATH_ROW + PATH_AXIS
    left, right = PATH_LABEL_WIDTH, PATH_WIDTH - PATH_RIGHT
    start = stays[0].started_on
    end = ended_on or today
    if stays[-1].ended_on is not None:
        end = max(end, stays[-1].ended_on)
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return round(left + (right - left) * (day - start).days / span, 1)

    def y(step) -> float:
        level = levels.get(step.pk, 0)
        return PATH_TOP + (count - 1 - level) * PATH_ROW + PATH_ROW / 2

    lines: list[Line] = []
    points: list[tuple[float, float]] = []
    previous = None
    for stay in stays:
        stay_end = stay.ended_on or end
        row = y(stay.step)
        if previous is not None:
            lines.append(Line(x(stay.started_on), previous, x(stay.started_on), row, "move"))
        limit = stay.step.max_days
        if limit is not None and stay.days > limit:
            over_from = stay.started_on + timedelta(days=limit)
            lines.append(Line(x(stay.started_on), row, x(over_from), row, "stay"))
            lines.append(Line(x(over_from), row, x(stay_end), row, "over"))
        else:
            lines.append(Line(x(stay.started_on), row, x(stay_end), row, "stay"))
        points.append((x(stay.started_on), row))
        previous = row
    step_labels = [
        Label(left - 10, y(step) + 4, f"{step.order}. {step.name}", "end")
        for step in sorted(steps, key=lambda s: s.order)
    ]
    axis_y = PATH_TOP + count * PATH_ROW
    axis_labels = [
        Label(left, axis_y + 18, start.strftime("%d.%m.%Y"), "start"),
        Label(right, axis_y + 18, end.strftime("%d.%m.%Y"), "end"),
    ]
    return PathChart(
        width=PATH_WIDTH,
        height=height,
        lines=lines,
        points=points,
        step_labels=step_labels,
        axis_labels=axis_labels,
        gridlines=[y(step) for step in steps],
        axis_y=axis_y,
        plot_left=left,
        plot_right=right,
    )


# Bar charts on the steering dashboard ----------------------------------------------------

BAR_WIDTH = 680
BAR_LABEL_WIDTH = 270
BAR_VALUE_SPACE = 110
BAR_HEIGHT = 18
BAR_GAP = 4
GROUP_GAP = 14
BAR_TOP = 8


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    text: str  # the value as shown; "for få" or "skjult" when suppressed
    text_x: float
    text_y: float
    # A suppressed figure is drawn as a short hatched bar: a gap is not mistaken for
    # zero, and no "<5" stands where an amount in kroner or a per cent is read.
    suppressed: bool = False


@dataclass
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[Label]
    series: list[str] = field(default_factory=list)
    axis_x: float = BAR_LABEL_WIDTH


SUPPRESSED_BAR_WIDTH = 28.0


def bar_chart(rows, series: list[str] | None = None, *, scale_to=None) -> BarChart:
    """Horizontal bars. `rows` is a list of (label, [(value or None, text[, suppressed]),
    …]) with one value per series; None (a missing figure) draws no bar, only its text,
    and a suppressed figure a short hatched bar with its text ("for få").
    Bars are scaled to the largest value, or to `scale_to` (100 for per cent, 10 for a
    0–10 score) so that a full bar means the top of the scale."""
    series = series or [""]
    rows = [(label, [(*cell, False)[:3] for cell in cells]) for label, cells in rows]
    values = [cell[0] for _label, cells in rows for cell in cells if cell[0] is not None]
    largest = float(scale_to) if scale_to else max([float(v) for v in values if v > 0] or [1.0])
    plot = BAR_WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_SPACE
    bars, labels = [], []
    y = BAR_TOP
    for label, cells in rows:
        group_height = len(cells) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
        labels.append(Label(BAR_LABEL_WIDTH - 8, y + group_height / 2 + 4, label, "end"))
        for index, (value, text, suppressed) in enumerate(cells):
            if suppressed:
                width = SUPPRESSED_BAR_WIDTH
            else:
                width = 0.0 if value is None else round(plot * max(float(value), 0) / largest, 1)
            bars.append(
                Bar(
                    x=BAR_LABEL_WIDTH,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    series=index,
                    text=text,
                    text_x=BAR_LABEL_WIDTH + width + 6,
                    text_y=y + BAR_HEIGHT - 4,
                    suppressed=suppressed,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP - BAR_GAP
    return BarChart(
        width=BAR_WIDTH,
        height=int(y + BAR_TOP),
        bars=bars,
        labels=labels,
        series=series if len(series) > 1 else [],
    )
