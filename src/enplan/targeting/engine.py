"""The scoring engine: checking an extract and scoring extracts, in DuckDB.

One engine for the pages, the `targeting_score` command and the benchmark. Every step is
a set-based query over the whole extract; no Python loop ever walks the rows, so a
municipality's six million indicator rows score in seconds on a small server.

An extract is long: one row per person and indicator, with the columns
`person,household,indicator,value`, as CSV (UTF-8) or Parquet. `person` and `household`
are pseudonyms (HMAC-SHA256, 64 hex characters), never CPR numbers.
"""

import codecs
import csv
import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enplan.targeting.rules import RuleSet

COLUMNS = ("person", "household", "indicator", "value")
PARQUET_MAGIC = b"PAR1"
# A CPR number as a whole value: DDMMYY, an optional dash, four digits.
CPR_LIKE = r"^\s*[0-3][0-9][01][0-9][0-9]{2}[- ]?[0-9]{4}\s*$"
PSEUDONYM = r"[0-9a-f]{64}"
# An indicator's name as the catalogue's keys are written (a Django slug).
INDICATOR_NAME = r"[-a-zA-Z0-9_]+"
# Groups for the over-representation check: household sizes.
HOUSEHOLD_SIZES = (("1", 1, 1), ("2", 2, 2), ("3-4", 3, 4), ("5+", 5, None))


class ExtractError(ValidationError):
    """The whole extract is rejected; the message names the row and the column."""


@dataclass(frozen=True)
class Catalogue:
    """The indicators a round accepts. Health indicators only when the legal basis covers
    health data (GDPR art. 9(2)(g))."""

    indicators: frozenset[str]
    health: frozenset[str] = frozenset()
    allow_health: bool = False


def parquet_row(pos: int) -> int:
    """A Parquet file has no header: its first row is row 1."""
    return pos + 1


@dataclass
class CheckedExtract:
    parquet: bytes
    rows: int
    persons: int
    households: int
    per_indicator: dict[str, int] = field(default_factory=dict)
    # The row the user sees in their file, for a row's position in `parquet` (which keeps
    # the file's order). For a CSV file with blank lines it reads the file again, so it
    # answers while the file is there.
    row_of: Callable[[int], int] = field(default=parquet_row, repr=False)


@dataclass
class Source:
    """A stored, checked extract to score, and the label the over-representation check
    uses for the persons it mentions (the department that uploaded it)."""

    path: Path
    label: str = ""


@dataclass
class MemberScore:
    person: str
    points: int
    rules: list[str]


@dataclass
class HouseholdScore:
    household: str
    points: int
    members: list[MemberScore]


@dataclass
class GroupShare:
    kind: str  # "household_size", "source" or "indicator"
    group: str
    population: int
    proposed: int


@dataclass
class Result:
    persons: int
    households: int
    candidates: list[HouseholdScore]
    groups: list[GroupShare]

    @property
    def proposed_persons(self) -> int:
        return sum(len(c.members) for c in self.candidates)


