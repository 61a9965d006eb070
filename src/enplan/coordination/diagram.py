"""The network diagram's geometry: groups on a circle, arrows for the ties between them.

Computed here and drawn by a template as inline SVG, so the diagram is server-rendered,
prints, and needs no JavaScript. Level is shown by line style as well as colour (solid,
dashed, dotted), so it reads in black and white and for colour-blind readers alike.
Coordinates are formatted here, never by the template, where Danish number formatting
would turn 12.5 into "12,5".
"""

import math
from dataclasses import dataclass

from enplan.coordination.scoring import Results, Tie

WIDTH = 900
HEIGHT = 700
RING = 230
LINE_HEIGHT = 16


@dataclass(frozen=True)
class Node:
    name: str
    lines: list[tuple[str, str]]  # (text, y) of the label's lines
    x: str
    y: str
    r: str
    label_x: str
    anchor: str
    tie: Tie | None  # the group's answers about itself


@dataclass(frozen=True)
class Edge:
    tie: Tie
    path: str


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    hidden_ties: int  # between-group ties with too few respondents, not drawn


def _f(value: float) -> str:
    return f"{value:.1f}"


def wrap(name: str, width: int = 22, most: int = 2) -> list[str]:
    """A label in at most `most` lines of about `width` characters, cut with an ellipsis."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    return [line if len(line) <= width else line[: width - 1].rstrip() + "…" for line in lines]


def layout(results: Results) -> Diagram:
    groups = results.groups
    n = len(groups)
    radius = 34 if n <= 8 else max(12, min(34, math.pi * RING / n * 0.7))
    points = {}
    nodes = []
    cx, cy = WIDTH / 2, HEIGHT / 2
    for index, name in enumerate(groups):
        angle = -math.pi / 2 + 2 * math.pi * index / max(n, 1)
        cos, sin = math.cos(angle), math.sin(angle)
        x = cx + RING * cos if n > 1 else cx
        y = cy + RING * sin if n > 1 else cy
        points[name] = (x, y)
        distance = radius + 12
        lx, ly = x + distance * cos, y + distance * sin
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        lines = wrap(name)
        if abs(cos) < 0.3 and sin < 0:  # above the circle: the last line nearest to it
            first_y = ly - (len(lines) - 1) * LINE_HEIGHT
        elif abs(cos) < 0.3:  # below the circle
            first_y = ly + LINE_HEIGHT - 4
        else:  # beside the circle: centred on its middle
            first_y = ly + 5 - (len(lines) - 1) * LINE_HEIGHT / 2
        nodes.append(
            Node(
                name=name,
                lines=[(line, _f(first_y + i * LINE_HEIGHT)) for i, line in enumerate(lines)],
                x=_f(x),
                y=_f(y),
                r=_f(radius),
                label_x=_f(lx),
                anchor=anchor,
                tie=results.tie(name, name),
            )
        )
    edges = []
    hidden = 0
    for tie in results.ties:
        if tie.within:
            continue
        if not tie.shown:
            hidden += 1
            continue
        (x1, y1), (x2, y2) = points[tie.from_group], points[tie.to_group]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy) or 1
        ux, uy = dx / length, dy / length
        # Offset to the right of the direction of travel, so A→B and B→A run side by side.
        ox, oy = -uy * 7, ux * 7
        start = (x1 + ux * (radius + 2) + ox, y1 + uy * (radius + 2) + oy)
        end = (x2 - ux * (radius + 10) + ox, y2 - uy * (radius + 10) + oy)
        edges.append(
            Edge(
                tie=tie,
                path=f"M{_f(start[0])} {_f(start[1])} L{_f(end[0])} {_f(end[1])}",
            )
        )
    # Weak ties last, so they are drawn on top and never hidden under strong ones.
    order: dict[str | None, int] = {"high": 0, "medium": 1, "low": 2}
    edges.sort(key=lambda e: order[e.tie.level])
    return Diagram(width=WIDTH, height=HEIGHT, nodes=nodes, edges=edges, hidden_ties=hidden)
