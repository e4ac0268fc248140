"""The report's progress bar: drawn on stderr only on a terminal and only once the work has
taken longer than its delay, cleared before the warnings; never in a pipe or a file."""

from __future__ import annotations

import io
from pathlib import Path

from report_support import make_session

from workshop.report import gather
from workshop.report.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_shows_the_bar_once_the_delay_has_passed_and_it_is_cleared(
        tmp_path: Path) -> None:
    for n in range(3):
        make_session(tmp_path / "s", f"Session {n}", "2026-01-20")
    screen = Terminal()
    progress = Progress("Reading sessions", screen, delay=0.0)
    programme, _ = gather([tmp_path / "s"], progress)
    assert len(programme.sessions) == 3
    drawn = screen.getvalue()
    assert "Reading sessions [" in drawn and "100%" in drawn
    progress.finish()
    assert screen.getvalue().endswith("\r")  # the line is wiped for what follows


def test_no_bar_before_the_delay_or_off_a_terminal(tmp_path: Path) -> None:
    make_session(tmp_path / "s", "Session", "2026-01-20")
    screen, pipe = Terminal(), io.StringIO()
    gather([tmp_path / "s"], Progress("Reading sessions", screen, delay=60.0))
    gather([tmp_path / "s"], Progress("Reading sessions", pipe, delay=0.0))
    assert screen.getvalue() == "" and pipe.getvalue() == ""
