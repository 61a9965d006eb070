"""The map's layout is deterministic, grouped as in the field drawing, and readable with
many people: no two labels share a row."""

import itertools
from datetime import date

from enplan.network.facts import ActorFact
from enplan.network.map_layout import NODE_ROW, group_actors, map_layout
from enplan.network.relations import Relation

START = date(2026, 1, 1)


def actor(id, *, area=None, department=None, external=False, organisation="", private=False):
    return ActorFact(
        id=id,
        kind="private" if private else "professional",
        name=f"Person {id:02d}",
        role="Rolle",
        started_on=START,
        ended_on=None,
        professional_id=None if private else 100 + id,
        department_id=department,
        department_name=f"Afdeling {department}" if department else "",
        area_id=area,
        area_name=f"Område {area}" if area else "",
        area_order=area or 0,
        area_is_external=external,
        organisation=organisation,
    )


def forty():
    actors = [actor(i, area=1 + i % 4, department=10 + i % 7) for i in range(30)]
    actors += [actor(30 + i, area=9, department=90, external=True) for i in range(3)]
    actors += [actor(33 + i, organisation=f"Praksis {i % 2}") for i in range(3)]
    actors += [actor(36 + i, private=True) for i in range(4)]
    return actors


def groups_for(actors):
    return group_actors(
        actors,
        laws_by_department={10: ["Barnets lov"]},
        other_external_title="Andre eksterne",
        private_title="Privat netværk",
    )


def layout_for(actors, relations=()):
    return map_layout(
        groups=groups_for(actors),
        centre_title="Familien Test",
        centre_names=["Anna", "Bo"],
        coordinator_name="Koordinator",
        coordinator_role="Koordinator",
        coordinator_actor=None,
        relations=list(relations),
    )


def test_groups_come_in_the_order_of_the_drawing():
    groups = groups_for(forty())
    kinds = [g.kind for g in groups]
    assert kinds == ["municipal"] * 4 + ["external", "external", "private"]
    assert [g.title for g in groups][-2:] == ["Andre eksterne", "Privat netværk"]
    department_10 = next(s for g in groups for s in g.sections if s.title == "Afdeling 10")
    assert department_10.laws == ["Barnets lov"]
    assert department_10.heading_lines() == [("Afdeling 10 · Barnets lov", 2)]


def test_the_same_people_give_the_same_picture_whatever_their_order():
    people = forty()
    a = layout_for(people)
    b = layout_for(list(reversed(people)))
    assert [(n.actor.id, n.x, n.y) for n in a.nodes] == [(n.actor.id, n.x, n.y) for n in b.nodes]
    assert (a.width, a.height) == (b.width, b.height)


def test_forty_people_each_get_a_row_of_their_own():
    layout = layout_for(forty())
    assert len(layout.nodes) == 40
    for side in {n.x for n in layout.nodes}:
        ys = sorted(n.y for n in layout.nodes if n.x == side)
        assert all(b - a >= NODE_ROW for a, b in itertools.pairwise(ys))
    # Both columns are used, so the picture is about half as tall as one long list.
    assert len({n.x for n in layout.nodes}) == 2
    stacked = sum(g.height for g in groups_for(forty()))
    assert layout.height < stacked * 0.6 + 250


def test_labels_face_outwards_and_the_coordinator_stands_in_the_centre():
    layout = layout_for(forty())
    for node in layout.nodes:
        assert (node.anchor == "end") == (node.label_x < node.x)
    assert layout.coordinator.x == layout.width / 2
    assert (
        layout.centre_box.x < layout.coordinator.x < layout.centre_box.x + layout.centre_box.width
    )


def test_relations_between_people_on_the_map_become_curves_weakest_last():
    from enplan.network.facts import RatingFact

    def view(level, first, second):
        return RatingFact(
            id=first * 100 + second,
            rater_id=first,
            first_id=first,
            second_id=second,
            level=level,
            comment="",
            rated_on=START,
        )

    relations = [
        Relation(1, 2, (view("poor", 1, 2),)),
        Relation(3, 4, (view("good", 3, 4),)),
        Relation(5, 99, (view("good", 5, 99),)),  # 99 is not on the map
    ]
    layout = layout_for(forty(), relations)
    assert [e.level for e in layout.edges] == ["good", "poor"]
    assert all(e.d.startswith("M") and (" Q" in e.d or " C" in e.d) for e in layout.edges)
