"""Summary -> one workbook (.xlsx, openpyxl) with a sheet per register: what 8 CSV exports were.

Each sheet has the CSV register's columns (workshop.export.csv_export), a bold header row that
stays in view (frozen) with filters, fitted column widths, dates as real dates (an ISO date cell
becomes a date, shown yyyy-mm-dd, so it sorts and filters as one) and numbers as numbers (also
a maturity level such as "2.5" in a column of numbers).
Nothing becomes a live formula: every text is stored as text (a typed `=1+1` is the text
"=1+1"), marked quote-prefixed so it stays text even when someone edits the cell; no visible
apostrophe is added (that guard is for CSV, where the spreadsheet decides the type).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from workshop.export.common import clean
from workshop.export.csv_export import REGISTERS
from workshop.export.datapackage_export import DECIMAL, typed_columns
from workshop.summary import Summary

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_FORMAT = "yyyy-mm-dd"
CELL_LIMIT = 32_767  # characters a spreadsheet cell holds
MIN_WIDTH, MAX_WIDTH = 6, 60  # column widths, in characters
WIDTH_SAMPLE = 500  # rows looked at to fit a column's width


def sheet_title(register: str) -> str:
    """ "actions" -> "Actions": a sheet name (at most 31 characters, none of []:*?/\\)."""
    return re.sub(r"[\[\]:*?/\\]", " ", register.replace("_", " ").capitalize())[:31]


def _value(value: object) -> object:
    """A cell's value: a number or a date as such, everything else cleaned text (cut to what a
    cell holds, saying so)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return value
    text = clean(value)
    if ISO_DATE.fullmatch(text):
        try:
            return _dt.date.fromisoformat(text)
        except ValueError:
            return text  # "2026-02-30" stays as typed
    if len(text) > CELL_LIMIT:
        note = f"… (cut at {CELL_LIMIT:,} characters: the full text is in the JSON export)"
        text = text[:CELL_LIMIT - len(note)] + note
    return text


def _numeric_columns(register: str, header: list[str], rows: list[list[object]]) -> list[int]:
    """Columns of numbers written as text ("2.5"): every value a number, in a column that
    holds numbers (datapackage_export.typed_columns), so the sheet sorts and sums them."""
    out = []
    typed = typed_columns(register)
    for c, label in enumerate(header):
        values = [row[c] for row in rows if row[c] not in ("", None)]
        if label in typed and values and all(
                isinstance(v, int | float) or (isinstance(v, str) and DECIMAL.fullmatch(v))
                for v in values):
            out.append(c)
    return out


def render_xlsx(summary: Summary) -> bytes:
    sheets = []
    for register, rows_of in REGISTERS.items():
        header, rows = rows_of(summary)
        rows = [list(row) for row in rows]
        for c in _numeric_columns(register, header, rows):  # "2.5" in a numbers' column is 2.5
            for row in rows:
                if isinstance(row[c], str) and row[c]:
                    row[c] = float(row[c]) if "." in row[c] else int(row[c])
        sheets.append((sheet_title(register), header, rows))
    return workbook(sheets, clean(summary.title.title), clean(summary.title.facilitator))


def workbook(sheets: Iterable[tuple[str, list[str], list[list[object]]]], title: str = "",
             creator: str = "") -> bytes:
    """Sheets of (name, header, rows) as one workbook, every cell written by the rules above
    (the session's registers; the programme report's tables)."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, header, rows in sheets:
        sheet = book.create_sheet(name)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        widths = [len(h) for h in header]
        for r, row in enumerate(rows, start=2):
            for c, raw in enumerate(row, start=1):
                value = _value(raw)
                cell = sheet.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
                    if value[:1] in "=+-@":
                        cell.quotePrefix = True
                    if "\n" in value:
                        cell.alignment = wrap
                    if r <= WIDTH_SAMPLE:
                        longest = max(len(line) for line in value.split("\n"))
                        widths[c - 1] = max(widths[c - 1], longest)
                elif isinstance(value, _dt.date):
                    cell.number_format = DATE_FORMAT
                    widths[c - 1] = max(widths[c - 1], 10)
                elif r <= WIDTH_SAMPLE:
                    widths[c - 1] = max(widths[c - 1], len(str(value)))
        for c, width in enumerate(widths, start=1):
            letter = get_column_letter(c)
            sheet.column_dimensions[letter].width = min(max(width, MIN_WIDTH), MAX_WIDTH) + 2
            if width > MAX_WIDTH:  # long text wraps in its column instead of running on
                for (cell,) in sheet.iter_rows(min_row=2, min_col=c, max_col=c):
                    cell.alignment = wrap
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(sheet.max_row, 1)}"
    book.properties.creator = creator[:250] or "workshop"
    book.properties.title = title[:250]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
