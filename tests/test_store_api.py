"""The store's core API: create, change, undo, reopen, list, resolve, import, duplicate."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop.errors import WorkshopError
from workshop.store import SessionStore, StoreError


@pytest.fixture
def store(sessions_path: Path) -> SessionStore:
    return SessionStore(sessions_path)


def test_create_change_reopen_keeps_everything(store: SessionStore) -> None:
    with store.create("Riverton workshop", city="Riverton", date="2026-03-12",
                      agenda=[{"part": "B1", "timebox": 20}, {"part": "B3", "timebox": 30}]) as s:
        note = s.add_record("note", "B1", text="Data is held in silos", author="Table 2")
        action = s.add_record("action", "B3", title="Publish the data charter", owner="CIO",
                              due="2026-06-30")
        s.update_record(action["id"], status="in progress")
        person = s.add_participant(name="Ana Lima", organisation="City council", sector="public")
        s.add_time("B1", 95)
        s.set_ui_state(part="B3", tab="capture")
        s.save_draft("note:B3", "half typed")
        expected = s.snapshot()
        session_id = s.id
    assert note["no"] == 1 and action["no"] == 1 and note["id"] != action["id"]
    assert person["id"].startswith("p")
    with store.open(session_id) as again:
        assert again.snapshot() == expected
        assert again.record(action["id"])["status"] == "in progress"
        assert again.agenda[0] == {"part": "B1", "timebox": 20, "spent": 95}
        assert again.ui_state == {"part": "B3", "tab": "capture"}
        assert again.drafts == {"note:B3": "half typed"}
        assert [r["kind"] for r in again.records()] == ["note", "action"]
        assert again.records(kind="note", part="B1")[0]["text"] == "Data is held in silos"


def test_undo_survives_restart_and_skips_ui_state(store: SessionStore) -> None:
    with store.create("Undo") as s:
        first = s.add_record("idea", "B2", text="one")
        s.add_record("idea", "B2", text="two")
        s.update_record(first["id"], text="one, edited")
        s.set_ui_state(part="B2")
        sid = s.id
    with store.open(sid) as s:
        assert s.undo_label == "edit idea 1"
        assert s.undo() == ["edit idea 1"]
        assert s.record(first["id"])["text"] == "one"
        assert s.undo(5) == ["add idea 2", "add idea 1"]
        assert s.records() == [] and s.undo() == [] and s.undo_label == ""
        assert s.ui_state == {"part": "B2"}  # not undone
        again = s.add_record("idea", "B2", text="three")
        assert again["no"] == 1  # undone numbers are given again


def test_delete_cascades_votes_and_undo_restores_them(store: SessionStore) -> None:
    with store.create("Votes") as s:
        idea = s.add_record("idea", "B4", text="Shared sensor network")
        vote = s.add_record("vote", "B4", target=idea["id"], dots=3, voter="Table 1")
        other = s.add_record("note", "B4", text="keep me")
        s.delete_record(idea["id"])
        assert [r["id"] for r in s.records()] == [other["id"]]
        assert s.undo() == ["delete idea 1"]
        assert [r["id"] for r in s.records()] == [idea["id"], vote["id"], other["id"]]


def test_validation_errors_change_nothing(store: SessionStore) -> None:
    with store.create("Checks") as s:
        rating = s.add_record("rating", "B1", current=2, target_level=4)
        before = s.path.read_bytes()
        with pytest.raises(WorkshopError, match="rating current must be 1-5"):
            s.update_record(rating["id"], current=9)
        with pytest.raises(WorkshopError, match="unknown record kind"):
            s.add_record("poem", "B1", text="x")
        with pytest.raises(WorkshopError, match="cannot be changed"):
            s.update_record(rating["id"], kind="note")
        with pytest.raises(WorkshopError, match="not a date"):
            s.update_meta(date="12/03/2026")
        with pytest.raises(StoreError, match="no record"):
            s.delete_record("nope")
        assert s.path.read_bytes() == before
        assert s.record(rating["id"])["current"] == 2


def test_getters_return_copies(store: SessionStore) -> None:
    with store.create("Copies") as s:
        s.add_record("note", "B1", text="original")
        s.records()[0]["text"] = "changed outside"
        s.meta["title"] = "changed outside"
        assert s.records()[0]["text"] == "original"
        assert s.meta["title"] == "Copies"


def test_list_resolve_and_candidates(store: SessionStore) -> None:
    a = store.create("Alpha workshop", city="Riverton")
    a.add_record("action", "B1", title="x")
    a.add_record("action", "B1", title="y", status="done")
    a.close()
    b = store.create("Beta workshop")
    b.close()
    infos = store.list()
    assert [i.title for i in infos][:2] in (["Beta workshop", "Alpha workshop"],
                                            ["Alpha workshop", "Beta workshop"])
    alpha = next(i for i in infos if i.title == "Alpha workshop")
    assert alpha.open_actions == 1 and alpha.record_count == 2 and alpha.readable
    assert store.resolve("Alpha workshop").id == a.id
    assert store.resolve(a.id[:4]).id == a.id or a.id[:4] == b.id[:4]
    with pytest.raises(WorkshopError, match="no session 'Gamma'.*Alpha workshop"):
        store.resolve("Gamma")
    c = store.create("Alpha workshop")
    c.close()
    with pytest.raises(WorkshopError, match="matches 2 sessions"):
        store.resolve("Alpha workshop")
    assert store.resolve(c.id).id == c.id


def test_import_snapshot_and_duplicate(store: SessionStore) -> None:
    with store.create("Source", city="Riverton", agenda=[{"part": "B1", "timebox": 10}]) as s:
        s.add_participant(name="Ana", sector="citizen")
        s.add_record("note", "B1", text="n")
        s.add_time("B1", 60)
        snap = s.snapshot()
        sid = s.id
    with store.import_snapshot(snap) as copy:
        other = copy.snapshot()
        assert copy.id != sid
        assert other["session"]["id"] == copy.id
        assert other["session"]["copy_of"] == sid  # a copy names its original
        assert {**other, "session": {**other["session"], "id": sid, "copy_of": ""}} == snap
        assert copy.add_record("note", "B1", text="m")["no"] == 2
    with store.duplicate(sid, "Next time") as dup:
        assert dup.records() == [] and dup.meta["status"] == "planned"
        assert dup.agenda == [{"part": "B1", "timebox": 10, "spent": 0}]
        assert [p["name"] for p in dup.participants] == ["Ana"]
    with pytest.raises(WorkshopError, match="not a workshop session export"):
        store.import_snapshot({"format": "other"})


def test_known_parts_are_enforced(sessions_path: Path) -> None:
    store = SessionStore(sessions_path, known_parts=["B1", "B2"])
    with pytest.raises(WorkshopError, match="unknown part id"):
        store.create("x", agenda=[{"part": "Z9", "timebox": 5}])
    with store.create("y") as s, pytest.raises(WorkshopError, match="unknown part 'Z9'"):
        s.add_record("note", "Z9", text="t")


def test_delete_moves_to_trash(store: SessionStore, sessions_path: Path) -> None:
    s = store.create("Bin me")
    s.close()
    moved = store.delete(s.id)
    assert moved.parent == sessions_path / ".trash" and moved.exists()
    assert not s.path.exists()
    assert store.list() == []


def test_delete_never_overwrites_a_trashed_file(store: SessionStore, sessions_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The file's name and its timestamped name are both taken in the trash: a numbered name is
    used, every trashed file keeps its content, and both folders are fsynced after the move."""
    import datetime as dt

    from workshop.store import core

    with store.create("Bin me") as s:
        s.add_record("note", "B1", text="the one being deleted")
        path, session_id = s.path, s.id
    trash = sessions_path / ".trash"
    trash.mkdir(mode=0o700)
    earlier = {trash / path.name: b"trashed first"}
    now = dt.datetime.now()
    for seconds in range(3):  # whichever second delete() runs in, its stamp is taken
        stamp = (now + dt.timedelta(seconds=seconds)).strftime("%Y%m%d-%H%M%S")
        earlier[trash / f"{path.stem}.{stamp}{path.suffix}"] = f"trashed at {stamp}".encode()
    for file, content in earlier.items():
        file.write_bytes(content)
    synced: list[Path] = []
    real_fsync_dir = core.fsync_dir
    monkeypatch.setattr(core, "fsync_dir", lambda f: (synced.append(Path(f)), real_fsync_dir(f)))
    moved = store.delete(session_id)
    assert moved.parent == trash and moved not in earlier
    assert moved.name.startswith(path.stem + ".") and moved.name.endswith(f"-2{path.suffix}")
    assert b"the one being deleted" in moved.read_bytes()
    assert {file: file.read_bytes() for file in earlier} == earlier
    assert not path.exists()
    assert {trash, sessions_path} <= set(synced)
