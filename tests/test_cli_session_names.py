"""The command line finds a session the way people name it (`workshop export Northbridge`), lists
every candidate when a name fits several, and `workshop list` shows whole titles when asked
(`--wide`) and always when its output is not a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.store import SessionStore
from workshop.store.commands import list_sessions


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def make(store: SessionStore, title: str, city: str = "") -> str:
    with store.create(title, city=city) as session:
        return session.id


@pytest.fixture
def store(sessions_path: Path) -> SessionStore:
    return SessionStore(sessions_path)


def test_a_word_of_the_title_or_the_city_finds_the_session(store: SessionStore) -> None:
    north = make(store, "Northbridge mobility workshop", "Northbridge")
    river = make(store, "Data day", "Riverton-on-Sea")
    make(store, "Harbourford open data", "Harbourford")
    assert store.resolve("Northbridge").id == north
    assert store.resolve("northbridge MOBILITY").id == north
    assert store.resolve("riverton-on-sea").id == river  # the city, any case
    assert store.resolve("day").id == river


def test_id_prefix_and_exact_title_come_first(store: SessionStore) -> None:
    first = make(store, "Harbourford")
    second = make(store, "Harbourford follow-up", "Harbourford")
    assert store.resolve("Harbourford").id == first  # the exact title wins over words
    assert store.resolve("harbourford").id == first
    assert store.resolve(second[:4]).id == second
    assert store.resolve("follow-up").id == second


def test_an_ambiguous_name_lists_every_candidate_on_one_line(store: SessionStore) -> None:
    ids = [make(store, f"Northbridge session {n}\x1b[2J", "Northbridge") for n in range(10)]
    make(store, "Riverton", "Riverton")
    with pytest.raises(WorkshopError) as info:
        store.resolve("northbridge")
    message = str(info.value)
    assert "\n" not in message and "\x1b" not in message
    assert "matches 10 sessions" in message
    for n, session_id in enumerate(ids):
        assert f"{session_id} 'Northbridge session {n}␛[2J'" in message
    assert "Riverton" not in message


def test_export_by_city_through_the_cli(capsys: pytest.CaptureFixture[str],
                                        store: SessionStore, tmp_path: Path) -> None:
    make(store, "Mobility workshop", "Northbridge")
    make(store, "Open data day", "Harbourford")
    code, out, err = run(capsys, "export", "Northbridge", "-o", str(tmp_path / "n.md"))
    assert code == 0 and err == "" and (tmp_path / "n.md").exists()
    assert "Mobility workshop" in (tmp_path / "n.md").read_text(encoding="utf-8")
    make(store, "Transport", "Northbridge")
    code, out, err = run(capsys, "export", "Northbridge", "-o", str(tmp_path / "m.md"))
    assert code == 1 and err.count("\n") == 1 and "matches 2 sessions" in err
    assert "'Mobility workshop'" in err and "'Transport'" in err


LONG = "Northbridge integrated mobility and open data workshop with the council's partners"


def test_list_shows_whole_titles_when_not_a_terminal(capsys: pytest.CaptureFixture[str],
                                                    store: SessionStore) -> None:
    make(store, LONG, "Northbridge")
    code, out, _ = run(capsys, "list")  # pytest's capture is not a terminal
    assert code == 0 and LONG in out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_list_cuts_titles_on_a_terminal_unless_wide(store: SessionStore,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    make(store, LONG, "Northbridge")
    monkeypatch.setenv("COLUMNS", "80")
    out = Terminal()
    list_sessions(store, out=out)
    assert LONG not in out.getvalue() and "…" in out.getvalue()
    assert all(len(line) <= 80 for line in out.getvalue().splitlines()[:2])
    out = Terminal()
    list_sessions(store, wide=True, out=out)
    assert LONG in out.getvalue()


def test_list_wide_option(capsys: pytest.CaptureFixture[str], store: SessionStore) -> None:
    make(store, LONG)
    code, out, _ = run(capsys, "list", "--wide")
    assert code == 0 and LONG in out
