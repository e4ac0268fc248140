"""The workbook export reopened with openpyxl: a sheet per register, frozen header row with
filters, dates as dates, fitted widths, and no live formula whatever a user typed."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from tests.export_fixtures import _rec, rich_session
from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide, rich, summary_of
from workshop.cli import main
from workshop.export import render
from workshop.export.csv_export import REGISTERS
from workshop.export.formats import FORMAT_BY_NAME, formats_help, formats_in_words
from workshop.export.xlsx_export import render_xlsx, sheet_title


def _book(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def test_one_sheet_per_register_with_frozen_filtered_header(tmp_path):
    data = render(demo_snapshot(tmp_path), "xlsx", guide=real_guide(), today=DEMO_TODAY)
    book = _book(data)
    assert book.sheetnames == [sheet_title(r) for r in REGISTERS]
    assert len(book.sheetnames) == 9  # eight registers and the parking lot
    for register, sheet in zip(REGISTERS, book.worksheets, strict=True):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in sheet[1])
        assert sheet.max_row >= 2, register  # the demo has entries in every register
    actions = book["Actions"]
    header = [c.value for c in actions[1]]
    assert header[:4] == ["Title", "Description", "Owner", "Due date"]
    assert actions.auto_filter.ref == f"A1:{actions.cell(1, len(header)).column_letter}" \
        f"{actions.max_row}"


def test_dates_are_dates_and_numbers_are_numbers():
    book = _book(render_xlsx(rich()))
    actions = book["Actions"]
    header = [c.value for c in actions[1]]
    due = actions.cell(2, header.index("Due date") + 1)
    assert isinstance(due.value, dt.datetime) and due.number_format == "yyyy-mm-dd"
    assert isinstance(actions.cell(2, header.index("Number") + 1).value, int)
    assert actions.cell(2, header.index("Title") + 1).data_type == "s"


def test_columns_are_fitted_to_their_text():
    sheet = _book(render_xlsx(rich()))["Actions"]
    header = [c.value for c in sheet[1]]
    width = {h: sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width
             for i, h in enumerate(header)}
    assert width["Title"] > width["Number"]
    assert width["Overdue"] < 12
    assert all(6 <= w <= 62 for w in width.values())


@pytest.mark.parametrize("typed", ["=1+1", "+10 points", "-2", "@SUM(A1)",
                                   '=HYPERLINK("http://x","y")'])
def test_nothing_typed_becomes_a_live_formula(typed):
    snap = copy.deepcopy(rich_session())
    snap["records"].append(_rec("action", 90, "B1", title=typed, owner="Jo", due="2026-09-01",
                                status="open"))
    data = render_xlsx(summary_of(snap, include_all=True))
    sheet = _book(data)["Actions"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == typed]
    assert cells, "the text is kept exactly as typed (no apostrophe added)"
    assert all(c.data_type == "s" for c in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as package:  # no <f> (formula) element anywhere
        for name in package.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in package.read(name) and b"<f " not in package.read(name)


def test_workbook_is_a_registered_format(tmp_path, capsys):
    fmt = FORMAT_BY_NAME["xlsx"]
    assert fmt.binary and fmt.extension == "xlsx"
    assert "xlsx:" in formats_help() and "workbook" in formats_in_words()
    sessions = tmp_path / "s"
    assert main(["demo", "--sessions", str(sessions)]) == 0
    capsys.readouterr()
    out = tmp_path / "book.xlsx"
    title = "Harbourford smart city operating model workshop"
    assert main(["export", "--sessions", str(sessions), title, "--format", "xlsx",
                 "-o", str(out)]) == 0
    assert len(_book(out.read_bytes()).sheetnames) == 9


def test_maturity_levels_are_numbers_and_text_targets_stay_text():
    book = _book(render_xlsx(rich()))
    ratings = book["Ratings"]
    header = [c.value for c in ratings[1]]
    for name in ("Current", "Target", "Gap", "Ratings"):
        values = [ratings.cell(r, header.index(name) + 1).value
                  for r in range(2, ratings.max_row + 1)]
        assert values and all(isinstance(v, int | float) for v in values), name
    benefits = book["Benefits"]
    header = [c.value for c in benefits[1]]
    targets = [benefits.cell(r, header.index("Target") + 1).value
               for r in range(2, benefits.max_row + 1)]
    assert targets and all(isinstance(t, str) for t in targets)  # free text, even "200"
