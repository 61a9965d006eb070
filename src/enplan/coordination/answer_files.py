"""Reading answer files (CSV or XLSX) in the import format, all-or-nothing.

One row per answer: `respondent,respondent_group,about_group,dimension,score`, with
`score` 1–5 or empty for "don't know". The first bad row rejects the whole file with a
Danish message naming the row (as the spreadsheet numbers it, header = row 1) and the
column. `rc_import`, the upload in a round and `rc_score` all read files here.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from enplan.coordination.scoring import DIMENSIONS, Row
from enplan.core import spreadsheets

COLUMNS = ("respondent", "respondent_group", "about_group", "dimension", "score")
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 500_000


class AnswerFileError(ValidationError):
    pass


@dataclass(frozen=True)
class ParsedFile:
    rows: list[Row]
    line_of: dict  # respondent label -> first row number, for later messages
    respondents: int


def _error(message: str, *, row: int | None = None, column: str | None = None):
    if row is not None and column is not None:
        prefix = _("Row %(row)s, column '%(column)s': ") % {"row": row, "column": column}
    elif row is not None:
        prefix = _("Row %(row)s: ") % {"row": row}
    else:
        prefix = ""
    return AnswerFileError(prefix + message, code="answer_file")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_bytes(path) -> bytes:
    """A file on disk, for the commands, with a Danish message when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _error(
            _("The file %(path)s cannot be read: %(reason)s.")
            % {"path": path, "reason": exc.strerror}
        ) from exc


def read_table(file_name: str, data: bytes) -> Iterator[list[str]]:
    """The file's rows as lists of text, CSV or XLSX by the file name's ending, one at a
    time: `parse` checks each row as it comes, and stops at the first bad one."""
    if len(data) > MAX_FILE_BYTES:
        raise _error(_("The file is larger than 20 MB."))
    name = file_name.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise _error(_("Choose a CSV or XLSX file."))


def _read_csv(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Spreadsheets saved as CSV on Danish Windows machines are often in Windows-1252.
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # A binary file, a cell of megabytes, a quote that never ends.
            raise _error(
                _("The file cannot be read as CSV from this row on. Save it as CSV again."),
                row=reader.line_num,
            ) from exc
        yield [_cell(c) for c in row]


def _read_xlsx(data: bytes) -> Iterator[list[str]]:
    try:
        for row in spreadsheets.xlsx_rows(data):
            yield [_cell(c) for c in row]
    except spreadsheets.SpreadsheetError as exc:
        raise _error(" ".join(exc.messages)) from exc


def parse(table: Iterable[list[str]], *, groups: list[str] | None = None) -> ParsedFile:
    """Check every row and return the answers, or raise AnswerFileError at the first fault.

    With `groups`, group names must be among them (compared without regard to case, and
    returned as the round spells them); without, any non-empty name is a group.
    """
    rows_in = iter(table)
    first = next(rows_in, None)
    if not first or not any(first):
        raise _error(_("The file is empty."))
    header = [c.strip().lower() for c in first]
    for column in COLUMNS:
        if column not in header:
            raise _error(
                _("The column '%(column)s' is missing from the first row.") % {"column": column},
                row=1,
            )
    index = {column: header.index(column) for column in COLUMNS}
    known = {g.casefold(): g for g in groups} if groups is not None else None
    rows: list[Row] = []
    group_of: dict = {}
    line_of: dict = {}
    seen: dict = {}
    for number, raw in enumerate(rows_in, start=2):
        if not any(raw):
            continue
        if len(rows) >= MAX_ROWS:
            raise _error(_("The file has more than %(n)s answers.") % {"n": MAX_ROWS})
        cells = {c: (raw[i] if i < len(raw) else "") for c, i in index.items()}
        respondent = cells["respondent"]
        if not respondent:
            raise _error(_("The respondent is empty."), row=number, column="respondent")
        if len(respondent) > 100:
            raise _error(
                _("The respondent is longer than 100 characters."), row=number, column="respondent"
            )
        group = _group(cells["respondent_group"], known, number, "respondent_group")
        about = _group(cells["about_group"], known, number, "about_group")
        dimension = cells["dimension"].lower()
        if dimension not in DIMENSIONS:
            raise _error(
                _("'%(value)s' is not a dimension. Use one of: %(keys)s.")
                % {"value": cells["dimension"], "keys": ", ".join(DIMENSIONS)},
                row=number,
                column="dimension",
            )
        score = _score(cells["score"], number)
        earlier_group = group_of.setdefault(respondent, group)
        line_of.setdefault(respondent, number)
        if earlier_group != group:
            raise _error(
                _("%(respondent)s is in the group '%(group)s' in row %(row)s.")
                % {"respondent": respondent, "group": earlier_group, "row": line_of[respondent]},
                row=number,
                column="respondent_group",
            )
        key = (respondent, about, dimension)
        if key in seen:
            raise _error(
                _(
                    "%(respondent)s already answered '%(dimension)s' about '%(about)s' in row "
                    "%(row)s."
                )
                % {
                    "respondent": respondent,
                    "dimension": dimension,
                    "about": about,
                    "row": seen[key],
                },
                row=number,
                column="dimension",
            )
        seen[key] = number
        rows.append(Row(respondent, group, about, dimension, score))
    if not rows:
        raise _error(_("The file has no answers below the header."))
    return ParsedFile(rows=rows, line_of=line_of, respondents=len(group_of))


def _group(value: str, known: dict | None, number: int, column: str) -> str:
    if not value:
        raise _error(_("The group is empty."), row=number, column=column)
    if known is None:
        return value
    canonical = known.get(value.casefold())
    if canonical is None:
        raise _error(
            _("'%(value)s' is not a workgroup in this round. The groups are: %(groups)s.")
            % {"value": value, "groups": ", ".join(known.values())},
            row=number,
            column=column,
        )
    return canonical


def _score(value: str, number: int) -> int | None:
    if value == "":
        return None
    # Survey tools often export whole scores as "4.0" (or "4,0" in Danish), as a
    # spreadsheet cell holds them; those are the same answer. "4.5" is not a scale point.
    match = re.fullmatch(r"([0-9]+)(?:[.,]0+)?", value)
    score = int(match.group(1)) if match else None
    if score is None or not 1 <= score <= 5:
        raise _error(
            _("'%(value)s' is not a whole number from 1 to 5 (leave it empty for \"don't know\").")
            % {"value": value},
            row=number,
            column="score",
        )
    return score
