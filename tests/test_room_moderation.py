"""Moderating room contributions (issue 12): hide, approve, merge duplicates (votes follow the
kept idea; one undo brings everything back), in the core and in the walkthrough."""

from __future__ import annotations

from pathlib import Path

import pytest
from keys_support import burst
from textual.widgets import DataTable

from workshop import moderation
from workshop.errors import WorkshopError
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.walkthrough import WalkthroughScreen


@pytest.fixture
def session(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    with store.create("Moderation", agenda=[{"part": "B3"}]) as opened:
        yield opened


def room_idea(session, text: str, **fields):
    return session.add_record("idea", "B3", text=text, via="room", device="d-1", **fields)


def test_merge_moves_votes_hides_duplicate_and_undoes_in_one_step(session) -> None:
    keep = session.add_record("idea", "B3", text="Open data portal")
    dup = room_idea(session, "open data portal!!")
    session.add_record("vote", "B3", voter="Ann", dots=2, target=dup["id"])
    session.add_record("vote", "B3", voter="Bo", dots=1, target=keep["id"])
    other = session.add_record("idea", "B3", text="Other")
    session.add_record("vote", "B3", voter="Cy", dots=1, target=other["id"])
    depth = session.undo_depth

    moderation.merge(session, keep["id"], dup["id"])

    votes = session.records(kind="vote")
    assert sorted((v["voter"], v["target"]) for v in votes) == [
        ("Ann", keep["id"]), ("Bo", keep["id"]), ("Cy", other["id"])]
    hidden = session.record(dup["id"])
    assert hidden["hidden"] is True and hidden["target"] == keep["id"]
    assert moderation.merged_into(hidden, {r["id"]: r for r in session.records()})["id"] == \
        keep["id"]
    assert session.undo_depth == depth + 1
    assert session.undo_label == "merge idea 2 into idea 1"

    assert session.undo(1) == ["merge idea 2 into idea 1"]
    assert session.record(dup["id"])["hidden"] is False
    assert session.record(dup["id"])["target"] == ""
    assert sorted(v["target"] for v in session.records(kind="vote") if v["voter"] == "Ann") == \
        [dup["id"]]


def test_merge_refuses_what_cannot_be_merged(session) -> None:
    idea = session.add_record("idea", "B3", text="a")
    note = session.add_record("note", "B3", text="b")
    hidden = room_idea(session, "c", hidden=True)
    with pytest.raises(WorkshopError, match="another idea"):
        moderation.merge(session, note["id"], idea["id"])
    with pytest.raises(WorkshopError, match="not its own"):
        moderation.merge(session, idea["id"], idea["id"])
    with pytest.raises(WorkshopError, match="hidden: show it first"):
        moderation.merge(session, hidden["id"], idea["id"])
    assert session.record(idea["id"])["hidden"] is False


def test_hide_show_and_approve(session) -> None:
    idea = room_idea(session, "waiting", pending=True)
    assert moderation.tags(idea) == ["phone", "pending"]
    approved = moderation.approve(session, idea["id"])
    assert approved["pending"] is False
    with pytest.raises(WorkshopError, match="not waiting"):
        moderation.approve(session, idea["id"])
    assert moderation.toggle_hidden(session, idea["id"])["hidden"] is True
    assert moderation.tags(session.record(idea["id"])) == ["phone", "hidden"]
    assert moderation.toggle_hidden(session, idea["id"])["hidden"] is False


def test_update_records_checks_everything_before_writing(session) -> None:
    idea = session.add_record("idea", "B3", text="a")
    other = session.add_record("idea", "B3", text="b")
    with pytest.raises(WorkshopError):
        session.update_records({idea["id"]: {"hidden": True}, other["id"]: {"hidden": "yes"}},
                               label="bad")
    assert session.record(idea["id"])["hidden"] is False


# -- in the walkthrough ----------------------------------------------------------------------

async def settle(pilot, done, rounds: int = 1000) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def make_room_session(sessions_path: Path, guide) -> tuple[str, dict, dict]:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Moderation day", agenda=[{"part": "B3", "timebox": 20}]) as session:
        keep = session.add_record("idea", "B3", text="Shared mobility data")
        dup = room_idea(session, "shared mobility data please", pending=True)
        session.add_record("vote", "B3", voter="Ann", dots=1, target=dup["id"])
        return session.id, keep, dup


def rows(walk: WalkthroughScreen) -> list[str]:
    table = walk.query_one("#cp-table", DataTable)
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def disk(sessions_path: Path, sid: str) -> dict[str, dict]:
    return {r["id"]: r for r in SessionStore(sessions_path).read_snapshot(sid)["records"]}


async def test_walkthrough_marks_approves_hides_and_merges(guide, sessions_path) -> None:
    sid, keep, dup = make_room_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(sid)
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and len(rows(app.screen)) == 3)
        walk = app.screen
        room_row = next(r for r in rows(walk) if "shared mobility data please" in r)
        assert "phone" in room_row and "pending" in room_row
        walk.action_focus_captured()
        walk.capture.select_record(dup["id"])
        await pilot.pause()
        burst(app, "y")  # approve
        await settle(pilot, lambda: not disk(sessions_path, sid)[dup["id"]]["pending"])
        assert not disk(sessions_path, sid)[dup["id"]]["pending"]
        burst(app, "H")  # hide, and H again shows it
        await settle(pilot, lambda: disk(sessions_path, sid)[dup["id"]]["hidden"])
        assert "hidden" in next(r for r in rows(walk) if "please" in r)
        burst(app, "H")
        await settle(pilot, lambda: not disk(sessions_path, sid)[dup["id"]]["hidden"])
        # merge: M on the duplicate, pick the kept idea (the only other one), enter
        burst(app, "M", "enter")
        await settle(pilot, lambda: disk(sessions_path, sid)[dup["id"]]["hidden"])
        on_disk = disk(sessions_path, sid)
        assert on_disk[dup["id"]]["target"] == keep["id"]
        assert [r["target"] for r in on_disk.values() if r["kind"] == "vote"] == [keep["id"]]
        assert app.screen is walk
        # one undo brings the duplicate and its vote back
        burst(app, "u")
        await settle(pilot, lambda: not disk(sessions_path, sid)[dup["id"]]["hidden"])
        on_disk = disk(sessions_path, sid)
        assert [r["target"] for r in on_disk.values() if r["kind"] == "vote"] == [dup["id"]]


