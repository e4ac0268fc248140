"""A long action register: the first screenful paints at once, the rest follows in batches,
and the finished table holds every action in sorted order; edits update one row in place."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable
from walkthrough_support import make_guide

from workshop.records import PRIORITIES
from workshop.store import SessionStore
from workshop.tui.screens.actions_review import (
    FIRST_ROWS,
    ActionsReviewScreen,
    sort_actions,
)

COUNT = 700


class ReviewApp(App):
    def __init__(self, session, guide) -> None:
        super().__init__()
        self.session, self.guide = session, guide

    def on_mount(self) -> None:
        self.push_screen(ActionsReviewScreen(self.session, self.guide))


def big_session(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Big register", agenda=[{"part": "A", "timebox": 10}])
    snapshot = session.snapshot()
    session.close()
    snapshot["records"] = [
        {"id": f"a{i:05d}", "no": i + 1, "kind": "action", "part": "A", "title": f"Action {i}",
         "owner": f"Owner {i % 7}", "due": f"2030-{i % 12 + 1:02d}-{i % 27 + 1:02d}",
         "priority": PRIORITIES[i % 3], "status": "open"}
        for i in range(COUNT)
    ]
    snapshot["session"]["id"] = ""
    return store.import_snapshot(snapshot)


async def wait_for_rows(pilot, table: DataTable, count: int) -> None:
    for _ in range(200):
        if table.row_count == count:
            return
        await pilot.pause(0.01)
    raise AssertionError(f"table stopped at {table.row_count} of {count} rows")


async def test_long_register_fills_completely_in_order(tmp_path) -> None:
    session = big_session(tmp_path)
    guide = make_guide()
    app = ReviewApp(session, guide)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ActionsReviewScreen)
        table = screen.query_one(DataTable)
        assert FIRST_ROWS <= table.row_count <= COUNT  # something to see straight away
        await wait_for_rows(pilot, table, COUNT)
        expected = sort_actions(session.records("action"), "due", screen.part_order)
        keys = [str(row.key.value) for row in table.ordered_rows]
        assert keys == [a["id"] for a in expected]

        # mark the 600th row done: it leaves the "not done" list, nothing else moves
        target = expected[599]
        table.move_cursor(row=599)
        await pilot.press("space")
        await pilot.pause()
        assert session.record(target["id"])["status"] == "done"
        keys_after = [str(row.key.value) for row in table.ordered_rows]
        assert keys_after == [a["id"] for a in expected if a["id"] != target["id"]]

        # sorting by owner rebuilds the whole table, again completely
        await pilot.press("2")
        await wait_for_rows(pilot, table, COUNT - 1)
        by_owner = sort_actions(
            [a for a in session.records("action") if a["status"] != "done"], "owner",
            screen.part_order)
        assert [str(row.key.value) for row in table.ordered_rows] == [a["id"] for a in by_owner]
    session.close()
