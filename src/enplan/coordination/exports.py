"""The results as CSV and XLSX. Both come from the engine's `csv_rows`, so they hold the
same figures as the pages and `rc_score`, and the same ties are left empty."""

import csv
import io

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from enplan.coordination import scoring
from enplan.coordination.models import Dimension, ScopeKind
from enplan.core import spreadsheets


def _file_name(round_, extension: str) -> str:
    # A plan's round is usually named after the citizen or the family: its file is named
    # by number only, like the network map's. A team's round carries the team's name.
    if round_.scope == ScopeKind.PLAN:
        return f"relationel-koordinering-{round_.pk}.{extension}"
    return f"relationel-koordinering-{slugify(round_.title) or round_.pk}-{round_.pk}.{extension}"


def csv_text(results: scoring.Results) -> str:
    """The machine format: the engine's columns, comma-separated, decimal points, as
    `rc_score` prints it (for scripts and statistics programs)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [spreadsheets.csv_text(cell) for cell in row] for row in scoring.csv_rows(results)
    )
    return buffer.getvalue()


def _header() -> list[str]:
    labels = dict(Dimension.choices)
    return [
        _("From group"),
        _("To group"),
        _("Respondents"),
        _("Score"),
        _("Level"),
        *[str(labels[d]) for d in scoring.DIMENSIONS],
    ]


def csv_text_for_excel(results: scoring.Results) -> str:
    """The form Danish Excel opens by a double click: a byte-order mark (so æøå survive),
    semicolons between the columns, decimal commas, and the headers and levels in Danish."""
    level_names = {"high": _("high"), "medium": _("medium"), "low": _("low")}
    rows = [_header()]
    for row in scoring.csv_rows(results)[1:]:
        values = [str(v) for v in row]
        values[4] = str(level_names.get(values[4], ""))
        for i in (3, *range(5, len(values))):
            values[i] = values[i].replace(".", ",")
        rows.append(values)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(
        [spreadsheets.csv_text(cell) for cell in row] for row in rows
    )
    return buffer.getvalue()


def csv_response(round_, results, *, machine: bool = False) -> HttpResponse:
    text = csv_text(results) if machine else csv_text_for_excel(results)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(round_, "csv")}"'
    return response


def xlsx_bytes(round_, results, rates) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Ties")
    rows = scoring.csv_rows(results)
    sheet.append(_header())
    level_names = {"high": _("high"), "medium": _("medium"), "low": _("low")}
    for row in rows[1:]:
        values = list(row)
        values[4] = level_names.get(values[4], "")
        for i in (3, *range(5, len(values))):
            values[i] = float(values[i]) if values[i] != "" else None
        sheet.append(values)
    # Group names are typed by users: never let a name such as "=HYPERLINK(…)" become a
    # formula in the recipient's spreadsheet.
    spreadsheets.as_text(sheet)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in "DFGHIJKL":
        for cell in sheet[column][1:]:
            cell.number_format = "0.00"
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(pgettext("survey workbook", "About"))
    notes.append([_("Round"), round_.title])
    notes.append([_("Closes"), round_.closes_on.strftime("%d.%m.%Y")])
    notes.append(
        [
            _("Minimum respondents per tie"),
            results.min_respondents,
        ]
    )
    notes.append([])
    notes.append([_("Group"), _("Asked"), _("Answered")])
    for rate in rates:
        notes.append([rate.name, rate.invited, rate.submitted])
    notes.append([])
    notes.append(
        [_("Individual answers are never exported; ties with too few respondents are empty.")]
    )
    spreadsheets.as_text(notes)  # the round's title and the group names are typed by users
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(round_, results, rates) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(round_, results, rates),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(round_, "xlsx")}"'
    return response
