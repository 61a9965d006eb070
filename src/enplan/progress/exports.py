"""The dashboard's tables as XLSX and CSV, with the same "<5" the page shows."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from enplan.core import spreadsheets
from enplan.progress.figures import suppressed_text, withheld_text
from enplan.progress.tables import Table


def about_rows(*, municipality, period, group, computed_at) -> list[tuple[str, str]]:
    return [
        (_("Municipality"), str(municipality)),
        (_("Period"), f"{period.start:%d.%m.%Y}–{period.end:%d.%m.%Y}"),
        (_("Plans"), group.label),
        (_("Made"), timezone.localtime().strftime("%d.%m.%Y %H:%M")),
        (_("Figures computed"), timezone.localtime(computed_at).strftime("%d.%m.%Y %H:%M")),
        (
            _("Small groups"),
            _("Figures computed from fewer than 5 citizens or plans are shown as %(mark)s.")
            % {"mark": suppressed_text()},
        ),
        (
            _("Hidden figures"),
            _(
                "A figure that would let a %(mark)s be worked out from a total is shown as "
                "%(hidden)s."
            )
            % {"mark": suppressed_text(), "hidden": withheld_text()},
        ),
    ]


def _csv_value(value):
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return "" if value is None else spreadsheets.csv_text(value)


def to_csv(table: Table, about: list[tuple[str, str]]) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, which Danish Excel opens as is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([table.title])
    for label, value in about:
        writer.writerow([label, spreadsheets.csv_text(value)])
    writer.writerow([])
    writer.writerow(table.columns)
    for row in table.export_rows():
        writer.writerow([_csv_value(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Table], about: list[tuple[str, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("About")[:31]
    sheet.append([_("Steering figures")])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, text in about:
        sheet.append([label, text])
    spreadsheets.as_text(sheet)  # names typed by the administrator are never formulas
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 80
    for table in tables:
        ws = workbook.create_sheet(title=table.title[:31])
        ws.append([table.title])
        ws["A1"].font = Font(bold=True, size=12)
        ws.append(table.columns)
        for cell in ws[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.export_rows():
            ws.append(row)
        spreadsheets.as_text(ws)
        for cells in ws.iter_rows(min_row=3, min_col=2):
            for cell in cells:
                cell.alignment = Alignment(horizontal="right")
        ws.column_dimensions["A"].width = 48
        for column in "BCDEFGHIJK":
            ws.column_dimensions[column].width = 16
        ws.freeze_panes = "B3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
