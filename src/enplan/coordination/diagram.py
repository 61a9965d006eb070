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

SIZE = 720
CENTRE = SIZE / 2
RING = 250


@dataclass(frozen=True)
class Node:
    name: str
    short_name: str
    x: str
    y: str
    r: str
    label_x: str
    label_y: str
    anchor: str
    tie: Tie | None  # the group's answers about itself


@dataclass(frozen=True)
class Edge:
    tie: Tie
    path: str


@dataclass(frozen=True)
class Diagram:
    size: int
    nodes: list[Node]
    edges: list[Edge]
    hidden_ties: int  # between-group ties with too few respondents, not drawn


def _f(value: float) -> str:
    return f"{value:.1f}"


def _short(name: str, limit: int = 26) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def layout(results: Results) -> Diagram:
    groups = results.groups
    n = len(groups)
    radius = 34 if n <= 8 else max(12, min(34, math.pi * RING / n * 0.7))
    points = {}
    nodes = []
    for index, name in enumerate(groups):
        angle = -math.pi / 2 + 2 * math.pi * index / max(n, 1)
        x = CENTRE + RING * math.cos(angle) if n > 1 else CENTRE
        y = CENTRE + RING * math.sin(angle) if n > 1 else CENTRE
        points[name] = (x, y)
        label_distance = radius + 14
        lx = x + label_distance * math.cos(angle)
        ly = y + label_distance * math.sin(angle) + 5
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.3 else ("start" if cos > 0 else "end")
        nodes.append(
            Node(
                name=name,
                short_name=_short(name),
                x=_f(x),
                y=_f(y),
                r=_f(radius),
                label_x=_f(lx),
                label_y=_f(ly if abs(cos) >= 0.3 else ly + (8 if math.sin(angle) > 0 else -8)),
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
    order = {"high": 0, "medium": 1, "low": 2}
    edges.sort(key=lambda e: order[e.tie.level])
    return Diagram(size=SIZE, nodes=nodes, edges=edges, hidden_ties=hidden)