def connect(*directories: Path) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that may touch only the given directories and nothing else:
    no network, no extension downloads, and it cannot be re-opened from SQL."""
    config = {
        "threads": getattr(settings, "ENPLAN_TARGETING_THREADS", None) or os.cpu_count() or 1,
        "memory_limit": getattr(settings, "ENPLAN_TARGETING_MEMORY_LIMIT", "1GB"),
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    con = duckdb.connect(config=config)
    allowed = sorted({str(Path(d).resolve()) + "/" for d in directories})
    con.execute(f"SET allowed_directories={allowed!r}")
    if allowed:
        con.execute(f"SET temp_directory={allowed[0] + 'duckdb.tmp'!r}")
    con.execute("SET enable_external_access=false")
    con.execute("SET lock_configuration=true")
    return con


def sql_string(value) -> str:
    """A path as a DuckDB string literal, for the statements that take no parameters
    (views and COPY)."""
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values) -> str:
    return "[" + ", ".join(sql_string(v) for v in values) + "]"


@contextmanager
def workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="enplan-targeting-") as directory:
        yield Path(directory)


# Checking an extract ---------------------------------------------------------------------


def _fail(message: str, **params) -> None:
    raise ExtractError(message % params, code="extract")


def _read_csv_header(data: bytes) -> tuple[list[str], str]:
    """The column names of a CSV file and its delimiter (comma, or semicolon as Danish
    Excel writes it)."""
    first_line = data.split(b"\n", 1)[0].decode("utf-8").strip("\r").lstrip("\ufeff")
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    names = [name.strip().strip('"').strip().lower() for name in first_line.split(delimiter)]
    return names, delimiter


def _check_columns(names: list[str]) -> None:
    for column in COLUMNS:
        if column not in names:
            _fail(
                _("Row 1: the column “%(column)s” is missing. The columns must be %(columns)s."),
                column=column,
                columns=",".join(COLUMNS),
            )
    extra = [n for n in names if n not in COLUMNS]
    if extra:
        # An extra column could carry names or CPR numbers; nothing but the four is taken in.
        _fail(
            _("Row 1: the column “%(column)s” is not allowed. The columns must be %(columns)s."),
            column=extra[0] or _("(empty)"),
            columns=",".join(COLUMNS),
        )
    if len(set(names)) != len(names):
        _fail(_("Row 1: a column name appears twice."))


def _csv_rows(path: Path, data: bytes, delimiter: str) -> Callable[[int], int]:
    """A function from a row's position (0 for the first row below the header) to its line
    in the file, the number the user finds in their editor.

    DuckDB skips blank lines and does not count the line breaks inside quoted fields, so
    where the file has either, the lines are counted by reading the file again, with
    Python's csv module, up to the row; that happens only when a message names a row."""
    body = data.rstrip(b"\r\n")
    if b'"' not in body and b"\n\n" not in body and b"\n\r\n" not in body:
        return lambda pos: pos + 2

    def line_of(pos: int) -> int:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            next(reader)
            seen = -1
            start = reader.line_num + 1
            for record in reader:
                if record:
                    seen += 1
                    if seen == pos:
                        return start
                start = reader.line_num + 1
        return pos + 2

    return line_of


def _load_csv(con, path: Path) -> Callable[[int], int]:
    """Load a CSV extract as the view `src`; return the line in the file of the row at each
    position (the header is line 1)."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        _fail(
            _("Row %(row)d: the file is not in UTF-8. Save it as “CSV UTF-8” and upload it again."),
            row=data.count(b"\n", 0, error.start) + 1,
        )
    if not data.strip():
        _fail(_("The file is empty."))
    names, delimiter = _read_csv_header(data)
    _check_columns(names)
    try:
        # A table keeps the file's order, so a row's rowid is its position in the file.
        con.execute(
            "CREATE TABLE raw AS SELECT * FROM read_csv(?, header=true, auto_detect=false, "
            "delim=?, quote='\"', escape='\"', columns=?, encoding='utf-8')",
            [str(path), delimiter, dict.fromkeys(names, "VARCHAR")],
        )
    except duckdb.Error as error:
        text = str(error)
        marker = "CSV Error on Line: "
        if marker in text:
            line = text.split(marker, 1)[1].split()[0]
            _fail(
                _("Row %(row)s does not have the four columns %(columns)s."),
                row=line,
                columns=",".join(COLUMNS),
            )
        _fail(_("The file cannot be read as CSV."))
    con.execute(
        "CREATE VIEW src AS SELECT rowid AS pos, person, household, indicator, value FROM raw"
    )
    return _csv_rows(path, data, delimiter)


def _load_parquet(con, path: Path) -> Callable[[int], int]:
    """Read a Parquet extract in place as the view `src`, with each row's position."""
    try:
        described = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sql_string(path)})"
        ).fetchall()
    except duckdb.Error:
        _fail(_("The file cannot be read as Parquet."))
    _check_columns([row[0].lower() for row in described])
    types = {row[0].lower(): row[1] for row in described}
    for column in ("person", "household", "indicator"):
        if types[column] != "VARCHAR":
            _fail(_("The column “%(column)s” must hold text."), column=column)
    con.execute(
        "CREATE VIEW src AS SELECT file_row_number AS pos, person, household, indicator, value "
        f"FROM read_parquet({sql_string(path)}, file_row_number=true)"
    )
    return parquet_row


def _value_is_text(con) -> bool:
    # The column's type, not a row's: a file without rows must reach the check that says so.
    types = dict(row[:2] for row in con.execute("DESCRIBE src").fetchall())
    return types["value"] == "VARCHAR"


