"""Where everything goes on the network map: a pure, deterministic layout.

The picture follows the drawing made in the field: the citizen or household in the
centre with the coordinator beneath, the municipality's areas around it with their
departments and people, then external actors and the private network in groups of their
own. Nothing is random and nothing depends on the browser, so the map does not move on
reload and looks the same on screen, in the SVG and PNG exports and in the printout.

The groups stand in two columns, left and right of the centre, balanced by height; each
person is a marker with a horizontal label facing outwards, which stays readable with 40
and more people where a ring of rotated labels would not.
"""

from dataclasses import dataclass, field
from itertools import groupby

from enplan.network.facts import ActorFact
from enplan.network.relations import Relation

WIDTH = 1200
NODE_X = {"left": 430, "right": 770}
CENTRE_X = WIDTH // 2
LABEL_GAP = 14
MARGIN = 20
TOP = 64  # room for the title
LEGEND_HEIGHT = 96
AREA_ROW = 34
DEPARTMENT_ROW = 24
LAW_ROW = 16
HEADING_CHARS = 50
NODE_ROW = 38
GROUP_GAP = 18
GROUP_PADDING = 10
CENTRE_BOX_WIDTH = 250
NAME_CHARS = 34
ROLE_CHARS = 46
CENTRE_LINE_CHARS = 30

# Kinds of group, in the order they are laid out.
MUNICIPAL, EXTERNAL, PRIVATE = "municipal", "external", "private"
# Marker shapes: not colour alone tells a municipal professional, an external actor and
# a private person apart.
SHAPE = {MUNICIPAL: "circle", EXTERNAL: "square", PRIVATE: "diamond"}


@dataclass
class Section:
    """A department (or an external organisation) and its people."""

    title: str
    laws: list[str]
    actors: list[ActorFact]

    def heading_lines(self) -> list[tuple[str, int]]:
        """The department's name and the laws it acts under: on one line when they fit,
        else the laws on a line of their own. Each line is (text, level)."""
        if not self.title:
            return []
        laws = ", ".join(self.laws)
        if not laws:
            return [(shorten(self.title, HEADING_CHARS), 2)]
        if len(self.title) + len(laws) + 3 <= HEADING_CHARS:
            return [(f"{self.title} · {laws}", 2)]
        return [(shorten(self.title, HEADING_CHARS), 2), (shorten(laws, HEADING_CHARS + 6), 3)]

    @property
    def height(self) -> int:
        lines = self.heading_lines()
        return (
            (DEPARTMENT_ROW if lines else 0)
            + LAW_ROW * (len(lines) - 1 if lines else 0)
            + NODE_ROW * len(self.actors)
        )


@dataclass
class Group:
    key: str
    kind: str
    title: str
    sections: list[Section]

    @property
    def actor_count(self) -> int:
        return sum(len(s.actors) for s in self.sections)

    @property
    def height(self) -> int:
        return AREA_ROW + sum(s.height for s in self.sections) + 2 * GROUP_PADDING


def group_kind(actor: ActorFact) -> str:
    if not actor.is_professional:
        return PRIVATE
    if actor.department_id is None or actor.area_is_external:
        return EXTERNAL
    return MUNICIPAL


def group_actors(
    actors: list[ActorFact],
    *,
    laws_by_department: dict[int, list[str]],
    other_external_title: str,
    private_title: str,
) -> list[Group]:
    """Municipal areas (in the municipality's order) → departments → people; then external
    areas such as the region, other external contacts by organisation, and last the
    private network. Everything is sorted by name within its place."""

    def area_key(a: ActorFact):
        return (group_kind(a) != MUNICIPAL, a.area_order, a.area_name, a.area_id or 0)

    professionals = [a for a in actors if group_kind(a) != PRIVATE]
    in_areas = sorted(
        (a for a in professionals if a.department_id is not None),
        key=lambda a: (*area_key(a), a.department_name, a.department_id, a.name, a.id),
    )
    groups = []
    for (_external, _order, area_name, area_id), grouped in groupby(in_areas, key=area_key):
        area_actors = list(grouped)
        sections = [
            Section(
                title=department_name,
                laws=laws_by_department.get(department_id, []),
                actors=list(people),
            )
            for (department_name, department_id), people in groupby(
                area_actors, key=lambda a: (a.department_name, a.department_id)
            )
        ]
        kind = EXTERNAL if area_actors[0].area_is_external else MUNICIPAL
        groups.append(Group(key=f"area-{area_id}", kind=kind, title=area_name, sections=sections))
    others = sorted(
        (a for a in professionals if a.department_id is None),
        key=lambda a: (a.organisation.lower(), a.name, a.id),
    )
    if others:
        sections = [
            Section(title=organisation, laws=[], actors=list(people))
            for organisation, people in groupby(others, key=lambda a: a.organisation)
        ]
        groups.append(
            Group(key="external", kind=EXTERNAL, title=other_external_title, sections=sections)
        )
    private = sorted((a for a in actors if group_kind(a) == PRIVATE), key=lambda a: (a.name, a.id))
    if private:
        groups.append(
            Group(
                key="private",
                kind=PRIVATE,
                title=private_title,
                sections=[Section(title="", laws=[], actors=private)],
            )
        )
    return groups


