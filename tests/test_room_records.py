"""Room contributions in the store: the record fields they need (origin, device, hidden,
pending), old files opening with defaults, the room's settings per agenda item, and the group
commit that writes several changes in one atomic save."""

from __future__ import annotations

import orjson
import pytest

from workshop.errors import WorkshopError
from workshop.records import normalise_record
from workshop.store import SessionStore
from workshop.store.room_settings import (
    ACTIVITIES,
    activity,
    normalise_room_settings,
    room_settings,
    save_room_settings,
)


@pytest.fixture
def store(tmp_path):
    return SessionStore(tmp_path / "sessions")


def test_records_carry_room_fields_with_facilitator_defaults():
    record = normalise_record({"id": "r1", "kind": "idea", "part": "B1", "text": "x"})
    assert record["via"] == "" and record["device"] == ""
    assert record["hidden"] is False and record["pending"] is False
    room = normalise_record({"id": "r2", "kind": "idea", "part": "B1", "via": "room",
                             "device": "d-abc", "pending": True})
    assert room["via"] == "room" and room["pending"] is True


@pytest.mark.parametrize("field, value", [("via", "phone"), ("hidden", "yes"), ("pending", 1),
                                          ("device", 7)])
def test_bad_room_fields_are_refused(field, value):
    with pytest.raises(WorkshopError, match=field):
        normalise_record({"id": "r1", "kind": "idea", "part": "B1", field: value})


def test_an_old_session_file_without_room_fields_opens_with_defaults(store):
    with store.create("Old", agenda=[{"part": "B1"}]) as session:
        session.add_record("idea", "B1", text="kept")
        path = session.path
    data = orjson.loads(path.read_bytes())
    for doc in data["records"].values():
        for name in ("via", "device", "hidden", "pending"):
            del doc[name]
    path.write_bytes(orjson.dumps(data))
    with store.open("Old") as session:
        (idea,) = session.records("idea")
        assert idea["text"] == "kept" and idea["via"] == "" and idea["hidden"] is False


def test_room_settings_default_closed_and_survive_reopening(store):
    with store.create("Room", agenda=[{"part": "B1"}, {"part": "B3"}]) as session:
        settings = room_settings(session)
        assert settings["names"] == "off" and settings["premoderation"] is False
        assert not activity(settings, "B1", "ideas")["open"]
        settings["parts"]["B3"] = {"dots": {"open": True, "revealed": False, "budget": 5}}
        settings["current"] = "B3"
        save_room_settings(session, settings)
    with store.open("Room") as session:
        settings = room_settings(session)
        assert settings["current"] == "B3"
        assert activity(settings, "B3", "dots") == {"open": True, "revealed": False, "budget": 5}
        assert activity(settings, "B3", "poll")["options"] == []


@pytest.mark.parametrize("bad", [
    {"names": "sometimes"},
    {"premoderation": "no"},
    {"parts": {"B1": {"juggling": {"open": True}}}},
    {"parts": {"B1": {"dots": {"open": True, "budget": 0}}}},
    {"parts": {"B1": {"poll": {"open": True, "options": [{"id": "x", "text": 3}]}}}},
    {"parts": {"B1": {"ideas": {"open": "yes"}}}},
    {"secret": "x"},
])
def test_damaged_room_settings_are_refused(bad):
    with pytest.raises(WorkshopError):
        normalise_room_settings(bad)


def test_damaged_stored_settings_read_as_a_closed_room(store):
    with store.create("Room", agenda=[{"part": "B1"}]) as session:
        session.set_ui_state(room={"names": 5})
        settings = room_settings(session)
        assert settings["names"] == "off" and settings["parts"] == {}
        assert set(ACTIVITIES) == {"ideas", "dots", "rating", "poll"}


def test_a_batch_of_changes_is_one_atomic_write(store, monkeypatch):
    with store.create("Batch", agenda=[{"part": "B1"}]) as session:
        writes = []
        from workshop.store import storage

        real = storage.write_atomically
        monkeypatch.setattr(storage, "write_atomically",
                            lambda path, payload: (writes.append(path), real(path, payload)))
        with session.batch():
            for n in range(20):
                session.add_record("idea", "B1", text=f"idea {n}", via="room", device="d1")
        assert len(writes) == 1
        path = session.path
    on_disk = orjson.loads(path.read_bytes())
    assert len(on_disk["records"]) == 20


def test_a_failed_batch_leaves_nothing_behind(store):
    with store.create("Batch", agenda=[{"part": "B1"}]) as session:
        session.add_record("idea", "B1", text="before")
        with pytest.raises(RuntimeError), session.batch():
            session.add_record("idea", "B1", text="lost with its batch")
            raise RuntimeError("boom")
        assert [r["text"] for r in session.records("idea")] == ["before"]
        session.add_record("idea", "B1", text="after")
        assert len(session.records("idea")) == 2


def test_a_deferred_batch_is_on_disk_only_once_its_write_ran(store):
    with store.create("Deferred", agenda=[{"part": "B1"}]) as session:
        with session.batch(defer=True) as pending:
            session.add_record("idea", "B1", text="deferred idea")
        assert len(pending) == 1
        assert "deferred idea" not in session.path.read_text()
        pending[0]()
        assert "deferred idea" in session.path.read_text()


def test_an_older_deferred_write_never_replaces_a_newer_save(store):
    with store.create("Deferred", agenda=[{"part": "B1"}]) as session:
        with session.batch(defer=True) as pending:
            session.add_record("idea", "B1", text="from the room")
        session.add_record("note", "B1", text="typed by the facilitator meanwhile")
        pending[0]()  # late: the facilitator's save already holds the room's idea
        on_disk = orjson.loads(session.path.read_bytes())
        texts = {doc["text"] for doc in on_disk["records"].values()}
        assert texts == {"from the room", "typed by the facilitator meanwhile"}
