"""The tally grid (issue 12): voters or tables as rows, the part's items as columns; digits give
dots, now and target digits give ratings, each finished cell written to disk at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from keys_support import burst
from textual.widgets import DataTable, Static

from workshop import tally
from workshop.errors import WorkshopError
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.commands import screen_commands
from workshop.tui.screens.tally import TallyScreen, TallyTable
from workshop.tui.screens.walkthrough import WalkthroughScreen

PEOPLE = ("Alice", "Bob", "Carol")


async def settle(pilot, done, rounds: int = 1000) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def make_session(sessions_path: Path, guide, *, people=PEOPLE, ideas=3) -> tuple[str, list]:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Tally day", agenda=[{"part": "B3", "timebox": 20}]) as session:
        for name in people:
            session.add_participant(name=name)
        made = [session.add_record("idea", "B3", text=f"Idea number {n}")
                for n in range(1, ideas + 1)]
        return session.id, made


async def open_walkthrough(app: WorkshopApp, pilot, sid: str) -> WalkthroughScreen:
    app.open_session(sid)
    await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                 and app.screen.is_mounted)
    await pilot.pause()
    return app.screen


def disk_records(sessions_path: Path, sid: str, kind: str) -> list[dict]:
    snapshot = SessionStore(sessions_path).read_snapshot(sid)
    return [r for r in snapshot["records"] if r["kind"] == kind]


async def test_three_people_three_dots_each_under_twenty_keys(guide, sessions_path) -> None:
    sid, ideas = make_session(sessions_path, guide)
    one, two, three = (i["id"] for i in ideas)
    # Alice: 2 on idea 1, none on idea 2, 1 on idea 3 (the row ends: the next row follows);
    # Bob: all 3 on idea 1, then Enter for the next voter; Carol: one on each
    keys = ["V", "2", "0", "1", "3", "enter", "1", "1", "1", "escape"]
    assert len(keys) < 20
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid)
        burst(app, *keys)
        await settle(pilot, lambda: app.screen is walk
                     and len(disk_records(sessions_path, sid, "vote")) == 6)
        assert app.screen is walk
        votes = disk_records(sessions_path, sid, "vote")
        given = sorted((v["voter"], v["target"], v["dots"]) for v in votes)
        assert given == sorted([
            ("Alice", one, 2), ("Alice", three, 1), ("Bob", one, 3),
            ("Carol", one, 1), ("Carol", two, 1), ("Carol", three, 1),
        ])
        assert all(v["part"] == "B3" for v in votes)
        # the walkthrough's capture panel shows them on return
        await settle(pilot, lambda: len(walk.capture.records("B3")) == 9)
        assert sum(1 for r in walk.capture.records("B3") if r["kind"] == "vote") == 6


async def test_ratings_take_now_and_target_digits(guide, sessions_path) -> None:
    sid, _ideas = make_session(sessions_path, guide, people=("Alice", "Bob"))
    recs = [r.id for r in guide.part("B3").recommendations]
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        # m: ratings; Alice rates R1 now 2 target 4, skips R2 (0), ...; a 7 is refused
        burst(app, "V", "m", "2", "4", "0", "7", "1", "3")
        await settle(pilot, lambda: len(disk_records(sessions_path, sid, "rating")) == 2)
        ratings = sorted((r["author"], r["rec"], r["current"], r["target_level"])
                         for r in disk_records(sessions_path, sid, "rating"))
        assert ratings == [("Alice", recs[0], 2, 4), ("Alice", recs[2], 1, 3)]
        screen = app.screen
        assert isinstance(screen, TallyScreen)
        # typing the cell again changes the same record; 0 removes it
        screen.grid.move_cursor(row=0, column=1)
        burst(app, "3", "5")
        await settle(pilot, lambda: any(r["current"] == 3 for r in
                                        disk_records(sessions_path, sid, "rating")))
        ratings = disk_records(sessions_path, sid, "rating")
        assert sorted((r["rec"], r["current"], r["target_level"]) for r in ratings) == [
            (recs[0], 3, 5), (recs[2], 1, 3)]


async def test_over_budget_refused_with_one_line_and_nothing_written(guide, sessions_path
                                                                     ) -> None:
    sid, _ideas = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_walkthrough(app, pilot, sid)
        burst(app, "V", "2", "2")  # Alice: 2 on idea 1, then 2 more is over the budget of 3
        await settle(pilot, lambda: len(app._notifications) > 0)
        votes = disk_records(sessions_path, sid, "vote")
        assert [(v["voter"], v["dots"]) for v in votes] == [("Alice", 2)]
        messages = [n.message for n in app._notifications]
        assert any("Alice has 1 of 3 dots left" in m for m in messages), messages
        detail = str(app.screen.query_one("#tally-detail", Static).content)
        assert "Alice: 1 of 3 dots left" in detail


async def test_tables_as_rows_and_visible_legend_at_80x24(guide, sessions_path) -> None:
    sid, _ideas = make_session(sessions_path, guide, people=())
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        burst(app, "V", "1", "enter", "enter", "1")
        await settle(pilot, lambda: len(disk_records(sessions_path, sid, "vote")) == 2)
        voters = sorted(v["voter"] for v in disk_records(sessions_path, sid, "vote"))
        assert voters == ["Table 1", "Table 3"]
        screen = app.screen
        grid = screen.query_one(TallyTable)
        assert grid.has_focus
        legend = screen.query_one("#tally-legend")
        assert legend.region.height == 2 and legend.region.bottom <= 23
        assert "Enter: next voter" in str(legend.content)


async def test_tally_in_palette_and_help(guide, sessions_path) -> None:
    sid, _ideas = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid)
        titles = [t for t, _h, _c in screen_commands(walk)]
        assert any(t.startswith("Walkthrough: Tally grid: dots") for t in titles), titles
        assert any("Tally grid: ratings" in t for t in titles)
        from workshop.tui.screens.help import HelpScreen, all_binding_ids

        assert {"walkthrough.tally", "tally.digits", "tally.next-row"} <= all_binding_ids()
        burst(app, "V", "f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        cells = [str(cell) for table in app.screen.query(DataTable)
                 for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert "0-9" in cells and "Next voter" in cells


def test_set_dots_merges_duplicates_and_removes_at_zero(tmp_path) -> None:
    store = SessionStore(tmp_path / "s")
    with store.create("Core", agenda=[{"part": "B3"}]) as session:
        idea = session.add_record("idea", "B3", text="x")
        column = tally.Column("I1", "x", target=idea["id"])
        for _ in range(2):
            session.add_record("vote", "B3", voter="Ann", dots=1, target=idea["id"])
        records = session.records(part="B3")
        assert tally.dots_in(records, "ann", column) == 2
        tally.set_dots(session, "B3", records, "Ann", column, 3)
        votes = session.records(kind="vote")
        assert [v["dots"] for v in votes] == [3]
        tally.set_dots(session, "B3", session.records(part="B3"), "Ann", column, 0)
        assert session.records(kind="vote") == []
        with pytest.raises(WorkshopError, match="2 of 2 dots left"):
            tally.check_dots(session.records(), "Ann", column, 3, 2)


def test_rows_people_then_earlier_voters_then_added(tmp_path) -> None:
    records = [{"kind": "vote", "voter": "Dora"}, {"kind": "vote", "voter": "alice"},
               {"kind": "vote", "voter": "Table 6"}]
    assert tally.rows(tally.DOTS, records, ["Alice", "Bob"], tables=False, extra=["Eve"]) == \
        ["Alice", "Bob", "Dora", "Table 6", "Eve"]
    assert tally.rows(tally.DOTS, records, [], tables=True)[:6] == \
        [f"Table {n}" for n in range(1, 7)]


def test_phone_votes_count_in_totals_but_the_grid_never_changes_them(tmp_path) -> None:
    store = SessionStore(tmp_path / "s")
    with store.create("Core", agenda=[{"part": "B3"}]) as session:
        idea = session.add_record("idea", "B3", text="x")
        column = tally.Column("I1", "x", target=idea["id"])
        phone = session.add_record("vote", "B3", voter="Sara", dots=2, target=idea["id"],
                                   via="room", device="d1")
        records = session.records(part="B3")
        assert tally.column_dots(records, column) == 2
        assert tally.dots_in(records, "Sara", column) == 0
        assert tally.rows(tally.DOTS, records, [], tables=False) == []
        tally.set_dots(session, "B3", records, "Sara", column, 1)  # Sara's hand in the room
        assert session.record(phone["id"])["dots"] == 2
        assert tally.column_dots(session.records(part="B3"), column) == 3
