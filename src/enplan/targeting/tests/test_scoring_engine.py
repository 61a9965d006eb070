"""The engine on a small extract whose scores are computed by hand (see extracts.py)."""

import csv

import pytest

from enplan.targeting import engine, rules
from enplan.targeting.tests.extracts import RULES, SMALL, h, p, write_csv


@pytest.fixture
def checked(tmp_path):
    path = write_csv(tmp_path / "extract.csv", SMALL)
    result = engine.check_extract(path, None)
    out = tmp_path / "checked.parquet"
    out.write_bytes(result.parquet)
    return result, engine.Source(out, label="Jobcentret")


def test_the_checked_extract_counts_rows_persons_and_households(checked):
    result, _source = checked
    assert (result.rows, result.persons, result.households) == (11, 6, 3)
    assert result.per_indicator == {
        "children_with_measures": 1,
        "open_cases": 4,
        "school_absence_pct": 2,
        "years_on_benefits": 4,
    }


def test_the_scores_file_matches_the_hand_computed_scores(checked, tmp_path):
    _result, source = checked
    out = tmp_path / "scores.csv"
    assert engine.score_to_csv([source], rules.parse(RULES), out) == 6
    with out.open(encoding="utf-8") as handle:
        got = list(csv.reader(handle))
    assert got[0] == ["person", "household", "person_points", "household_points", "rules"]
    household_a = sorted(
        [
            [
                p("anna"),
                h("anna"),
                "1500",
                "1900",
                "Mindst 3 år på offentlig forsørgelse;Sager i 2 til 4 afdelinger;"
                "Børn med foranstaltninger",
            ],
            [p("bo"), h("bo"), "0", "1900", ""],
            [p("carl"), h("carl"), "400", "1900", "Højt skolefravær"],
        ],
        key=lambda row: row[0],
    )
    household_e = sorted(
        [
            [p("emil"), h("emil"), "0", "500", ""],
            [p("frida"), h("frida"), "500", "500", "Mindst 3 år på offentlig forsørgelse"],
        ],
        key=lambda row: row[0],
    )
    dina = [
        [
            p("dina"),
            h("dina"),
            "800",
            "800",
            "Mindst 3 år på offentlig forsørgelse;Sager i 2 til 4 afdelinger",
        ]
    ]
    assert got[1:] == household_a + dina + household_e


def test_only_households_at_or_above_min_points_are_proposed_with_their_explanation(checked):
    _result, source = checked
    result = engine.score([source], rules.parse(RULES))
    assert (result.persons, result.households) == (6, 3)
    assert [c.household for c in result.candidates] == [h("anna")]
    candidate = result.candidates[0]
    assert candidate.points == 1900
    assert [(m.person, m.points, m.rules) for m in candidate.members] == [
        (
            p("anna"),
            1500,
            [
                "Mindst 3 år på offentlig forsørgelse",
                "Sager i 2 til 4 afdelinger",
                "Børn med foranstaltninger",
            ],
        ),
        (p("carl"), 400, ["Højt skolefravær"]),
        (p("bo"), 0, []),
    ]


def test_a_household_of_one_is_proposed_on_its_own_points(checked):
    _result, source = checked
    lower = rules.parse(RULES.replace("min_points = 1000", "min_points = 800"))
    result = engine.score([source], lower)
    assert [(c.household, c.points, len(c.members)) for c in result.candidates] == [
        (h("anna"), 1900, 3),
        (h("dina"), 800, 1),
    ]


def test_the_groups_compare_the_proposed_with_everyone_scored(checked):
    _result, source = checked
    result = engine.score([source], rules.parse(RULES))
    shares = {(g.kind, g.group): (g.population, g.proposed) for g in result.groups}
    assert shares[("household_size", "1")] == (1, 0)
    assert shares[("household_size", "2")] == (2, 0)
    assert shares[("household_size", "3-4")] == (3, 3)
    assert shares[("source", "Jobcentret")] == (6, 3)


def test_rules_without_bounds_fire_whenever_the_indicator_is_there(checked, tmp_path):
    _result, source = checked
    text = (
        '[[rule]]\nname = "Har en sag"\nindicator = "open_cases"\npoints = 1\n'
        "[selection]\nmin_points = 1\n"
    )
    result = engine.score([source], rules.parse(text))
    assert {c.household: c.points for c in result.candidates} == {
        h("anna"): 2,
        h("dina"): 1,
        h("emil"): 1,
    }
