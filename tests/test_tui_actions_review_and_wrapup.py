"""Actions review (sort, filter, edit, mark done, jump to part) and the wrap-up summary."""

from __future__ import annotations

from textual.app import App
from textual.widgets import DataTable, Input, Select, Static
from walkthrough_support import HOSTILE, make_guide, walk_app

from workshop.store import SessionStore
from workshop.tui.screens.actions_review import ALL, NOT_DONE, ActionsReviewScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.screens.wrapup import WrapUpScreen, bar
from workshop.tui.widgets.capture_forms import RecordForm

AGENDA = [{"part": "A", "timebox": 10}, {"part": "B1", "timebox": 10},
          {"part": "B3", "timebox": 10}, {"part": "B2", "timebox": 5}]


def seeded(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Review", agenda=AGENDA)
    add = session.add_record
    add("action", "B1", title="Zebra crossing audit", owner="Bob", due="2030-03-01",
        priority="low")
    add("action", "A", title="Draft principles", owner="alice", due="2030-01-15",
        priority="high")
    add("action", "B3", title="Engagement plan", owner="", due="", priority="medium")
    add("action", "B1", title="Old thing", owner="Bob", due="2029-12-01", status="done")
    add("action", "A", title=HOSTILE, owner="Alice", due="2030-02-01", priority="medium")
    add("rating", "A", rec="A.R1", current=1, target_level=4)
    add("rating", "A", rec="A.R2", current=2, target_level=3)
    add("vote", "A", rec="A.R2", voter="T1", dots=3)
    add("vote", "A", rec="A.R1", voter="T2", dots=1)
    add("decision", "A", text="Adopt the principles", rationale="shared view", outcome="agreed")
    add("decision", "A", text="Parked idea", outcome="parked")
    session.add_time("A", 600)
    return store, session


def titles(app: App) -> list[str]:
    table = app.screen.query_one(DataTable)
    return [str(table.get_cell(row.key, "title")) for row in table.ordered_rows]


async def test_actions_review_sort_filter_edit_done_and_jump(tmp_path) -> None:
    store, session = seeded(tmp_path)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        walk = app.screen
        await pilot.press("A")
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ActionsReviewScreen)
        # default: not done, by due date, undated last
        assert titles(app)[0] == "Draft principles"
        assert titles(app)[-1] == "Engagement plan"
        assert "Old thing" not in titles(app)
        await pilot.press("3")  # by priority
        assert titles(app)[0] == "Draft principles" and titles(app)[-1] == "Zebra crossing audit"
        await pilot.press("2")  # by owner: alice and Alice together, nobody last
        assert titles(app)[:2] == ["Draft principles", titles(app)[1]]
        assert titles(app)[-1] == "Engagement plan"
        assert "[bold red]boom[/]" in titles(app)[1]  # hostile title shown literally
        await pilot.press("4")  # by part in guide order
        assert titles(app) == ["Draft principles", titles(app)[1], "Zebra crossing audit",
                               "Engagement plan"]
        # filter by owner (case-insensitive), then all statuses
        review.query_one("#ar-owner", Select).value = "text:bob"  # a summary_people key
        await pilot.pause()
        assert titles(app) == ["Zebra crossing audit"]
        review.query_one("#ar-status", Select).value = ALL
        await pilot.pause()
        assert sorted(titles(app)) == ["Old thing", "Zebra crossing audit"]
        # mark done with space
        table = review.query_one(DataTable)
        table.focus()
        table.move_cursor(row=titles(app).index("Zebra crossing audit"))
        await pilot.press("space")
        await pilot.pause()
        zebra = next(a for a in session.records(kind="action") if a["title"].startswith("Zebra"))
        assert zebra["status"] == "done"
        review.query_one("#ar-status", Select).value = NOT_DONE
        await pilot.pause()
        assert titles(app) == []
        # edit in place
        review.query_one("#ar-owner", Select).value = ALL
        await pilot.pause()
        table.focus()
        table.move_cursor(row=titles(app).index("Engagement plan"))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        form.query_one("#owner", Input).value = "Carol"
        form.query_one("#due", Input).value = "2031-05-05"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is review
        plan = next(a for a in session.records(kind="action") if a["title"] == "Engagement plan")
        assert (plan["owner"], plan["due"]) == ("Carol", "2031-05-05")
        table = review.query_one(DataTable)
        assert str(table.get_cell(plan["id"], "owner")) == "Carol"
        assert str(table.get_cell(plan["id"], "due")) == "2031-05-05"
        # jump to the action's part: the walkthrough lands on its agenda item
        await pilot.press("g")
        await pilot.pause()
        assert app.screen is walk
        assert str(walk.query_one("#wt-progress", Static).content).startswith("Item 3 of 4 · B3")
        assert walk.capture.part_id == "B3"


async def test_wrapup_summarises_the_session(tmp_path) -> None:
    store, session = seeded(tmp_path)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        texts = [str(w.content) for w in app.screen.query(".wu-heading, .wu-section")]
        body = "\n".join(texts)
        assert "Actions 5" in body and "Ratings 2" in body and "Votes 2" in body
        assert "Parts covered 3 of 4" in body
        assert "3 dots  A.R2" in body
        assert "Adopt the principles" in body and "Parked idea" not in body
        assert "why: shared view" in body
        assert f"now    {bar(1.5)} 1.5" in body and f"target {bar(3.5)} 3.5" in body
        assert "Bob\n  2030-03-01" in body
        assert "(no owner yet)" in body
        assert "B2 Business model" in body.split("Agenda parts not covered")[1]
        assert all(len(line) <= 80 for text in texts for line in text.split("\n")
                   if "█" in line or "·" * 3 in line)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)


def test_bar_scales_in_eighths() -> None:
    assert bar(5) == "█" * 20
    assert bar(0) == "·" * 20
    assert bar(2.5) == "█" * 10 + "·" * 10
    assert bar(1.1) == "████▍" + "·" * 15
