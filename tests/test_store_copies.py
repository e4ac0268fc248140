"""Session.records() and snapshot() hand out deep copies (copied per record kind for speed):
identical to a full JSON round trip, and changing them never changes the session."""

from __future__ import annotations

from pathlib import Path

import orjson

from workshop.records import FORMAT_NAME
from workshop.store import SessionStore


def rich_session(sessions_path: Path):
    store = SessionStore(sessions_path)
    session = store.create("Copies", agenda=[{"part": "B1", "timebox": 10}])
    person = session.add_participant(name="Ana", organisation="City", kind="person")
    session.add_record("note", "B1", text="plain")
    session.add_record("engagement", "B1", stakeholders=[person["id"]], channels=["workshop"],
                       level="involve")
    session.add_record("risk", "B1", title="Silos", answers={"Who owns it?": "nobody"})
    session.add_record("benefit", "B1", title="Faster", beneficiaries=["riders"], parts=["B1"])
    session.add_record("action", "B1", title="Publish", owner="Sam", due="2030-01-31")
    return session


def round_trip(value):
    return orjson.loads(orjson.dumps(value))


def test_records_are_deep_copies_equal_to_a_json_round_trip(sessions_path: Path) -> None:
    with rich_session(sessions_path) as session:
        docs = session._sorted("records")
        assert session.records() == round_trip(docs)
        copies = session.records()
        for copy in copies:  # change every nested value handed out
            copy["text"] = "changed"
            for value in copy.values():
                if isinstance(value, list):
                    value.append("intruder")
                elif isinstance(value, dict):
                    value["intruder"] = "x"
        assert session.records() == round_trip(docs)
        engagement = session.records(kind="engagement")[0]
        assert engagement["channels"] == ["workshop"] and engagement["origin"] is None
        assert session.records(kind="risk")[0]["answers"] == {"Who owns it?": "nobody"}


def test_snapshot_keeps_its_documented_order_and_is_a_copy(sessions_path: Path) -> None:
    with rich_session(sessions_path) as session:
        session.set_ui_state(item=1)
        snapshot = session.snapshot()
        assert list(snapshot) == ["format", "format_version", "session", "agenda",
                                  "participants", "records", "ui"]
        assert snapshot["format"] == FORMAT_NAME
        assert snapshot == round_trip(snapshot)
        assert snapshot["records"] == session.records()
        snapshot["records"][1]["stakeholders"].clear()
        snapshot["participants"][0]["name"] = "changed"
        snapshot["ui"]["item"] = 9
        again = session.snapshot()
        assert again["records"][1]["stakeholders"] and again["participants"][0]["name"] == "Ana"
        assert again["ui"]["item"] == 1


def test_a_carried_over_record_keeps_its_origin_apart(sessions_path: Path) -> None:
    with rich_session(sessions_path) as session:
        data = session._storage.read()
        key = next(k for k, doc in data["records"].items() if doc["kind"] == "note")
        data["records"][key]["origin"] = {"session": "abc123", "record": "r1"}
        copy = session.records(kind="note")[0]
        copy["origin"]["session"] = "changed"
        assert data["records"][key]["origin"]["session"] == "abc123"


def test_records_and_participants_returned_by_changes_are_copies(sessions_path: Path) -> None:
    """Changing what add_/update_ returned must not reach the session (nor the next save)."""
    store = SessionStore(sessions_path)
    with store.create("Returned copies") as s:
        engagement = s.add_record("engagement", "B1", stakeholders=["p1"], channels=["workshop"])
        benefit = s.add_record("benefit", "B1", title="Faster buses", beneficiaries=["riders"])
        risk = s.add_record("risk", "B1", title="Silos", answers={"q": "yes"})
        edited = s.update_record(engagement["id"], channels=["survey"])
        unchanged = s.update_record(risk["id"], title="Silos")  # no change: the current record
        person = s.add_participant(name="Maya")
        renamed = s.update_participant(person["id"], name="Maya O.")
        engagement["stakeholders"].append("p9")
        edited["channels"].append("press")
        edited["stakeholders"].clear()
        benefit["beneficiaries"].append("drivers")
        risk["answers"]["q"] = "no"
        unchanged["answers"]["q2"] = "maybe"
        person["name"] = "Mallory"
        renamed["name"] = "Mallory"
        s.add_record("note", "B1", text="another save writes the whole file")
        session_id = s.id
    with store.open(session_id) as s:
        assert s.record(engagement["id"])["stakeholders"] == ["p1"]
        assert s.record(engagement["id"])["channels"] == ["survey"]
        assert s.record(benefit["id"])["beneficiaries"] == ["riders"]
        assert s.record(risk["id"])["answers"] == {"q": "yes"}
        assert [p["name"] for p in s.participants] == ["Maya O."]
