"""Property: any sequence of add / edit / delete / undo, closed and reopened, gives back the same
session; and undo really returns to the state before the undone changes."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop.store import SessionStore

texts = st.text(max_size=30)
ops = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(["note", "idea", "action", "rating"]),
                  st.sampled_from(["B1", "B3", "C"]), texts),
        st.tuples(st.just("edit"), st.integers(0, 20), texts),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("undo"), st.integers(1, 3)),
        st.tuples(st.just("meta"), texts),
        st.tuples(st.just("person"), texts),
        st.tuples(st.just("ui"), texts),
    ),
    max_size=25,
)


def _content(snapshot: dict[str, Any]) -> dict[str, Any]:
    """What undo restores: everything except the session's last-change time and ui state."""
    return {**snapshot, "session": {**snapshot["session"], "updated": ""}, "ui": {}}


def _fields(kind: str, text: str) -> dict[str, Any]:
    if kind == "action":
        return {"title": text}
    if kind == "rating":
        return {"current": 1 + len(text) % 5, "target_level": 5, "comment": text}
    return {"text": text}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops)
def test_any_sequence_survives_reopen_and_undo_is_exact(sequence: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = SessionStore(Path(tmp) / "sessions")
        session = store.create("Property")
        history = [_content(session.snapshot())]  # content after each undoable change
        for op in sequence:
            records = session.records()
            if op[0] == "add":
                _, kind, part, text = op
                session.add_record(kind, part, **_fields(kind, text))
            elif op[0] == "edit" and records:
                record = records[op[1] % len(records)]
                new = _fields(record["kind"], op[2])
                if all(record[k] == v for k, v in new.items()):
                    continue  # no change, no undo entry
                session.update_record(record["id"], **new)
            elif op[0] == "delete" and records:
                session.delete_record(records[op[1] % len(records)]["id"])
            elif op[0] == "undo":
                undone = session.undo(op[1])
                expected_steps = min(op[1], len(history) - 1)
                assert len(undone) == expected_steps
                if expected_steps:
                    del history[-expected_steps:]
                assert _content(session.snapshot()) == history[-1]
                continue
            elif op[0] == "meta":
                if session.meta["purpose"] == op[1]:
                    continue
                session.update_meta(purpose=op[1])
            elif op[0] == "person" and op[1].strip():
                session.add_participant(name=op[1], sector="citizen")
            elif op[0] == "ui":
                session.set_ui_state(last=op[1])
                continue
            else:
                continue
            history.append(_content(session.snapshot()))
        before = session.snapshot()
        label = session.undo_label
        session.close()
        with store.open(session.id) as again:
            assert again.snapshot() == before
            assert again.undo_label == label
            # undo keeps working after the restart, all the way back
            again.undo(len(history) - 1)
            assert _content(again.snapshot()) == history[0]
