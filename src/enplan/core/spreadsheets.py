"""Text typed by users (group names, round titles, the names an administrator gives areas
and steps) goes into CSV and XLSX files that people open in a spreadsheet. A text such as
"=HYPERLINK(…)" must never run there as a formula (CSV/formula injection).
"""

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