async def test_decision_from_selected_room_idea(guide, sessions_path) -> None:
    sid, _keep, dup = make_room_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(sid)
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and len(rows(app.screen)) == 3)
        walk = app.screen
        walk.action_focus_captured()
        walk.capture.select_record(dup["id"])
        await pilot.pause()
        burst(app, "D", "ctrl+s")
        await settle(pilot, lambda: any(r["kind"] == "decision"
                                        for r in disk(sessions_path, sid).values()))
        decision = next(r for r in disk(sessions_path, sid).values() if r["kind"] == "decision")
        assert decision["text"] == "shared mobility data please"
        assert decision["target"] == dup["id"]


async def test_undo_asks_before_removing_a_phones_contribution(guide, sessions_path) -> None:
    sid, _keep, dup = make_room_session(sessions_path, guide)
    store = SessionStore(sessions_path)
    with store.open(sid) as session:  # the newest change: an idea from a phone
        newest = room_idea(session, "bike parking")
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_session(sid)
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and len(rows(app.screen)) == 4)
        walk = app.screen
        from workshop.tui.screens.confirm import ConfirmScreen

        burst(app, "u")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert "phone" in app.screen.detail
        burst(app, "n")  # no: kept
        await settle(pilot, lambda: app.screen is walk)
        assert newest["id"] in disk(sessions_path, sid)
        burst(app, "u", "y")
        await settle(pilot, lambda: newest["id"] not in disk(sessions_path, sid))
        assert newest["id"] not in disk(sessions_path, sid)
