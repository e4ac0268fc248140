"""`workshop report --format xlsx`: the report's tables as sheets of one workbook (the session
export's workbook writer: dates as dates, text never a formula, control characters visible)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from openpyxl import load_workbook
from report_support import make_session

from workshop.cli import main


def test_each_table_is_a_sheet_with_dates_as_dates_and_no_formula(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    make_session(folder, "Kick-off", "2026-01-20", records=[
        ("action", "B1", {"title": "=HYPERLINK(\"x\")\x1b[2J", "owner": "Sam",
                          "due": "2026-07-01"}),
        ("decision", "B1", {"text": "Co-write the vision"}),
        ("decision", "B3", {"text": "Keep the panel"}),
        ("risk", "B1", {"title": "Lock-in", "likelihood": 4, "impact": 4})])
    out = tmp_path / "report.xlsx"
    assert main(["report", str(folder), "--format", "xlsx", "-o", str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames[0] == "Programme"
    assert [c.value for c in book["Programme"]["A"]][:2] == ["What", "Sessions"]
    assert book.sheetnames[1].startswith("Open actions")
    assert any(name.startswith("Risk register") for name in book.sheetnames)
    actions = book.worksheets[1]
    header = [c.value for c in actions[1]]
    assert header[:3] == ["Owner", "Due", "Action"]
    row = [c.value for c in actions[2]]
    assert row[0] == "Sam"
    assert row[1] == _dt.datetime(2026, 7, 1)
    assert row[2].startswith("=HYPERLINK") and "\x1b" not in row[2] and "\u241b" in row[2]
    assert actions.cell(row=2, column=3).data_type == "s"
    decisions = next(s for s in book.worksheets if s.title.startswith("Decisions"))
    assert [c.value for c in decisions[1]][:2] == ["Part", "Session"]
    assert [(r[0].value, r[3].value) for r in decisions.iter_rows(min_row=2)] == [
        ("B1", "Co-write the vision"), ("B3", "Keep the panel")]


def test_a_workbook_is_never_written_to_stdout(tmp_path: Path, capsys) -> None:
    make_session(tmp_path / "sessions", "Kick-off", "2026-01-20")
    assert main(["report", str(tmp_path / "sessions"), "--format", "xlsx", "-o", "-"]) == 2
    assert "give a file name with -o" in capsys.readouterr().err
