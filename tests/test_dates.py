"""Due-date parsing: absolute, relative and weekday input, and clear errors."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

import workshop
from workshop.dates import add_months, describe_due, parse_due
from workshop.errors import WorkshopError

WED = dt.date(2026, 11, 25)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("2026-12-01", "2026-12-01"),
        ("today", "2026-11-25"),
        ("Tomorrow", "2026-11-26"),
        ("+3d", "2026-11-28"),
        ("+2w", "2026-12-09"),
        ("+ 2w".replace(" ", ""), "2026-12-09"),
        ("+1m", "2026-12-25"),
        ("+2 weeks", "2026-12-09"),
        ("in 2 weeks", "2026-12-09"),
        ("in 10 days", "2026-12-05"),
        ("+1y", "2027-11-25"),
        ("friday", "2026-11-27"),
        ("next friday", "2026-12-04"),  # the Friday of next week, not the coming one
        ("Next  FRIDAY", "2026-12-04"),
        ("fri", "2026-11-27"),
        ("this friday", "2026-11-27"),
        ("wednesday", "2026-11-25"),  # the coming Wednesday is the base day itself
        ("next wednesday", "2026-12-02"),
        ("next monday", "2026-11-30"),
        ("next week", "2026-12-02"),
        ("next month", "2026-12-25"),
        ("end of month", "2026-11-30"),
    ],
)
def test_parse_due(text: str, expected: str) -> None:
    assert parse_due(text, WED) == expected


@pytest.mark.parametrize(
    "text", ["2026-02-30", "soon", "+3x", "next", "31/02/2026", "friday week", "+", "next fry",
             "13/13", "15/12/202", "15/12-2026", "12 foo"]
)
def test_parse_due_rejects_with_one_line_help(text: str) -> None:
    with pytest.raises(WorkshopError) as info:
        parse_due(text, WED)
    message = str(info.value)
    assert "\n" not in message
    assert repr(text) in message and "YYYY-MM-DD" in message


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2026, 11, 30), 14) == dt.date(2028, 1, 30)


def test_describe_due() -> None:
    assert describe_due("2026-11-27", WED) == "Fri 27 Nov 2026 (in 2 days)"
    assert describe_due("2026-11-25", WED) == "Wed 25 Nov 2026 (today)"
    assert describe_due("2026-11-20", WED).endswith("(5 days ago, in the past)")
    assert describe_due("", WED) == ""


def test_dates_module_imports_no_textual() -> None:
    code = "import sys, workshop.dates; sys.exit('textual' in sys.modules)"
    root = Path(workshop.__file__).parent.parent
    result = subprocess.run([sys.executable, "-c", code], check=False, cwd=root)
    assert result.returncode == 0
