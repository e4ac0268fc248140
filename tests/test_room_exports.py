"""Room contributions in the exports: an idea sent from a phone says it came from the room (in
Markdown and HTML), with its dot total, and the JSON export keeps every room field so that
import is lossless."""

from __future__ import annotations

import json

from tests.room_support import make_session
from workshop.export import render
from workshop.store import SessionStore


def room_snapshot(tmp_path, guide):
    with make_session(tmp_path / "s", guide) as session:
        idea = session.add_record("idea", "B3", text="Shared bikes", via="room", device="dabc")
        session.add_record("vote", "B3", target=idea["id"], dots=3, via="room", device="dxyz")
        session.add_record("idea", "B3", text="Typed by the facilitator", author="Table 2")
        session.add_record("idea", "B3", text="Hidden one", via="room", device="dq", hidden=True)
        return session.snapshot()


def test_room_ideas_say_they_came_from_the_room(tmp_path, guide):
    snapshot = room_snapshot(tmp_path, guide)
    markdown = render(snapshot, "md", guide=guide)
    room_line = next(line for line in markdown.splitlines()
                     if "Shared bikes" in line and "Idea #" in line)  # the discussion entry
    assert "3 dots" in room_line and "from the room" in room_line
    typed = next(line for line in markdown.splitlines()
                 if "Typed by the facilitator" in line and "Idea #" in line)
    assert "from the room" not in typed
    assert "from the room" in render(snapshot, "html", guide=guide)


def test_json_export_and_import_keep_the_room_fields(tmp_path, guide):
    snapshot = room_snapshot(tmp_path, guide)
    exported = json.loads(render(snapshot, "json", guide=guide))
    store = SessionStore(tmp_path / "imported", known_parts=[p.id for p in guide.parts])
    with store.import_snapshot(exported) as session:
        again = session.snapshot()["records"]
    assert [(r["via"], r["device"], r["hidden"], r["pending"]) for r in again] == [
        (r["via"], r["device"], r["hidden"], r["pending"]) for r in snapshot["records"]]
    assert again[0]["via"] == "room" and again[3]["hidden"] is True


def test_ratings_show_their_spread_per_level_and_flag_dissent(tmp_path, guide):
    rec = guide.part("B3").recommendations[0].id
    with make_session(tmp_path / "s", guide) as session:
        for now in (1, 3, 5):
            session.add_record("rating", "B3", rec=rec, current=now, target_level=5,
                               via="room", device=f"d{now}")
        snapshot = session.snapshot()
    markdown = render(snapshot, "md", guide=guide)
    line = next(line for line in markdown.splitlines() if "now 1/0/1/0/1" in line)
    assert "spread 1.6" in line and "target 0/0/0/0/3 (spread 0.0)" in line
    assert "views differ widely" in line
