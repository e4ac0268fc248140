"""`workshop actions` reads sessions one at a time: neither listing nor the actions across all
sessions keeps any session's data once it has been read (2,000 sessions once held 256 MiB)."""

from __future__ import annotations

import io
from pathlib import Path

from workshop.store import SessionStore
from workshop.store.commands import list_actions


def _store_with_sessions(folder: Path, count: int) -> SessionStore:
    store = SessionStore(folder)
    for n in range(count):
        with store.create(f"Session {n}", agenda=[{"part": "B1"}]) as session:
            session.add_record("action", "B1", title=f"Action {n}", owner="Sam")
            session.add_record("note", "B1", text="a note")
    return store


def test_listing_keeps_no_session_data(sessions_path: Path) -> None:
    _store_with_sessions(sessions_path, 3)
    store = SessionStore(sessions_path)  # no summary index yet for fresh files: all are read
    assert len(store.list()) == 3
    assert [entry[2] for entry in store._cache.values()] == [None, None, None]


def test_actions_across_sessions_are_streamed_and_complete(sessions_path: Path) -> None:
    _store_with_sessions(sessions_path, 3)
    store = SessionStore(sessions_path)
    actions = store.all_actions()
    assert iter(actions) is actions  # a stream, not a list held whole
    assert sorted(a["title"] for _, a in actions) == ["Action 0", "Action 1", "Action 2"]
    assert [entry[2] for entry in store._cache.values()] == [None, None, None]
    out = io.StringIO()
    assert list_actions(store, only_open=True, out=out, wide=True) == 0
    assert all(f"Action {n}" in out.getvalue() for n in range(3))
    assert [entry[2] for entry in store._cache.values()] == [None, None, None]
