"""What the moderator hid or has not yet approved stays out of the documents (a hidden idea is a
duplicate or off-topic; a pending one is not yet agreed to be shown), while the JSON export keeps
every record so that import stays lossless."""

from __future__ import annotations

import json

import pytest

from tests.room_support import make_session
from workshop.export import render


@pytest.mark.parametrize("fmt", ["md", "html", "csv"])
def test_hidden_and_pending_contributions_are_left_out_of_documents(tmp_path, guide, fmt):
    with make_session(tmp_path / "s", guide) as session:
        session.add_record("idea", "B3", text="Kept bikes idea", via="room", device="d1")
        hidden = session.add_record("idea", "B3", text="Duplicate bikes idea", via="room",
                                    device="d2", hidden=True)
        session.add_record("idea", "B3", text="Awaiting approval idea", via="room", device="d3",
                           pending=True)
        session.add_record("vote", "B3", target=hidden["id"], dots=2, via="room", device="d4")
        snapshot = session.snapshot()
    text = render(snapshot, fmt, guide=guide, **({"what": "notes"} if fmt == "csv" else {}))
    text = text.decode("utf-8-sig") if isinstance(text, bytes) else text
    assert "Kept bikes idea" in text
    assert "Duplicate bikes idea" not in text
    assert "Awaiting approval idea" not in text
    exported = json.loads(render(snapshot, "json", guide=guide))
    texts = {r.get("text") for r in exported["records"]}
    assert {"Duplicate bikes idea", "Awaiting approval idea"} <= texts


def test_a_shown_again_idea_is_back_in_the_documents(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        idea = session.add_record("idea", "B3", text="Back again idea", hidden=True)
        assert "Back again idea" not in render(session.snapshot(), "md", guide=guide)
        session.update_record(idea["id"], hidden=False)
        assert "Back again idea" in render(session.snapshot(), "md", guide=guide)