def check_extract(path: Path, catalogue: Catalogue | None, *, copy: bool = True) -> CheckedExtract:
    """Check an uploaded extract and return it as a normalised Parquet file.

    All or nothing: the first problem rejects the whole file with a Danish message naming
    the row and the column. `catalogue` None accepts any indicator (the command line).
    With `copy` False, a Parquet file that needs no conversion is not copied (`parquet`
    is then empty, and the file itself can be scored).
    """
    path = Path(path)
    with workspace() as work:
        con = connect(work, path.parent)
        try:
            with path.open("rb") as handle:
                magic = handle.read(4)
            is_parquet = magic == PARQUET_MAGIC
            try:
                row_of = _load_parquet(con, path) if is_parquet else _load_csv(con, path)
                text = _value_is_text(con) if is_parquet else True
                result = _check_loaded(con, row_of, catalogue, value_is_text=text)
                result.row_of = row_of
                if is_parquet and not text and not copy:
                    return result
                out = work / "extract.parquet"
                number = _NUMBER if text else "CAST(value AS DOUBLE)"
                con.execute(
                    f"COPY (SELECT person, household, indicator, {number} AS value FROM src) "
                    f"TO {sql_string(out)} (FORMAT parquet, COMPRESSION zstd)"
                )
            except duckdb.OutOfMemoryException:
                raise
            except duckdb.Error:
                # Parquet is read in place, so a damaged page shows only when the checks
                # reach it; a CSV file is read whole before, and an error here is ours.
                if not is_parquet:
                    raise
                _fail(_("The file cannot be read as Parquet."))
            result.parquet = out.read_bytes()
            return result
        finally:
            con.close()


# Danish number format is accepted too: a decimal comma.
_NUMBER = "TRY_CAST(replace(trim(value), ',', '.') AS DOUBLE)"
# A CPR number kept as a number (a numeric Parquet column, or a spreadsheet's number
# format) has lost its dash, may have gained ".0", and has lost the leading zero of a
# birthday on the 1st to the 9th. A whole number of nine or ten digits is therefore read
# back as the ten digits it would be; indicator values (counts, years, percentages) never
# come near that size.
_AS_CPR_DIGITS = (
    f"CASE WHEN {_NUMBER} >= 1e8 AND {_NUMBER} < 1e10 AND {_NUMBER} = floor({_NUMBER}) "
    f"THEN lpad(CAST(CAST({_NUMBER} AS BIGINT) AS VARCHAR), 10, '0') END"
)


def _first_row(con, table: str, where: str, column: str, params=()) -> tuple | None:
    return con.execute(
        f"SELECT pos, {column} FROM {table} WHERE {where} ORDER BY pos LIMIT 1", params
    ).fetchone()


