"""Two files in the sessions folder holding the same session id (a copy made by hand): the one
named the store's way (`<id>-<slug>.json`) is the session; the other is listed as unreadable with
the reason and never opened or written. When neither is named that way, both are unreadable.
Home, `workshop list`, `actions`, export and open keep working."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import DataTable

from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.home import HomeScreen


def _kickoff(folder: Path) -> tuple[str, Path]:
    store = SessionStore(folder)
    with store.create("Kickoff", city="Northbridge", date="2026-03-12",
                      agenda=[{"part": "B1", "timebox": 20}]) as session:
        session.add_record("action", "B1", title="Publish the data list", owner="Ana")
        return session.id, session.path


def test_a_copy_is_unreadable_and_the_canonical_file_is_the_session(sessions_path: Path) -> None:
    sid, path = _kickoff(sessions_path)
    copy = sessions_path / "copy of kickoff.json"
    shutil.copyfile(path, copy)
    copy_bytes = copy.read_bytes()
    store = SessionStore(sessions_path)
    infos = {info.file.name: info for info in store.list()}
    assert infos[path.name].readable and infos[path.name].id == sid
    assert not infos[copy.name].readable
    assert infos[copy.name].reason == (
        f"holds the same session id as {path.name}; rename or remove it")
    assert store.resolve(sid).file == path
    with store.open(sid) as session:
        session.add_record("note", "B1", text="More")
        assert session.path == path
    assert copy.read_bytes() == copy_bytes
    with pytest.raises(WorkshopError, match="same session id"):
        store.open("copy of kickoff")


def test_neither_named_the_store_way_both_unreadable(sessions_path: Path) -> None:
    sid, path = _kickoff(sessions_path)
    first, second = sessions_path / "first.json", sessions_path / "second.json"
    shutil.copyfile(path, first)
    path.rename(second)
    infos = {info.file.name: info for info in SessionStore(sessions_path).list()}
    assert not infos["first.json"].readable and not infos["second.json"].readable
    assert infos["first.json"].reason == (
        "holds the same session id as second.json; rename or remove it")
    assert infos["second.json"].reason == (
        "holds the same session id as first.json; rename or remove it")
    with pytest.raises(WorkshopError):
        SessionStore(sessions_path).open(sid)


def test_a_second_canonical_looking_copy_loses_to_the_title_slug(sessions_path: Path) -> None:
    sid, path = _kickoff(sessions_path)
    other = sessions_path / f"{sid}-kickoff-old.json"
    shutil.copyfile(path, other)
    infos = {info.file.name: info for info in SessionStore(sessions_path).list()}
    assert infos[path.name].readable and not infos[other.name].readable


def test_cli_list_actions_export_open_keep_working(sessions_path: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    sid, path = _kickoff(sessions_path)
    shutil.copyfile(path, sessions_path / "copy of kickoff.json")
    args = ["--sessions", str(sessions_path)]
    assert main([*args, "list"]) == 0
    out = capsys.readouterr().out
    assert sid in out and "copy of kickoff.json: holds the same session id" in out
    assert main([*args, "actions"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("Publish the data list") == 1
    assert main([*args, "export", sid, "--format", "md", "-o", str(tmp_path / "m.md")]) == 0
    assert "Kickoff" in (tmp_path / "m.md").read_text(encoding="utf-8")


async def test_home_lists_both_and_opens_the_session(sessions_path: Path) -> None:
    sid, path = _kickoff(sessions_path)
    shutil.copyfile(path, sessions_path / "copy of kickoff.json")
    shutil.copyfile(path, sessions_path / f"{sid}-kickoff-old.json")
    app = WorkshopApp(guide=load_guide(), sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one(DataTable).row_count == 3
        assert [info.readable for info in home.sessions].count(True) == 1
