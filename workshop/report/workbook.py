"""The programme report as a workbook (.xlsx): each of its tables a sheet, written by the session
export's workbook writer (workshop.export.xlsx_export.workbook: text never a formula, dates as
dates, control characters made visible). Built from the same document as Markdown and HTML, so
the three say the same; a section of several tables (decisions, one per part) is one sheet with
the part in its first column.
"""

from __future__ import annotations

from workshop.export.document import (
    Block,
    BulletList,
    Document,
    Due,
    Facts,
    Heading,
    Section,
    Table,
    plain,
)
from workshop.export.xlsx_export import sheet_title, workbook


def _cell(inlines: tuple) -> object:
    """A cell's value: a due date alone is the date (a real date in the sheet)."""
    if len(inlines) == 1 and isinstance(inlines[0], Due):
        return inlines[0].date
    return plain(inlines)


def _sheet(section: Section) -> tuple[str, list[str], list[list[object]]] | None:
    name = ""
    group = ""
    header: list[str] = []
    rows: list[list[object]] = []
    grouped = sum(isinstance(b, Table) for b in section.blocks) > 1
    sources: list[list[object]] = []
    for block in section.blocks:
        if isinstance(block, Heading) and block.level <= 2:
            name = plain(block.inlines)
        elif isinstance(block, Heading):
            group = plain(block.inlines).removeprefix("Part ")
        elif isinstance(block, Table):
            header = (["Part"] if grouped else []) + [c.label for c in block.columns]
            rows += [([group] if grouped else []) + [_cell(cell) for cell in row]
                     for row in block.rows]
        elif isinstance(block, BulletList) and block.caption == "Sources":
            sources = [[plain(item)] for item in block.items]
    if rows:
        return sheet_title(name), header, rows
    if sources:
        return "Sources", ["Problem"], sources
    return None


def render_workbook(document: Document) -> bytes:
    """A first sheet of the programme's facts, then a sheet per table."""
    facts = [[label, plain(value)] for section in document.sections for block in section.blocks
             if isinstance(block, Facts) for label, value in block.pairs]
    sheets: list[tuple[str, list[str], list[list[object]]]] = [
        ("Programme", ["What", "Value"], facts)]
    blocks: tuple[Block, ...] = document.sections
    for section in blocks:
        if isinstance(section, Section):
            sheet = _sheet(section)
            if sheet is not None:
                sheets.append(sheet)
    return workbook(sheets, document.title)