def _check_loaded(
    con, row_of: Callable[[int], int], catalogue: Catalogue | None, *, value_is_text: bool
) -> CheckedExtract:
    """The checks, run on the distinct values of each column rather than on every row: a
    municipality's six million rows hold about a million persons, a few indicators and a
    few dozen values, so each check reads little after one grouping pass per column."""
    rows = con.execute("SELECT count(*) FROM src").fetchone()[0]
    if rows == 0:
        _fail(_("The file has no rows below the column names."))
    con.execute(
        "CREATE TEMP TABLE indicators AS SELECT indicator, min(pos) AS pos, count(*) AS n "
        "FROM src GROUP BY indicator"
    )
    names = [row[0] for row in con.execute("SELECT indicator FROM indicators").fetchall()]
    # Each person's indicators as bits of one number: a person with more rows than bits
    # has an indicator twice. Cheaper than grouping by person and indicator.
    by_bits = len(names) <= 63
    bits = (
        f"bit_or(1::UBIGINT << (list_position({sql_list(names)}, indicator) - 1))"
        if by_bits
        else "0::UBIGINT"
    )
    con.execute(
        "CREATE TEMP TABLE persons AS SELECT person, min(pos) AS pos, count(*) AS n, "
        f"{bits} AS bits, min(hash(household)) AS h1, max(hash(household)) AS h2 "
        "FROM src GROUP BY person"
    )
    con.execute(
        "CREATE TEMP TABLE households AS SELECT household, min(pos) AS pos FROM src "
        "GROUP BY household"
    )
    value_text = "value" if value_is_text else "CAST(value AS VARCHAR)"
    con.execute(
        f"CREATE TEMP TABLE vals AS SELECT {value_text} AS value, min(pos) AS pos FROM src "
        "GROUP BY 1"
    )
    tables = {
        "person": "persons",
        "household": "households",
        "indicator": "indicators",
        "value": "vals",
    }
    cpr_like = {column: f"regexp_matches({column}, $2)" for column in tables}
    cpr_like["value"] = f"(regexp_matches(value, $2) OR regexp_matches({_AS_CPR_DIGITS}, $2))"
    # Per column, the first row of each kind of problem, in one pass over its distinct values.
    found = {}
    for column, table in tables.items():
        found[column] = con.execute(
            f"SELECT min(pos) FILTER ({column} IS NULL OR trim({column}) = ''), "
            f"min(pos) FILTER (NOT regexp_full_match({column}, $1) AND {cpr_like[column]}), "
            f"min(pos) FILTER (NOT regexp_full_match({column}, $1)) FROM {table}",
            [PSEUDONYM, CPR_LIKE],
        ).fetchone()
    for column in tables:
        if found[column][0] is not None:
            _fail(
                _("Row %(row)d, column “%(column)s”: the value is empty."),
                row=row_of(found[column][0]),
                column=column,
            )
    for column in tables:
        # A valid pseudonym cannot be a CPR number, so only other values are looked at.
        if found[column][1] is not None:
            # Never echo the value: it may be a real CPR number.
            _fail(
                _(
                    "Row %(row)d, column “%(column)s”: the value looks like a CPR number. "
                    "Extracts may only hold pseudonyms; run the pseudonymise command first."
                ),
                row=row_of(found[column][1]),
                column=column,
            )
    for column in ("person", "household"):
        if found[column][2] is not None:
            _fail(
                _(
                    "Row %(row)d, column “%(column)s”: the value is not a pseudonym "
                    "(64 characters 0-9 and a-f from HMAC-SHA256)."
                ),
                row=row_of(found[column][2]),
                column=column,
            )
    # Checked with or without a catalogue: the command line has none to compare with, and
    # there a name with a space or a stray character would match no rule and score 0.
    hit = _first_row(
        con, "indicators", "NOT regexp_full_match(indicator, ?)", "indicator", [INDICATOR_NAME]
    )
    if hit:
        _fail(
            _(
                "Row %(row)d, column “indicator”: “%(value)s” is not an indicator name. Names "
                "have only the letters a-z, digits, “_” and “-”, and no spaces."
            ),
            row=row_of(hit[0]),
            value=hit[1][:60],
        )
    if catalogue is not None:
        hit = _first_row(
            con,
            "indicators",
            "NOT list_contains(?, indicator)",
            "indicator",
            [sorted(catalogue.indicators)],
        )
        if hit:
            _fail(
                _(
                    "Row %(row)d, column “indicator”: “%(value)s” is not in the round's "
                    "catalogue of indicators."
                ),
                row=row_of(hit[0]),
                value=hit[1][:60],
            )
        if not catalogue.allow_health and catalogue.health:
            hit = _first_row(
                con,
                "indicators",
                "list_contains(?, indicator)",
                "indicator",
                [sorted(catalogue.health)],
            )
            if hit:
                _fail(
                    _(
                        "Row %(row)d, column “indicator”: “%(value)s” is a health indicator, and "
                        "the round's legal basis does not cover health data."
                    ),
                    row=row_of(hit[0]),
                    value=hit[1],
                )
    hit = _first_row(con, "vals", f"{_NUMBER} IS NULL OR NOT isfinite({_NUMBER})", "value")
    if hit:
        _fail(
            _("Row %(row)d, column “value”: “%(value)s” is not a number."),
            row=row_of(hit[0]),
            value=hit[1][:20],
        )
    if by_bits:
        suspects = "SELECT person FROM persons WHERE n > bit_count(bits)"
    else:
        suspects = (
            "SELECT DISTINCT person FROM src WHERE hash(person, indicator) IN (SELECT k FROM "
            "(SELECT hash(person, indicator) AS k FROM src GROUP BY k HAVING count(*) > 1))"
        )
    duplicate = con.execute(
        f"SELECT max(pos), min(pos) FROM src WHERE person IN ({suspects}) "
        "GROUP BY person, indicator HAVING count(*) > 1 ORDER BY 1 LIMIT 1"
    ).fetchone()
    if duplicate:
        _fail(
            _(
                "Row %(row)d, columns “person” and “indicator”: the same person and "
                "indicator are already in row %(first)d."
            ),
            row=row_of(duplicate[0]),
            first=row_of(duplicate[1]),
        )
    split = con.execute(
        "SELECT max(s.pos) FROM src s JOIN (SELECT person FROM persons WHERE h1 <> h2) p "
        "USING (person) GROUP BY s.person HAVING count(DISTINCT s.household) > 1 "
        "ORDER BY 1 LIMIT 1"
    ).fetchone()
    if split:
        _fail(
            _(
                "Row %(row)d, column “household”: the person is in another household in an "
                "earlier row."
            ),
            row=row_of(split[0]),
        )
    persons = con.execute("SELECT count(*) FROM persons").fetchone()[0]
    households = con.execute("SELECT count(*) FROM households").fetchone()[0]
    per_indicator = dict(
        con.execute("SELECT indicator, n FROM indicators ORDER BY indicator").fetchall()
    )
    return CheckedExtract(
        parquet=b"", rows=rows, persons=persons, households=households, per_indicator=per_indicator
    )


