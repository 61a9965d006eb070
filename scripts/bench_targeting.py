"""Benchmark of the point system's scoring engine.

1,000,000 persons in 400,000 households with 6 indicators each (6,000,000 rows in one
Parquet file, generated with DuckDB itself) are scored by the engine that the pages and
`targeting_score` use, and by the same computation written directly in DuckDB SQL, in
the same run, alternating, several times. Prints the medians, their ratio and the peak
memory of the process.

    /usr/bin/time -v .venv/bin/python scripts/bench_targeting.py [--repeat 5] [--data DIR]

The data is fictional: the pseudonyms are SHA-256 of running numbers.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "enplan.settings")

import django  # noqa: E402

django.setup()

import duckdb  # noqa: E402

from enplan.targeting import engine, rules  # noqa: E402

PERSONS = 1_000_000
HOUSEHOLDS = 400_000
INDICATORS = (
    ("years_on_benefits", 16),
    ("open_cases", 9),
    ("children_with_measures", 5),
    ("school_absence_pct", 61),
    ("notices_last_year", 7),
    ("months_without_housing", 13),
)

RULES = """
[[rule]]
name = "Mere end 3 år på offentlig forsørgelse"
indicator = "years_on_benefits"
min = 3
points = 500
[[rule]]
name = "Mere end 8 år på offentlig forsørgelse"
indicator = "years_on_benefits"
min = 8
points = 300
[[rule]]
name = "Sager i mindst 3 afdelinger"
indicator = "open_cases"
min = 3
points = 400
[[rule]]
name = "Børn med foranstaltninger"
indicator = "children_with_measures"
min = 1
points = 600
[[rule]]
name = "Skolefravær over 15 %"
indicator = "school_absence_pct"
min = 15
points = 300
[[rule]]
name = "Underretninger det seneste år"
indicator = "notices_last_year"
min = 2
max = 20
points = 350
[[rule]]
name = "Uden fast bolig"
indicator = "months_without_housing"
min = 1
points = 450
[selection]
min_points = 2500
"""

# The rules of RULES as a literal table, for the SQL written by hand.
RULES_TABLE = """
    (0, 'Mere end 3 år på offentlig forsørgelse', 'years_on_benefits', 3.0, NULL, 500),
    (1, 'Mere end 8 år på offentlig forsørgelse', 'years_on_benefits', 8.0, NULL, 300),
    (2, 'Sager i mindst 3 afdelinger', 'open_cases', 3.0, NULL, 400),
    (3, 'Børn med foranstaltninger', 'children_with_measures', 1.0, NULL, 600),
    (4, 'Skolefravær over 15 %', 'school_absence_pct', 15.0, NULL, 300),
    (5, 'Underretninger det seneste år', 'notices_last_year', 2.0, 20.0, 350),
    (6, 'Uden fast bolig', 'months_without_housing', 1.0, NULL, 450)