@dataclass
class MapNode:
    actor: ActorFact | None
    x: float
    y: float
    shape: str
    name: str
    role: str
    label_x: float
    anchor: str  # "start", "end" or "middle"
    is_coordinator: bool = False

    @property
    def label_dx(self) -> float:
        return self.label_x - self.x


@dataclass
class MapHeading:
    x: float
    y: float
    text: str
    anchor: str
    level: int  # 1 area, 2 department, 3 the laws of the department above


@dataclass
class MapBox:
    x: float
    y: float
    width: float
    height: float
    kind: str


@dataclass
class MapEdge:
    d: str
    level: str
    disagreement: bool
    mid_x: float
    mid_y: float
    relation: Relation


@dataclass
class MapLayout:
    width: int
    height: int
    nodes: list[MapNode] = field(default_factory=list)
    headings: list[MapHeading] = field(default_factory=list)
    boxes: list[MapBox] = field(default_factory=list)
    edges: list[MapEdge] = field(default_factory=list)
    centre_box: MapBox | None = None
    centre_lines: list[tuple[float, str, bool]] = field(default_factory=list)  # y, text, bold
    coordinator: MapNode | None = None
    legend_y: float = 0


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, limit: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if len(candidate) > limit and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return [shorten(x, limit) for x in lines]


def split_columns(groups: list[Group]) -> tuple[list[Group], list[Group]]:
    """The split that balances the two columns' heights best; groups are never divided."""
    total = sum(g.height + GROUP_GAP for g in groups)
    best, best_k, running = None, 0, 0
    for k in range(len(groups) + 1):
        difference = abs(total - 2 * running)
        if best is None or difference < best:
            best, best_k = difference, k
        if k < len(groups):
            running += groups[k].height + GROUP_GAP
    return groups[:best_k], groups[best_k:]


def _column_height(groups: list[Group]) -> int:
    return sum(g.height for g in groups) + GROUP_GAP * max(len(groups) - 1, 0)