def check_against(
    new: Path, others: Iterable[Source], *, row_of: Callable[[int], int] = parquet_row
) -> None:
    """A new extract may not repeat a person and indicator that another department's
    extract in the round already holds, nor put a person in another household. `row_of`
    turns a row's position in `new` into the row the user sees in the file they gave
    (`CheckedExtract.row_of`)."""
    others = list(others)
    if not others:
        return
    with workspace() as work:
        con = connect(work, new.parent, *(s.path.parent for s in others))
        try:
            con.execute(
                "CREATE VIEW new AS SELECT file_row_number AS pos, person, household, indicator "
                f"FROM read_parquet({sql_string(new)}, file_row_number=true)"
            )
            con.execute(
                f"CREATE VIEW old AS SELECT * FROM read_parquet({sql_list(s.path for s in others)})"
            )
            clash = con.execute(
                "SELECT min(n.pos), arg_min(n.indicator, n.pos) FROM new n "
                "JOIN old o USING (person, indicator)"
            ).fetchone()
            if clash and clash[0] is not None:
                _fail(
                    _(
                        "Row %(row)d, column “indicator”: another department's extract in this "
                        "round already holds “%(indicator)s” for the person. Each indicator is "
                        "reported by one department."
                    ),
                    row=row_of(clash[0]),
                    indicator=clash[1],
                )
            split = con.execute(
                "SELECT min(n.pos) FROM new n JOIN old o USING (person) "
                "WHERE n.household <> o.household"
            ).fetchone()
            if split and split[0] is not None:
                _fail(
                    _(
                        "Row %(row)d, column “household”: the person is in another household "
                        "than in another department's extract. The household must be "
                        "pseudonymised from the same reference person in every extract."
                    ),
                    row=row_of(split[0]),
                )
        finally:
            con.close()


# Scoring ---------------------------------------------------------------------------------


def _create_rules(con, ruleset: RuleSet) -> None:
    con.execute(
        "CREATE TEMP TABLE rules (idx INTEGER, name VARCHAR, indicator VARCHAR, lo DOUBLE, "
        "hi DOUBLE, points BIGINT)"
    )
    if ruleset.rules:
        con.executemany(
            "INSERT INTO rules VALUES (?, ?, ?, ?, ?, ?)",
            [(i, r.name, r.indicator, r.min, r.max, r.points) for i, r in enumerate(ruleset.rules)],
        )


def _create_extract_view(con, sources: list[Source]) -> None:
    con.execute(
        "CREATE VIEW extract AS SELECT person, household, indicator, value, filename AS source "
        f"FROM read_parquet({sql_list(s.path for s in sources)}, filename=true)"
    )


# One row per person: their points and their household's points. The rules that fired are
# kept as a bit mask (bit i for the i-th rule) while the rows are grouped and sorted, and
# only then turned into names: carrying the names through the sort costs several times
# more. A person with no rule firing scores 0 and is still listed.
SCORES_SQL = """
SELECT person, household, person_points,
       sum(person_points) OVER (PARTITION BY household) AS household_points, mask
FROM (
    SELECT e.person, any_value(e.household) AS household,
           coalesce(sum(r.points), 0)::BIGINT AS person_points,
           coalesce(bit_or(1::BIGINT << r.idx), 0)::BIGINT AS mask
    FROM extract e
    LEFT JOIN rules r
      ON e.indicator = r.indicator
     AND (r.lo IS NULL OR e.value >= r.lo)
     AND (r.hi IS NULL OR e.value <= r.hi)
    GROUP BY e.person
)
"""