"""

# The same computation, written directly in DuckDB SQL with the rules as a literal table.
DIRECT_SQL = """
COPY (
  WITH r(idx, name, indicator, lo, hi, points) AS (VALUES {rules}),
  p AS (
    SELECT e.person, any_value(e.household) AS household,
           coalesce(sum(r.points), 0) AS person_points,
           coalesce(bit_or(1::BIGINT << r.idx), 0) AS mask
    FROM read_parquet('{data}') e
    LEFT JOIN r ON e.indicator = r.indicator
      AND (r.lo IS NULL OR e.value >= r.lo) AND (r.hi IS NULL OR e.value <= r.hi)
    GROUP BY e.person
  ),
  s AS (
    SELECT *, sum(person_points) OVER (PARTITION BY household) AS household_points FROM p
    ORDER BY household_points DESC, household, person
  )
  SELECT person, household, person_points, household_points,
         array_to_string(list_filter(['Mere end 3 år på offentlig forsørgelse',
           'Mere end 8 år på offentlig forsørgelse', 'Sager i mindst 3 afdelinger',
           'Børn med foranstaltninger', 'Skolefravær over 15 %',
           'Underretninger det seneste år', 'Uden fast bolig'],
           lambda name, i: ((mask >> (i - 1)) & 1) = 1), ';') AS rules
  FROM s
) TO '{out}' (HEADER, DELIMITER ',')
"""

# A first, natural formulation: the names gathered with string_agg(... ORDER BY). Correct,
# but it sorts every person's names inside the aggregate; kept to show why the engine
# carries a bit mask instead.
NAIVE_SQL = """
COPY (
  WITH r(idx, name, indicator, lo, hi, points) AS (VALUES {rules}),
  p AS (
    SELECT e.person, any_value(e.household) AS household,
           coalesce(sum(r.points), 0) AS person_points,
           coalesce(string_agg(r.name, ';' ORDER BY r.idx), '') AS rules
    FROM read_parquet('{data}') e
    LEFT JOIN r ON e.indicator = r.indicator
      AND (r.lo IS NULL OR e.value >= r.lo) AND (r.hi IS NULL OR e.value <= r.hi)
    GROUP BY e.person
  )
  SELECT person, household, person_points,
         sum(person_points) OVER (PARTITION BY household) AS household_points, rules
  FROM p ORDER BY household_points DESC, household, person
) TO '{out}' (HEADER, DELIMITER ',')
"""


def generate(path: Path) -> None:
    """6,000,000 rows: each person has all six indicators; households of 1 to 5."""
    values = ", ".join(f"('{name}', {top})" for name, top in INDICATORS)
    con = duckdb.connect()
    con.execute(
        f"""
        COPY (
          WITH p AS (
            SELECT i, sha256('p' || i) AS person, sha256('h' || (i % {HOUSEHOLDS})) AS household
            FROM range({PERSONS}) t(i)
          ),
          ind(indicator, top) AS (VALUES {values})
          SELECT person, household, indicator,
                 CAST(hash(i, indicator) % top AS DOUBLE) AS value
          FROM p, ind
        ) TO '{path}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)
        """
    )
    con.close()


def time_engine(data: Path, ruleset, out: Path) -> float:
    start = time.perf_counter()
    engine.score_to_csv([engine.Source(data)], ruleset, out)
    return time.perf_counter() - start


def time_checked(data: Path, ruleset, out: Path) -> float:
    """What `targeting_score` does: check the extract whole, then score it."""
    start = time.perf_counter()
    engine.check_extract(data, None, copy=False)
    engine.score_to_csv([engine.Source(data)], ruleset, out)
    return time.perf_counter() - start


def time_direct(data: Path, out: Path, sql: str = DIRECT_SQL) -> float:
    start = time.perf_counter()
    con = duckdb.connect(config={"threads": os.cpu_count() or 1, "memory_limit": "1GB"})
    con.execute(sql.format(data=data, out=out, rules=RULES_TABLE))
    con.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--once",
        choices=["engine", "direct", "checked"],
        help="run one computation and exit, to be timed as a whole process",
    )
    parser.add_argument("--naive", action="store_true", help="also time string_agg once")
    parser.add_argument(
        "--checked", action="store_true", help="also time checking plus scoring once"
    )
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "enplan-bench")
    args = parser.parse_args()
    args.data.mkdir(parents=True, exist_ok=True)
    data = args.data / "extract.parquet"
    if not data.exists():
        start = time.perf_counter()
        generate(data)
        print(f"generated {data} in {time.perf_counter() - start:.1f} s")
    if args.once:
        ruleset = rules.parse(RULES)
        out = args.data / f"once-{args.once}.csv"
        if args.once == "engine":
            seconds = time_engine(data, ruleset, out)
        elif args.once == "checked":
            seconds = time_checked(data, ruleset, out)
        else:
            seconds = time_direct(data, out)
        print(f"{args.once}: {seconds:.2f} s")
        return
    rows = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{data}')").fetchone()[0]
    print(f"rows: {rows:,}, persons: {PERSONS:,}, households: {HOUSEHOLDS:,}")
    ruleset = rules.parse(RULES)
    engine_times, direct_times = [], []
    engine_out, direct_out = args.data / "engine.csv", args.data / "direct.csv"
    for _ in range(args.repeat):
        engine_times.append(time_engine(data, ruleset, engine_out))
        direct_times.append(time_direct(data, direct_out))
    if engine_out.read_bytes() != direct_out.read_bytes():
        sys.exit("The engine and the direct SQL disagree.")
    naive = time_direct(data, args.data / "naive.csv", NAIVE_SQL) if args.naive else None
    checked = time_checked(data, ruleset, args.data / "checked.csv") if args.checked else None
    engine_median = statistics.median(engine_times)
    direct_median = statistics.median(direct_times)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("engine s:", " ".join(f"{t:.2f}" for t in engine_times))
    print("direct s:", " ".join(f"{t:.2f}" for t in direct_times))
    print(
        f"engine median {engine_median:.2f} s, direct SQL median {direct_median:.2f} s, "
        f"ratio {engine_median / direct_median:.2f}, peak memory {peak_mib:.0f} MiB"
    )
    if checked is not None:
        print(f"checks plus scoring (as targeting_score), once: {checked:.2f} s")
    if naive is not None:
        print(f"naive string_agg SQL, once: {naive:.2f} s")
    ok = engine_median < 5 and engine_median <= 1.5 * direct_median and peak_mib < 2048
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
