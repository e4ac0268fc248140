"""Symbolic links in the sessions folder are never followed: a session file that is a link is
listed as skipped with the reason and never opened, read or written; links planted at the lock,
temp, index or trash names cannot make the store write outside the folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workshop import fileio
from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.store import SessionStore

LINK_REASON = "is a symbolic link; not opened"


def _session(folder: Path, title: str = "Riverside review") -> tuple[str, Path]:
    with SessionStore(folder).create(title) as session:
        session.add_record("note", "B1", text="Bus data is open")
        return session.id, session.path


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    sessions, elsewhere = tmp_path / "sessions", tmp_path / "elsewhere"
    elsewhere.mkdir()
    return sessions, elsewhere


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*")
            if p.is_file()}


def test_a_linked_session_file_is_listed_as_skipped_and_never_opened(folders, capsys) -> None:
    sessions, elsewhere = folders
    other_id, other_path = _session(elsewhere, "Someone else's session")
    link = sessions / f"{other_path.name}"
    _session(sessions)
    link.symlink_to(other_path)
    before = _snapshot(elsewhere)
    infos = {info.file.name: info for info in SessionStore(sessions).list()}
    assert infos[link.name].readable is False and infos[link.name].reason == LINK_REASON
    with pytest.raises(WorkshopError, match="symbolic link"):
        SessionStore(sessions).open(other_id)
    assert main(["--sessions", str(sessions), "delete", other_id, "--yes"]) == 1
    assert main(["--sessions", str(sessions), "export", other_id, "-o", "-"]) == 1
    assert main(["--sessions", str(sessions), "actions"]) == 0
    assert main(["--sessions", str(sessions), "list"]) == 0
    assert LINK_REASON in capsys.readouterr().out
    assert link.is_symlink() and _snapshot(elsewhere) == before


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "missing.json"])
def test_links_to_system_files_or_nowhere_are_skipped_with_the_reason(folders, target) -> None:
    sessions, _ = folders
    _session(sessions)
    (sessions / "abcdef-linked.json").symlink_to(target)
    infos = {info.file.name: info for info in SessionStore(sessions).list()}
    assert infos["abcdef-linked.json"].reason == LINK_REASON


def test_a_lock_file_link_is_not_followed(folders) -> None:
    sessions, elsewhere = folders
    session_id, _ = _session(sessions)
    victim = elsewhere / "yarn.lock"
    victim.write_text("precious", encoding="utf-8")
    lock = sessions / ".locks" / f"{session_id}.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    with pytest.raises(WorkshopError, match="symbolic link"):
        SessionStore(sessions).open(session_id)
    with pytest.raises(WorkshopError, match="symbolic link"):
        SessionStore(sessions).delete(session_id)
    assert victim.read_text(encoding="utf-8") == "precious" and lock.is_symlink()


def test_a_linked_locks_or_trash_folder_is_not_followed(folders) -> None:
    sessions, elsewhere = folders
    session_id, path = _session(sessions)
    for name in (".locks", ".trash"):
        target = sessions / name
        if target.exists():
            os.rename(target, sessions / f"{name}-old")
        target.symlink_to(elsewhere, target_is_directory=True)
    with SessionStore(sessions).open(session_id) as session:
        assert session.readonly  # no lock could be taken: nothing is written anywhere
    with pytest.raises(WorkshopError):
        SessionStore(sessions).delete(session_id)
    assert list(elsewhere.iterdir()) == [] and path.exists()


def test_a_link_planted_at_the_temp_name_is_not_followed(tmp_path: Path, monkeypatch) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    planted = tmp_path / ".session.json.planted.tmp"
    planted.symlink_to(victim)
    monkeypatch.setattr(fileio, "temp_name", lambda path: planted)
    with pytest.raises(OSError):
        fileio.write_atomically(tmp_path / "session.json", b"new")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "session.json").exists()


def test_a_linked_index_is_ignored(folders) -> None:
    sessions, elsewhere = folders
    session_id, _ = _session(sessions)
    index = sessions / ".index.json"
    index.unlink(missing_ok=True)
    index.symlink_to("/dev/zero")
    assert [info.id for info in SessionStore(sessions).list()] == [session_id]


async def test_home_delete_on_a_skipped_file_says_why_instead_of_asking(folders) -> None:
    """Delete on a linked (or otherwise unreadable) file in the app's list: one warning naming
    the file and the fix, no confirmation dialog, the link and its target left alone."""
    from workshop.guide.loader import load_guide
    from workshop.tui.app import WorkshopApp
    from workshop.tui.screens.home import HomeScreen

    sessions, elsewhere = folders
    _, other_path = _session(elsewhere, "Someone else's session")
    _session(sessions)
    link = sessions / "abcdef-linked.json"
    link.symlink_to(other_path)
    before = _snapshot(elsewhere)
    app = WorkshopApp(guide=load_guide(), sessions_dir=sessions)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        row = next(i for i, info in enumerate(home.sessions) if info.file == link)
        home.query_one("DataTable").move_cursor(row=row)
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        messages = [n.message for n in app._notifications]
        assert any("abcdef-linked.json is left as it is" in m and LINK_REASON in m
                   for m in messages), messages
    assert link.is_symlink() and _snapshot(elsewhere) == before
