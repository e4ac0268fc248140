"""A session file whose stored id is crafted (`../../x`) never leads the store outside the sessions
folder: it is listed as unreadable with the reason, and `open` / `delete` on it (by the crafted id
or by its file name) create, empty or delete nothing anywhere. Ids from the folder's index and
from an import pass the same safe-id rule."""

from __future__ import annotations

import json
import os
from pathlib import Path

import orjson
import pytest

from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.store import SessionStore
from workshop.store.index import INDEX_NAME, identity, read_index
from workshop.store.migrate import SCHEMA_VERSION

BAD_IDS = ["../../x", "../x", "/tmp/x", "..", "abc/../../x", "ABCDEF", "aaaaaa\n"]


def _real_session(folder: Path) -> Path:
    store = SessionStore(folder)
    with store.create("Riverside review", city="Riverside", date="2026-03-12",
                      agenda=[{"part": "B1", "timebox": 20}]) as session:
        session.add_record("action", "B1", title="Publish the data list", owner="Ana")
        session.add_record("note", "B1", text="Bus data is open")
        return session.path


def _crafted_copy(folder: Path, bad_id: str, name: str = "evil.json") -> Path:
    """A copy of a real session file whose stored id (header and metadata) is `bad_id`, with no
    undo history (as a session file that was never edited after import)."""
    data = orjson.loads(_real_session(folder).read_bytes())
    data["store"]["1"]["id"] = bad_id
    data["session"]["1"]["id"] = bad_id
    data["journal"] = {}  # (its before-images name the real id)
    target = folder / name
    target.write_bytes(orjson.dumps(data))
    return target


@pytest.fixture
def deep(tmp_path: Path) -> tuple[Path, Path, Path]:
    """(sessions folder, a precious x.lock where ../../x.lock from .locks would land, the same
    beside the sessions folder)."""
    sessions = tmp_path / "a" / "b" / "sessions"
    sessions.mkdir(parents=True)
    outside = [tmp_path / "a" / "b" / "x.lock", tmp_path / "a" / "x.lock", tmp_path / "x.lock"]
    for victim in outside:
        victim.write_text("precious", encoding="utf-8")
    return sessions, outside[0], outside[1]


def _outside_untouched(tmp_path: Path, sessions: Path) -> list[str]:
    """Every file outside the sessions folder that is not the precious content."""
    changed = []
    for path in tmp_path.rglob("*"):
        if sessions in path.parents or path == sessions or path.is_dir():
            continue
        if path.name == "x.lock" and path.read_text(encoding="utf-8") == "precious":
            continue
        if path.parent.name == "home" or "home" in path.parts:
            continue
        changed.append(str(path))
    return changed


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_a_crafted_id_is_listed_unreadable_with_the_reason(deep, bad_id: str) -> None:
    sessions, _, _ = deep
    evil = _crafted_copy(sessions, bad_id)
    infos = {info.file.name: info for info in SessionStore(sessions).list()}
    assert infos[evil.name].readable is False
    assert "not a workshop id" in infos[evil.name].reason
    assert all(info.id != bad_id for info in infos.values())


def test_open_and_delete_by_the_crafted_id_touch_nothing_outside(deep, tmp_path: Path,
                                                                 capsys) -> None:
    sessions, beside, above = deep
    evil = _crafted_copy(sessions, "../../x")
    before = evil.read_bytes()
    store = SessionStore(sessions)
    with pytest.raises(WorkshopError):
        store.open("../../x")
    assert main(["--sessions", str(sessions), "delete", "../../x", "--yes"]) != 0
    assert main(["--sessions", str(sessions), "export", "../../x", "-o", "-"]) != 0
    assert beside.read_text(encoding="utf-8") == "precious"
    assert above.read_text(encoding="utf-8") == "precious"
    assert evil.read_bytes() == before
    assert _outside_untouched(tmp_path, sessions) == []


def test_delete_and_open_by_the_file_name_refuse_and_leave_it(deep, tmp_path: Path) -> None:
    sessions, beside, above = deep
    evil = _crafted_copy(sessions, "../../x", name="qqqqqq-evil.json")
    before = evil.read_bytes()
    assert main(["--sessions", str(sessions), "delete", "qqqqqq", "--yes"]) == 1
    with pytest.raises(WorkshopError, match="not a workshop id"):
        SessionStore(sessions).open("qqqqqq")
    assert evil.read_bytes() == before
    assert not (sessions / ".trash" / evil.name).exists()
    assert beside.read_text(encoding="utf-8") == "precious"
    assert _outside_untouched(tmp_path, sessions) == []


def test_the_lock_of_an_unsafe_id_is_never_built(deep) -> None:
    sessions, _, _ = deep
    store = SessionStore(sessions)
    for bad_id in BAD_IDS:
        with pytest.raises(WorkshopError, match="not a workshop session id"):
            store._lock(bad_id)


def test_a_poisoned_index_entry_is_not_trusted(deep, tmp_path: Path) -> None:
    """The summary index maps a file's identity to its list entry: an entry naming a bad id for
    an unchanged file is ignored, so the id still comes from the validated file."""
    sessions, beside, _ = deep
    path = _real_session(sessions)
    real_id = path.name.split("-")[0]
    old = os.stat(path).st_mtime_ns - 10_000_000_000
    os.utime(path, ns=(old, old))  # old enough to be indexed
    SessionStore(sessions).list()
    index = json.loads((sessions / INDEX_NAME).read_text(encoding="utf-8"))
    index["entries"][path.name]["info"]["id"] = "../../x"
    (sessions / INDEX_NAME).write_text(json.dumps(index), encoding="utf-8")
    assert read_index(sessions, SCHEMA_VERSION) == {}
    assert identity(path.lstat()) == tuple(index["entries"][path.name]["file"])
    assert [info.id for info in SessionStore(sessions).list()] == [real_id]
    assert main(["--sessions", str(sessions), "delete", "../../x", "--yes"]) != 0
    assert beside.read_text(encoding="utf-8") == "precious"


def test_an_import_with_an_unsafe_id_gets_a_new_safe_one(deep, tmp_path: Path) -> None:
    sessions, beside, _ = deep
    store = SessionStore(sessions)
    with store.create("Source") as session:
        snapshot = session.snapshot()
    snapshot["session"]["id"] = "../../x"
    with store.import_snapshot(snapshot) as imported:
        assert imported.id != "../../x" and len(imported.id) == 6
        assert imported.path.parent == sessions
    assert beside.read_text(encoding="utf-8") == "precious"
    assert _outside_untouched(tmp_path, sessions) == []


def test_delete_of_an_unreadable_file_refuses_before_asking(deep, capsys) -> None:
    sessions, _, _ = deep
    evil = _crafted_copy(sessions, "../../x", name="qqqqqq-evil.json")
    from workshop.store.commands import delete_session

    asked = []
    with pytest.raises(WorkshopError, match="left as it is"):
        delete_session(SessionStore(sessions), "qqqqqq", ask=asked.append, interactive=True)
    assert asked == [] and evil.exists()
