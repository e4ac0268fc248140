"""The undo history inside a session file is validated like the live data: a bad entry makes the
file unreadable with a clear reason (never written), and undo never raises anything but
StoreError nor writes back a document the open check would refuse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from workshop.store import SessionStore, StoreError


@pytest.fixture
def store(sessions_path: Path) -> SessionStore:
    return SessionStore(sessions_path)


def _session_with_an_edit(store: SessionStore) -> tuple[str, Path]:
    """A session whose last undo entry holds the before-image of a note."""
    with store.create("Journal session") as s:
        note = s.add_record("note", "B1", text="first")
        s.update_record(note["id"], text="second")
        return s.id, s.path


def _last_entry(data: dict[str, Any]) -> dict[str, Any]:
    journal = data["journal"]
    return journal[max(journal, key=int)]


def _rewrite(path: Path, change: Any) -> bytes:
    data = orjson.loads(path.read_bytes())
    change(data)
    raw = orjson.dumps(data)
    path.write_bytes(raw)
    return raw


def _add_unknown_field(data: dict[str, Any]) -> None:
    _last_entry(data)["changes"][0][2]["colour"] = "red"


@pytest.mark.parametrize(("damage", "reason"), [
    (_add_unknown_field, "unknown field(s) colour"),
    (lambda d: _last_entry(d).pop("changes"), "not {label, at, changes}"),
    (lambda d: _last_entry(d).pop("label"), "not {label, at, changes}"),
    (lambda d: _last_entry(d).update(label=7), "label or time is not text"),
    (lambda d: _last_entry(d).update(changes={"records": 1}), "changes is not a list"),
    (lambda d: _last_entry(d)["changes"].append(["records", 2]), "not [table, doc id, before]"),
    (lambda d: _last_entry(d)["changes"].append(["votes", 2, None]), "not an undoable table"),
    (lambda d: _last_entry(d)["changes"].append(["journal", 1, None]), "not an undoable table"),
    (lambda d: _last_entry(d)["changes"].append(["records", "2", None]), "not a whole number"),
    (lambda d: _last_entry(d)["changes"].append(["records", True, None]), "not a whole number"),
    (lambda d: _last_entry(d)["changes"].append(["records", 9, [1]]), "is not an object"),
    (lambda d: _last_entry(d)["changes"].append(["session", 1, None]), "remove the session"),
    (lambda d: _last_entry(d)["changes"].append(["agenda", 1, {"items": [{"part": ""}]}]),
     "needs a part id"),
    (lambda d: _last_entry(d)["changes"].append(["participants", 4, {"name": 3}]),
     "'name' must be str"),
    (lambda d: _last_entry(d)["changes"].append(["session", 1, {"date": "tomorrow"}]),
     "not a date"),
    (lambda d: _last_entry(d)["changes"].append(
        ["store", 1, {"format": "workshop-session-store", "schema": 1, "id": "other",
                      "counters": {}}]), "another session"),
    (lambda d: _last_entry(d)["changes"][0][2].update(kind="poem"), "unknown record kind"),
])
def test_a_bad_undo_entry_makes_the_file_unreadable_and_it_is_never_written(
    store: SessionStore, damage: Any, reason: str
) -> None:
    session_id, path = _session_with_an_edit(store)
    raw = _rewrite(path, damage)
    info = {i.id: i for i in store.list()}[session_id]
    assert info.readable is False
    assert "bad content: undo history entry" in info.reason
    assert reason in info.reason
    with pytest.raises(StoreError, match="cannot open .*undo history entry"):
        store.open(session_id)
    assert path.read_bytes() == raw


def test_undo_can_no_longer_write_back_a_bad_record(store: SessionStore) -> None:
    """The reviewer's reproduction: a saved record with an unknown field. It used to open, and
    undo made it live data, after which the session could not be opened at all."""
    session_id, path = _session_with_an_edit(store)
    raw = _rewrite(path, _add_unknown_field)
    with pytest.raises(StoreError, match="unknown field"), store.open(session_id) as s:
        s.undo()
    assert path.read_bytes() == raw


def test_a_good_journal_still_opens_and_undoes(store: SessionStore) -> None:
    session_id, _ = _session_with_an_edit(store)
    with store.open(session_id) as s:
        s.add_participant(name="Maya", sector="public")
        s.set_agenda([{"part": "B1", "timebox": 20}])
        s.update_meta(city="Riverside")
    with store.open(session_id) as s:
        assert s.undo(5) == ["edit session city", "change agenda", "add participant Maya",
                             "edit note 1", "add note 1"]
        assert s.records() == [] and s.participants == [] and s.agenda == []
    with store.open(session_id) as s:
        assert s.meta["city"] == "" and s.undo_depth == 0


@pytest.mark.parametrize("damage", [
    lambda e: e.pop("changes"),
    lambda e: e.pop("label"),
    lambda e: e["changes"].append(["records"]),
    lambda e: e["changes"][0][2].update(colour="red"),
])
def test_undo_of_a_damaged_entry_in_memory_raises_store_error_and_changes_nothing(
    store: SessionStore, damage: Any
) -> None:
    """Defence in depth: should memory ever hold a bad entry, undo says so (no KeyError)."""
    session_id, path = _session_with_an_edit(store)
    with store.open(session_id) as s:
        before = path.read_bytes()
        damage(_last_entry(s._storage.read()))
        assert isinstance(s.undo_label, str) and s.undo_label
        with pytest.raises(StoreError, match="undo history .* is damaged"):
            s.undo()
        assert path.read_bytes() == before
        assert s.records()[0]["text"] == "second"
    with store.open(session_id) as s:  # the file on disk was never touched
        assert s.undo() == ["edit note 1"]
