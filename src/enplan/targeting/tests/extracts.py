"""Small hand-made extracts for the tests, pseudonymised with a test key."""

import csv
from datetime import date
from pathlib import Path

import duckdb

from enplan.core.demo import demo_cpr
from enplan.targeting import pseudonyms

TEST_KEY = "test-key-for-the-targeting-tests-0123456789"

# Fictional CPR numbers (they fail modulus 11): two households and a household of one.
CPR = {
    "anna": demo_cpr(date(1985, 3, 14), 201),  # reference person of household A
    "bo": demo_cpr(date(1983, 7, 2), 301),
    "carl": demo_cpr(date(2012, 5, 20), 401),  # Anna and Bo's child
    "dina": demo_cpr(date(1990, 11, 11), 501),  # household of one
    "emil": demo_cpr(date(1970, 2, 3), 601),  # reference person of household E
    "frida": demo_cpr(date(1972, 9, 9), 701),
}
HOUSEHOLD_OF = {
    "anna": "anna",
    "bo": "anna",
    "carl": "anna",
    "dina": "dina",
    "emil": "emil",
    "frida": "emil",
}


def p(name: str) -> str:
    return pseudonyms.pseudonym(TEST_KEY.encode(), CPR[name])


def h(name: str) -> str:
    return p(HOUSEHOLD_OF[name])


def rows(*items) -> list[tuple]:
    """(name, indicator, value) → (person, household, indicator, value)."""
    return [(p(name), h(name), indicator, value) for name, indicator, value in items]


def write_csv(path: Path, data, header=("person", "household", "indicator", "value"), **kw) -> Path:
    with path.open("w", newline="", encoding=kw.pop("encoding", "utf-8")) as handle:
        writer = csv.writer(handle, delimiter=kw.pop("delimiter", ","))
        if header:
            writer.writerow(header)
        writer.writerows(data)
    return path


def write_parquet(path: Path, data, value_type: str) -> Path:
    """Rows (person, household, indicator, value) as Parquet, `value` of the given type."""
    con = duckdb.connect()
    con.execute(
        f"CREATE TABLE t (person VARCHAR, household VARCHAR, indicator VARCHAR, value {value_type})"
    )
    if data:
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", data)
    con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    con.close()
    return path


def damaged(path: Path) -> Path:
    """The file's pages scrambled, its footer (the column names and types) intact."""
    data = path.read_bytes()
    footer = int.from_bytes(data[-8:-4], "little")
    pages = data[4 : len(data) - 8 - footer]
    path.write_bytes(data[:4] + bytes(b ^ 0x55 for b in pages) + data[len(data) - 8 - footer :])
    return path


RULES = """
[[rule]]
name = "Mindst 3 år på offentlig forsørgelse"
indicator = "years_on_benefits"
min = 3
points = 500

[[rule]]
name = "Sager i 2 til 4 afdelinger"
indicator = "open_cases"
min = 2
max = 4
points = 300

[[rule]]
name = "Børn med foranstaltninger"
indicator = "children_with_measures"
min = 1
points = 700

[[rule]]
name = "Højt skolefravær"
indicator = "school_absence_pct"
min = 20
points = 400

[selection]
min_points = 1000
"""

# Hand-computed against RULES:
# anna: years 3 (= min, fires 500), open_cases 4 (= max, fires 300), children 1 (fires 700)
#       → 1500
# bo:   years 2.9 (no), open_cases 5 (> max, no) → 0; no children indicator at all
# carl: school_absence 20 (= min, fires 400) → 400
#       household A = 1900
# dina: years 10 (fires 500), open_cases 2 (= min, fires 300) → 800; household of one = 800
# emil: open_cases 1 (no) → 0; frida: years 4 (500), school 19.5 (no) → 500; household E = 500
SMALL = rows(
    ("anna", "years_on_benefits", "3"),
    ("anna", "open_cases", "4"),
    ("anna", "children_with_measures", "1"),
    ("bo", "years_on_benefits", "2.9"),
    ("bo", "open_cases", "5"),
    ("carl", "school_absence_pct", "20"),
    ("dina", "years_on_benefits", "10"),
    ("dina", "open_cases", "2"),
    ("emil", "open_cases", "1"),
    ("frida", "years_on_benefits", "4"),
    ("frida", "school_absence_pct", "19,5"),
)
