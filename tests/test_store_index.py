"""The sessions folder's summary index (.index.json): used only while a file is unchanged, rebuilt
when missing or damaged, never hiding an unreadable file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from workshop.store import SessionStore
from workshop.store import core as core_module
from workshop.store.index import INDEX_NAME, read_index
from workshop.store.migrate import SCHEMA_VERSION, FileProblem


def _age(folder: Path, seconds: float = 60) -> None:
    """Make every session file look changed `seconds` ago (older than the racy window)."""
    past = time.time() - seconds
    for path in folder.glob("*.json"):
        if not path.name.startswith("."):
            os.utime(path, (past, past))


def _make(store: SessionStore, title: str, notes: int = 2) -> str:
    with store.create(title, city="Harbourford", agenda=[{"part": "B1", "timebox": 10}]) as s:
        for n in range(notes):
            s.add_record("note", "B1", text=f"note {n}")
        s.add_record("action", "B1", title="Do it", owner="Sam")
        return s.id


def _no_file_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path):
        raise AssertionError(f"read {path.name} although the index matched it")

    monkeypatch.setattr(core_module, "load_file", refuse)


@pytest.fixture
def folder(sessions_path: Path) -> Path:
    store = SessionStore(sessions_path)
    _make(store, "First", notes=1)
    _make(store, "Second", notes=3)
    _age(sessions_path)
    return sessions_path


def test_listing_writes_an_index_that_a_new_process_uses_without_reading_files(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = SessionStore(folder).list()
    assert (folder / INDEX_NAME).is_file()
    assert len(read_index(folder, SCHEMA_VERSION)) == 2
    _no_file_reads(monkeypatch)
    after = SessionStore(folder).list()  # a fresh store: no in-memory cache
    assert after == before
    assert {(i.title, i.record_count, i.open_actions) for i in after} == {
        ("First", 2, 1), ("Second", 4, 1)}


def test_a_changed_file_is_read_again_not_taken_from_the_index(folder: Path) -> None:
    store = SessionStore(folder)
    store.list()
    first = next(i for i in store.list() if i.title == "First")
    stat = first.file.stat()
    with SessionStore(folder).open(first.id) as s:
        s.add_record("note", "B1", text="x")  # same length as the other notes' text change
    os.utime(first.file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    listed = next(i for i in SessionStore(folder).list() if i.id == first.id)
    assert listed.record_count == first.record_count + 1


def test_a_file_replaced_by_garbage_is_listed_unreadable_despite_its_index_entry(
        folder: Path) -> None:
    SessionStore(folder).list()
    victim = sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))[0]
    victim.write_bytes(b"{ not json")
    infos = {i.file.name: i for i in SessionStore(folder).list()}
    assert not infos[victim.name].readable
    assert "not valid JSON" in infos[victim.name].reason
    assert victim.read_bytes() == b"{ not json"  # never written
    assert victim.name not in read_index(folder, SCHEMA_VERSION)  # unreadable: not indexed


@pytest.mark.parametrize("damage", [
    b"", b"garbage", b"[]", b'{"version": 99, "schema": 1, "entries": {}}',
    b'{"version": 1, "schema": 1, "entries": {"x.json": {"file": [1, 2], "info": {}}}}',
])
def test_a_damaged_index_is_ignored_and_rebuilt(folder: Path, damage: bytes) -> None:
    expected = SessionStore(folder).list()
    (folder / INDEX_NAME).write_bytes(damage)
    assert SessionStore(folder).list() == expected
    assert len(read_index(folder, SCHEMA_VERSION)) == 2


def test_an_index_entry_with_wrong_field_types_distrusts_the_whole_index(folder: Path) -> None:
    SessionStore(folder).list()
    parsed = orjson.loads((folder / INDEX_NAME).read_bytes())
    name = next(iter(parsed["entries"]))
    parsed["entries"][name]["info"]["record_count"] = "many"
    (folder / INDEX_NAME).write_bytes(orjson.dumps(parsed))
    assert read_index(folder, SCHEMA_VERSION) == {}
    assert all(isinstance(i.record_count, int) for i in SessionStore(folder).list())


def test_an_index_of_another_schema_is_not_trusted(folder: Path) -> None:
    SessionStore(folder).list()
    assert read_index(folder, SCHEMA_VERSION + 1) == {}


def test_unreadable_files_are_read_every_time_so_their_reason_stays_current(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = folder / "zzzzzz-bad.json"
    bad.write_bytes(b"[1, 2]")
    _age(folder)
    SessionStore(folder).list()
    assert bad.name not in read_index(folder, SCHEMA_VERSION)
    reads: list[str] = []
    real = core_module.load_file

    def counting(path: Path):
        reads.append(path.name)
        return real(path)

    monkeypatch.setattr(core_module, "load_file", counting)
    infos = {i.file.name: i for i in SessionStore(folder).list()}
    assert reads == [bad.name]
    assert not infos[bad.name].readable and "not a session file" in infos[bad.name].reason


def test_files_changed_just_now_are_not_indexed_yet(sessions_path: Path) -> None:
    store = SessionStore(sessions_path)
    _make(store, "Fresh")
    store.list()
    assert read_index(sessions_path, SCHEMA_VERSION) == {}
    assert not (sessions_path / INDEX_NAME).exists()  # nothing to index: nothing written
    _age(sessions_path)
    store.list()
    assert len(read_index(sessions_path, SCHEMA_VERSION)) == 1


def test_an_index_that_cannot_be_written_is_no_error(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workshop.store import storage

    def refuse(path: Path, payload: bytes) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(storage, "write_atomically", refuse)
    assert [i.title for i in SessionStore(folder).list() if i.readable] != []
    assert not (folder / INDEX_NAME).exists()


def test_deleted_sessions_leave_the_index_and_the_index_is_never_listed(folder: Path) -> None:
    store = SessionStore(folder)
    infos = store.list()
    store.delete(infos[0].id)
    left = SessionStore(folder).list()
    assert [i.id for i in left] == [infos[1].id]
    assert set(read_index(folder, SCHEMA_VERSION)) == {infos[1].file.name}
    assert all(not i.file.name.startswith(".") for i in left)


def test_open_still_validates_deeply_even_when_the_index_matched(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SessionStore(folder)
    info = store.list()[0]

    def problem(path: Path):
        raise FileProblem("bad content: simulated")

    monkeypatch.setattr(core_module, "load_file", problem)
    with pytest.raises(Exception, match="simulated"):
        SessionStore(folder).open(info.id)
