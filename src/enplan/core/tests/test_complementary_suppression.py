"""Complementary suppression, on hand-made tables: a hidden small figure can never be
worked out by subtracting the shown cells from a shown total."""

from enplan.core.suppression import Total, complementary


def hide(cells: dict, total: int | None, *, limit=5, zero_is_small=True):
    """One total over `cells` (name → people); returns the names hidden beyond "<5"."""
    sizes = {name: (n,) for name, n in cells.items()}
    hidden = {name for name, n in cells.items() if n < limit and (n or zero_is_small)}
    if total is not None:
        sizes["total"] = (total,)
        if total < limit:
            hidden.add("total")
    return complementary(sizes, hidden, [Total("total", tuple(cells))], limit=limit)


def test_a_lone_hidden_cell_beside_a_total_hides_the_smallest_shown_cell_too():
    # 12 = 8 + "<5": without the rule, the hidden cell is 12 - 8 = 4.
    assert hide({"a": 8, "b": 4}, 12) == {"a"}
    # 25 = 10 + 11 + "<5": the smaller shown cell goes, 10 + 4 = 14 stays unknown.
    assert hide({"a": 11, "b": 10, "c": 4}, 25) == {"b"}


def test_hidden_cells_that_together_hold_five_people_need_nothing_more():
    # 20 = 11 + "<5" + "<5": the two hidden cells hold 3 + 4 = 7, and 7 is no small group.
    assert hide({"a": 11, "b": 3, "c": 4}, 18) == set()
    # Nothing hidden, nothing to protect.
    assert hide({"a": 6, "b": 7}, 13) == set()


def test_hidden_cells_that_together_hold_fewer_than_five_are_protected_by_a_third():
    # 3 + 1 = 4 could be worked out from 15 - 11: the 11 is hidden too.
    assert hide({"a": 11, "b": 3, "c": 1}, 15) == {"a"}


def test_an_empty_cell_counts_as_small_on_the_dashboard_and_is_not_chosen_to_hide():
    # 12 = 12 + "<5" (0): 12 - 12 = 0 gives the hidden zero away, so the 12 goes.
    assert hide({"a": 12, "b": 0}, 12) == {"a"}


def test_when_no_cell_is_left_to_hide_the_total_is_hidden():
    # Two hidden cells of 4 + 3 = 7 people: safe as they are.
    assert hide({"a": 4, "b": 3}, 7) == set()
    # A total over one hidden cell and shown zeros (counts where 0 is shown): only the
    # total is left to hide.
    sizes = {"total": (9,), "a": (3,), "b": (0,), "c": (0,)}
    assert complementary(sizes, {"a"}, [Total("total", ("a", "b", "c"))], limit=5) == {"total"}


def test_a_total_known_only_from_another_breakdown_is_protected_too():
    # Nominations per status (7 open) and per department (6 and "<5"): both add up to
    # the same number, which is not shown but is known from the statuses.
    sizes = {"open": (7,), "declined": (0,), "work": (6,), "social": (1,)}
    totals = [Total("all", ("open", "declined")), Total("all", ("work", "social"))]
    assert complementary(sizes, {"social"}, totals, limit=5) == {"work"}


def test_a_cell_hidden_for_one_total_is_hidden_in_every_total_it_is_part_of():
    # a is part of t1 and t2. t2 = a + "<5" hides a; t1 = a + b then leaves b shown,
    # since a alone (9 people) is no small group.
    sizes = {"t1": (15,), "a": (9,), "b": (6,), "t2": (13,), "c": (4,)}
    totals = [Total("t1", ("a", "b")), Total("t2", ("a", "c"))]
    assert complementary(sizes, {"c"}, totals, limit=5) == {"a"}


def test_every_kind_of_count_must_reach_the_limit():
    # Five citizens, but in one household plan: still a small group.
    sizes = {"total": (15, 11), "a": (10, 10), "b": (5, 1)}
    assert complementary(sizes, {"b"}, [Total("total", ("a", "b"))], limit=5) == {"a"}
