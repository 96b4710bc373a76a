"""Every spreadsheet the portal gives out: one CSV format and one XLSX writer.

The CSV format is the same for every export: UTF-8 with a byte-order mark (so
Excel shows æøå right), semicolons between fields (Norwegian Excel's list
separator), headers in the user's language. Callers pass translated headers and
labels, never codes.

Text that people typed (a challenge title, a juror's comment, an attendee's
name) can begin with ``=``, ``+``, ``-`` or ``@``, which a spreadsheet would run
as a formula (``=HYPERLINK(...)``). Every cell goes through ``neutralise`` (CSV)
or ``_xlsx_cell`` (XLSX) so that it is only ever text.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from gnist.downloads import download

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell that begins with one of these is a formula (or becomes one) in Excel,
# LibreOffice or Google Sheets. Tab and carriage return hide the sign in front.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """A CSV field that no spreadsheet runs: risky text gets a leading apostrophe
    (the spreadsheet convention for "this is text"); numbers stay numbers; None is empty."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows) -> bytes:
    """The portal's one CSV format, every field neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([neutralise(str(label)) for label in header])
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_cell(sheet, value):
    if value is None or isinstance(value, int | float | Decimal | date | datetime):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    if is_formula_like(cell.value):
        # openpyxl makes every string that begins with "=" a formula. Force plain
        # text, and set the quote prefix so Excel keeps it text when it is edited.
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_bytes(title: str, header: list[str], rows) -> bytes:
    """One sheet named ``title``: the header, then the rows; no cell is ever a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(title)[:31])
    sheet.append([_xlsx_cell(sheet, str(label)) for label in header])
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_response(header: list[str], rows, filename: str) -> HttpResponse:
    return download(csv_bytes(header, rows), filename=filename, content_type=CSV_CONTENT_TYPE)


def xlsx_response(title: str, header: list[str], rows, filename: str) -> HttpResponse:
    return download(
        xlsx_bytes(title, header, rows), filename=filename, content_type=XLSX_CONTENT_TYPE
    )
