"""`workshop list` and `workshop actions` on an 80-column terminal: every line fits, so no row
wraps and no header splits ("LAST CHANG / E"); the title is cut first, then the city (or the
owner). Off a terminal, or with --wide, nothing is cut."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from workshop.store import SessionStore
from workshop.store.commands import list_actions, list_sessions

LONG = "Northbridge smart city operating model workshop, second round with partners"
CITY = "Northbridge-upon-Tyne Metropolitan Borough"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def store(sessions_path: Path) -> SessionStore:
    store = SessionStore(sessions_path)
    for n in range(3):
        with store.create(f"{LONG} {n}", city=CITY, date="2026-03-12",
                          agenda=[{"part": "B1", "timebox": 20}]) as session:
            session.add_record("action", "B1", title=f"Publish the data list {n} " * 4,
                               owner="Maya Okafor, Dev Raman and the transport team")
    return store


@pytest.mark.parametrize("columns", [80, 100])
def test_list_fits_the_terminal(store: SessionStore, monkeypatch: pytest.MonkeyPatch,
                                columns: int) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = Terminal()
    list_sessions(store, out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4
    assert all(len(line) <= columns for line in lines), lines
    assert "LAST CHANGE" in lines[0] and "in progress" in lines[1]
    assert lines[1].split()[0] in {info.id for info in store.list()}


def test_actions_fit_the_terminal(store: SessionStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = Terminal()
    list_actions(store, out=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and all(len(line) <= 80 for line in lines), lines
    assert "PRIORITY" in lines[0]


def test_off_a_terminal_or_wide_nothing_is_cut(store: SessionStore,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for out, wide in ((io.StringIO(), False), (Terminal(), True)):
        list_sessions(store, out=out, wide=wide)
        assert LONG in out.getvalue() and CITY in out.getvalue()