def names_sql(ruleset: RuleSet, mask: str = "mask") -> str:
    """The names of the rules in `mask`, in the rules' own order, joined by ';'."""
    names = sql_list(rule.name for rule in ruleset.rules) if ruleset.rules else "[]::VARCHAR[]"
    return (
        f"array_to_string(list_filter({names}, lambda name, i: (({mask} >> (i - 1)) & 1) = 1), ';')"
    )


def sorted_scores_sql(ruleset: RuleSet) -> str:
    # DuckDB keeps the order of a sorted subquery through a plain projection.
    return (
        f"SELECT person, household, person_points, household_points, {names_sql(ruleset)} "
        f"AS rules FROM ({SCORES_SQL} ORDER BY household_points DESC, household, person)"
    )


def score_to_csv(sources: list[Source], ruleset: RuleSet, out: Path) -> int:
    """Score the extracts and write `person,household,person_points,household_points,rules`
    to `out`, one row per person. Nothing is stored. Returns the number of persons."""
    out = Path(out).resolve()
    with workspace() as work:
        con = connect(work, out.parent, *(s.path.parent for s in sources))
        try:
            _create_rules(con, ruleset)
            _create_extract_view(con, sources)
            written = con.execute(
                f"COPY ({sorted_scores_sql(ruleset)}) TO {sql_string(out)} (HEADER, DELIMITER ',')"
            ).fetchone()
            return written[0] if written else 0
        finally:
            con.close()


def score(
    sources: list[Source], ruleset: RuleSet, *, group_indicators: Iterable[str] = ()
) -> Result:
    """Score the extracts for the pages: the proposed households with the explanation of
    each member's points, the counts, and the groups for the over-representation check."""
    with workspace() as work:
        con = connect(work, *(s.path.parent for s in sources))
        try:
            _create_rules(con, ruleset)
            _create_extract_view(con, sources)
            con.execute(f"CREATE TEMP TABLE scores AS {SCORES_SQL}")
            [(persons, households)] = con.execute(
                "SELECT count(*), count(DISTINCT household) FROM scores"
            ).fetchall()
            rows = con.execute(
                "SELECT household, household_points, "
                f"list(struct_pack(person, person_points, rules := {names_sql(ruleset)}) "
                "     ORDER BY person_points DESC, person) "
                "FROM scores WHERE household_points >= ? GROUP BY household, household_points "
                "ORDER BY household_points DESC, household",
                [ruleset.min_points],
            ).fetchall()
            candidates = [
                HouseholdScore(
                    household=household,
                    points=int(points),
                    members=[
                        MemberScore(
                            person=m["person"],
                            points=int(m["person_points"]),
                            rules=[n for n in m["rules"].split(";") if n],
                        )
                        for m in members
                    ],
                )
                for household, points, members in rows
            ]
            groups = _groups(con, sources, ruleset.min_points, list(group_indicators))
            return Result(
                persons=persons, households=households, candidates=candidates, groups=groups
            )
        finally:
            con.close()


def _groups(con, sources, min_points, group_indicators) -> list[GroupShare]:
    """How many persons of each group are in the population and among the proposed."""
    con.execute(
        "CREATE TEMP TABLE people AS SELECT person, household, household_points >= ? AS proposed, "
        "count(*) OVER (PARTITION BY household) AS size FROM scores",
        [min_points],
    )
    shares = []
    for label, low, high in HOUSEHOLD_SIZES:
        population, proposed = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE proposed) FROM people "
            "WHERE size >= ? AND (? IS NULL OR size <= ?)",
            [low, high, high],
        ).fetchone()
        shares.append(GroupShare("household_size", label, population, proposed))
    labels = {str(s.path): s.label for s in sources if s.label}
    if labels:
        rows = con.execute(
            "SELECT source, count(*), count(*) FILTER (WHERE p.proposed) FROM "
            "(SELECT DISTINCT person, source FROM extract) s JOIN people p USING (person) "
            "GROUP BY source ORDER BY source"
        ).fetchall()
        for source, population, proposed in rows:
            shares.append(GroupShare("source", labels.get(source, source), population, proposed))
    if group_indicators:
        rows = con.execute(
            "SELECT e.indicator, count(*), count(*) FILTER (WHERE p.proposed) FROM extract e "
            "JOIN people p USING (person) WHERE list_contains(?, e.indicator) AND e.value > 0 "
            "GROUP BY e.indicator ORDER BY e.indicator",
            [sorted(group_indicators)],
        ).fetchall()
        for indicator, population, proposed in rows:
            shares.append(GroupShare("indicator", indicator, population, proposed))
    return shares


