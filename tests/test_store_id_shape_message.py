"""A refused session id is explained by what an id looks like (the alphabet has no 0, 1, 8, 9:
"6 letters and digits" would send people looking for a typo that is not there)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from workshop.errors import WorkshopError
from workshop.store import SessionStore


def test_a_stored_id_outside_the_alphabet_is_refused_with_the_shape(sessions_path: Path) -> None:
    with SessionStore(sessions_path).create("Kickoff") as session:
        path = session.path
    data = orjson.loads(path.read_bytes())
    data["store"]["1"]["id"] = data["session"]["1"]["id"] = "abc123"
    data["journal"] = {}
    (sessions_path / "odd.json").write_bytes(orjson.dumps(data))
    infos = {i.file.name: i for i in SessionStore(sessions_path).list()}
    assert "'abc123' is not a workshop id (6 characters from a-z and 2-7, like 6v33ur)" in (
        infos["odd.json"].reason)


def test_a_lock_for_a_bad_id_names_the_shape(sessions_path: Path) -> None:
    store = SessionStore(sessions_path)
    with pytest.raises(WorkshopError, match=r"from a-z and 2-7, like 6v33ur"):
        store._lock("abc123")
