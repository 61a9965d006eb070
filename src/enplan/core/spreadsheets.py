"""Text typed by users (group names, round titles, the names an administrator gives areas
and steps) goes into CSV and XLSX files that people open in a spreadsheet. A text such as
"=HYPERLINK(…)" must never run there as a formula (CSV/formula injection).

Imported workbooks are read here too, with their size checked before they are unpacked.
"""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

# What spreadsheets read as the start of a formula in a cell (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """A text cell for a CSV file: a leading apostrophe keeps a would-be formula a text, as
    spreadsheets themselves do. Anything that is not a text (a number) is left alone."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def as_text(sheet) -> None:
    """Store every text cell of an openpyxl sheet as a text, never as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


# An XLSX file is a zip archive of XML files. A small upload can unzip to gigabytes (a
# "zip bomb"), and openpyxl would read it all before a single row could be checked, so
# the sizes the archive declares are added up first. zipfile never inflates a member
# beyond the size it declares, so an archive cannot lie its way past this check.
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024


class SpreadsheetError(ValidationError):
    pass


def xlsx_rows(data: bytes, *, max_uncompressed: int = MAX_XLSX_UNCOMPRESSED_BYTES):
    """The first sheet's rows, one at a time (openpyxl's read-only mode), as tuples of
    values. Refuses, with a Danish message, a file that unzips to more than
    `max_uncompressed` bytes and any formula cell: an import stores what a person wrote,
    not what a formula last computed (or, without a cached value, nothing at all)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SpreadsheetError(_("The file could not be read as an XLSX workbook.")) from exc
    if unpacked > max_uncompressed:
        raise SpreadsheetError(
            _("The workbook unpacks to %(size)s MB; at most %(limit)s MB can be imported.")
            % {"size": unpacked // (1024 * 1024), "limit": max_uncompressed // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(_("The file could not be read as an XLSX workbook.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(), start=1):
            values = []
            for column, cell in enumerate(row, start=1):
                if getattr(cell, "data_type", None) == "f":
                    raise SpreadsheetError(
                        _(
                            "Cell %(cell)s holds a formula. Replace formulas with their values "
                            "(copy, then paste as values) and import the file again."
                        )
                        % {"cell": f"{get_column_letter(column)}{number}"}
                    )
                values.append(cell.value)
            yield tuple(values)
    except SpreadsheetError:
        raise
    except Exception as exc:
        raise SpreadsheetError(_("The file could not be read as an XLSX workbook.")) from exc
    finally:
        workbook.close()