def map_layout(
    *,
    groups: list[Group],
    centre_title: str,
    centre_names: list[str],
    coordinator_name: str,
    coordinator_role: str,
    coordinator_actor: ActorFact | None,
    relations: list[Relation],
) -> MapLayout:
    left, right = split_columns(groups)
    centre_lines = wrap(centre_title, CENTRE_LINE_CHARS)
    names_lines = wrap(", ".join(centre_names), CENTRE_LINE_CHARS + 4)
    box_height = 22 + 20 * len(centre_lines) + 18 * len(names_lines) + 8
    centre_height = box_height + 110
    body = max(_column_height(left), _column_height(right), centre_height)
    height = TOP + body + 30 + LEGEND_HEIGHT
    layout = MapLayout(width=WIDTH, height=height, legend_y=TOP + body + 30)
    positions: dict[int, tuple[float, float]] = {}

    for side, column in (("left", left), ("right", right)):
        node_x = NODE_X[side]
        outward = -1 if side == "left" else 1
        label_x = node_x + outward * LABEL_GAP
        anchor = "end" if side == "left" else "start"
        box_x = MARGIN if side == "left" else node_x - 18
        box_width = (node_x + 18 - MARGIN) if side == "left" else (WIDTH - MARGIN - box_x)
        y = TOP + (body - _column_height(column)) / 2
        for group in column:
            layout.boxes.append(
                MapBox(x=box_x, y=y, width=box_width, height=group.height, kind=group.kind)
            )
            row = y + GROUP_PADDING
            layout.headings.append(
                MapHeading(
                    x=label_x,
                    y=row + 20,
                    text=shorten(group.title, 48),
                    anchor=anchor,
                    level=1,
                )
            )
            row += AREA_ROW
            for section in group.sections:
                for index, (text, level) in enumerate(section.heading_lines()):
                    layout.headings.append(
                        MapHeading(x=label_x, y=row + 16, text=text, anchor=anchor, level=level)
                    )
                    row += DEPARTMENT_ROW if index == 0 else LAW_ROW
                for actor in section.actors:
                    node_y = row + NODE_ROW / 2
                    positions[actor.id] = (node_x, node_y)
                    layout.nodes.append(
                        MapNode(
                            actor=actor,
                            x=node_x,
                            y=node_y,
                            shape=SHAPE[group.kind],
                            name=shorten(actor.name, NAME_CHARS)
                            + (" ★" if actor.added_by_citizen else ""),
                            role=shorten(
                                f"{actor.role} ({actor.member_name})"
                                if actor.member_name
                                else actor.role,
                                ROLE_CHARS,
                            ),
                            label_x=label_x,
                            anchor=anchor,
                        )
                    )
                    row += NODE_ROW
            y += group.height + GROUP_GAP

    # The centre: the household, and the coordinator as its single way in.
    centre_top = TOP + (body - centre_height) / 2
    layout.centre_box = MapBox(
        x=CENTRE_X - CENTRE_BOX_WIDTH / 2,
        y=centre_top,
        width=CENTRE_BOX_WIDTH,
        height=box_height,
        kind="centre",
    )
    line_y = centre_top + 28
    for text in centre_lines:
        layout.centre_lines.append((line_y, text, True))
        line_y += 20
    for text in names_lines:
        layout.centre_lines.append((line_y, text, False))
        line_y += 18
    coordinator_y = centre_top + box_height + 40
    layout.coordinator = MapNode(
        actor=coordinator_actor,
        x=CENTRE_X,
        y=coordinator_y,
        shape="coordinator",
        name=shorten(coordinator_name, NAME_CHARS),
        role=shorten(coordinator_role, NAME_CHARS),
        label_x=CENTRE_X,
        anchor="middle",
        is_coordinator=True,
    )
    if coordinator_actor is not None:
        positions[coordinator_actor.id] = (CENTRE_X, coordinator_y)

    # Weak ties are drawn last, on top, and disagreements above them all.
    order = {"good": 0, "medium": 1, "poor": 2}
    for relation in sorted(relations, key=lambda r: (order[r.level], r.first_id, r.second_id)):
        if relation.first_id not in positions or relation.second_id not in positions:
            continue
        d, mid = edge_path(positions[relation.first_id], positions[relation.second_id])
        layout.edges.append(
            MapEdge(
                d=d,
                level=relation.level,
                disagreement=relation.disagreement,
                mid_x=mid[0],
                mid_y=mid[1],
                relation=relation,
            )
        )
    return layout


def edge_path(p, q) -> tuple[str, tuple[float, float]]:
    """A curve from p to q and its midpoint. Within one column the curve bends towards
    the centre, so that relations between neighbours do not hide behind the markers;
    across the map it leaves and arrives horizontally."""
    (x1, y1), (x2, y2) = p, q
    if x1 == x2:
        towards_centre = 1 if x1 < CENTRE_X else -1
        if x1 == CENTRE_X:
            towards_centre = 1
        bulge = min(40 + 0.3 * abs(y2 - y1), 150) * towards_centre
        cx, cy = x1 + bulge, (y1 + y2) / 2
        mid = (0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2)
        return f"M{x1:.1f} {y1:.1f} Q{cx:.1f} {cy:.1f} {x2:.1f} {y2:.1f}", mid
    pull = abs(x2 - x1) * 0.45 * (1 if x2 > x1 else -1)
    c1 = (x1 + pull, y1)
    c2 = (x2 - pull, y2)
    mid = (
        0.125 * x1 + 0.375 * c1[0] + 0.375 * c2[0] + 0.125 * x2,
        0.125 * y1 + 0.375 * c1[1] + 0.375 * c2[1] + 0.125 * y2,
    )
    return (
        f"M{x1:.1f} {y1:.1f} C{c1[0]:.1f} {c1[1]:.1f} {c2[0]:.1f} {c2[1]:.1f} {x2:.1f} {y2:.1f}",
        mid,
    )