# Pseudonymising at the source ------------------------------------------------------------


def _require_utf8(path: Path, message: str) -> None:
    """Stop at the first line that is not UTF-8. Excel saves "CSV" in Windows-1252 unless
    told otherwise, and DuckDB would either fail in English or misread "æøå". The raw
    extract can be large, so it is read in pieces."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    line = 1
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            # Up to three bytes of a character split across pieces wait in the decoder.
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as error:
                _fail(message, row=line + chunk.count(b"\n", 0, max(error.start - pending, 0)))
            line += chunk.count(b"\n")
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        _fail(message, row=line)


def _hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC's inner and outer keys (RFC 2104), so that DuckDB can compute HMAC-SHA256 with
    its own sha256 over whole columns."""
    if len(key) > 64:
        key = hashlib.sha256(key).digest()
    key = key.ljust(64, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)


def _hmac_sql(expression: str) -> str:
    return f"sha256(pads.opad || unhex(sha256(pads.ipad || encode({expression}))))"


def pseudonymise_file(
    source: Path, out: Path, *, key: bytes, cpr_column: str, household_column: str | None
) -> int:
    """Replace the CPR column by `person` (and the household's reference person's CPR by
    `household`) as HMAC-SHA256 of the ten digits; keep every other column. Refuses the
    whole file if a value is not a CPR number. Returns the number of rows written."""
    source, out = Path(source).resolve(), Path(out).resolve()
    with workspace() as work:
        con = connect(work, source.parent, out.parent)
        try:
            with source.open("rb") as handle:
                is_parquet = handle.read(4) == PARQUET_MAGIC
            if not is_parquet:
                _require_utf8(
                    source,
                    _(
                        "Row %(row)d: the file is not in UTF-8. Save it as “CSV UTF-8” and run "
                        "the command again."
                    ),
                )
            reader = "read_parquet" if is_parquet else "read_csv"
            options = "" if is_parquet else ", all_varchar=true, header=true"
            try:
                con.execute(
                    f"CREATE TABLE raw AS SELECT * FROM {reader}({sql_string(source)}{options})"
                )
            except duckdb.Error:
                if is_parquet:
                    _fail(_("The file cannot be read as Parquet."))
                _fail(_("The file cannot be read as CSV."))
            columns = [row[0] for row in con.execute("DESCRIBE raw").fetchall()]
            wanted = [cpr_column] + ([household_column] if household_column else [])
            for column in wanted:
                if column not in columns:
                    _fail(_("The column “%(column)s” is missing."), column=column)
            digits = {}
            for column in wanted:
                quoted = '"' + column.replace('"', '""') + '"'
                digits[column] = f"regexp_replace(trim(CAST({quoted} AS VARCHAR)), '[- ]', '')"
                hit = con.execute(
                    f"SELECT rowid FROM raw WHERE {digits[column]} IS NULL "
                    f"OR NOT regexp_matches({digits[column]}, '^[0-9]{{10}}$') ORDER BY rowid "
                    "LIMIT 1"
                ).fetchone()
                if hit:
                    _fail(
                        _("Row %(row)d, column “%(column)s”: the value is not a CPR number."),
                        row=hit[0] + 2,
                        column=column,
                    )
            rest = [c for c in columns if c not in wanted and c not in ("person", "household")]
            person = _hmac_sql(digits[cpr_column])
            household = _hmac_sql(digits[household_column]) if household_column else person
            select = ", ".join(
                [f"{person} AS person", f"{household} AS household"]
                + ['"' + c.replace('"', '""') + '"' for c in rest]
            )
            fmt = "(FORMAT parquet)" if out.suffix.lower() == ".parquet" else "(HEADER)"
            # The pads go in as parameters, so the key never appears in a statement's text.
            con.execute("CREATE TEMP TABLE pads (ipad BLOB, opad BLOB)")
            con.execute("INSERT INTO pads VALUES (?, ?)", list(_hmac_pads(key)))
            written = con.execute(
                f"COPY (SELECT {select} FROM raw, pads ORDER BY raw.rowid) TO {sql_string(out)} "
                f"{fmt}"
            ).fetchone()
            return written[0] if written else 0
        finally:
            con.close()
