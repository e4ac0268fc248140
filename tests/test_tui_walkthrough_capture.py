"""Capture on the walkthrough: every kind on two parts, edit, delete, undo, votes, note->action."""

from __future__ import annotations

import datetime as dt
import json

from textual.app import App
from textual.widgets import DataTable, Input, OptionList, Select, Static, TextArea
from walkthrough_support import HOSTILE, make_guide, walk_app

from workshop.records import record_title
from workshop.store import SessionStore
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.capture_forms import RecordForm
from workshop.tui.widgets.literal import one_line

AGENDA = [{"part": "A", "timebox": 10}, {"part": "B1", "timebox": 10}]


def make_session(tmp_path):
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Capture test", agenda=AGENDA)
    session.add_participant(name="Alice Smith")
    session.add_participant(name="Bob Jones")
    return store, session


async def fill(pilot, app: App, key: str, **values) -> RecordForm:
    """Open a form with `key`, set field values directly (typing every character is slow)."""
    await pilot.press(key)
    await pilot.pause()
    form = app.screen
    assert isinstance(form, RecordForm)
    set_fields(form, **values)
    await pilot.pause()
    return form


def set_fields(form: RecordForm, **values) -> None:
    for name, value in values.items():
        widget = form.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            widget.load_text(value)
        elif isinstance(widget, (Input, Select)):
            widget.value = value
        elif isinstance(widget, OptionList):
            widget.highlighted = value - 1


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


def table_rows(app: App) -> list[tuple[str, str, str, str]]:
    table = app.screen.query_one("#cp-table", DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


def select_row(app: App, record_id: str) -> None:
    table = app.screen.query_one("#cp-table", DataTable)
    table.move_cursor(row=table.get_row_index(record_id))
    table.focus()


async def capture_every_kind(pilot, app: App, tag: str) -> None:
    await fill(pilot, app, "w", text=f"note {tag}\nsecond line", author="Table 1")
    await save(pilot)
    await fill(pilot, app, "i", text=f"idea {tag}")
    await save(pilot)
    await fill(pilot, app, "r", current=2, target_level=4, comment=f"rating {tag}")
    await save(pilot)
    await fill(pilot, app, "v", voter="Table 1", dots="2")
    await save(pilot)
    await fill(pilot, app, "d", text=f"decision {tag}", rationale="because", outcome="parked")
    await save(pilot)
    await fill(pilot, app, "a", title=f"action {tag}", owner="Bob Jones", due="2030-01-31",
               priority="high")
    await save(pilot)


async def test_capture_every_kind_edit_delete_undo_convert(tmp_path) -> None:
    store, session = make_session(tmp_path)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await capture_every_kind(pilot, app, "on A")
        assert app.screen is screen  # every form closed after saving
        await pilot.press("n")
        await pilot.pause()
        await capture_every_kind(pilot, app, "on B1")

        records = session.records()
        assert sorted(r["kind"] for r in records if r["part"] == "B1") == sorted(
            ["note", "idea", "rating", "vote", "decision", "action"]
        )
        assert len(records) == 12
        # the panel shows exactly the store's records of the shown part, newest first
        rows = table_rows(app)
        b1 = [r for r in records if r["part"] == "B1"]
        assert [int(row[1]) for row in rows] == [r["no"] for r in reversed(b1)]
        assert rows[0][0] == "Action" and rows[-1][0] == "Note"
        assert "action on B1" in rows[0][3] and "Bob Jones" in rows[0][3]
        summary = str(screen.query_one("#cp-summary", Static).content)
        assert "Notes 1 · Ideas 1 · Ratings 1 · Votes 1 · Decisions 1 · Actions 1" in summary
        assert "now 2.0 Exploring → target 4.0 Embedded, gap +2.0" in summary
        action = next(r for r in b1 if r["kind"] == "action")
        assert (action["owner"], action["due"], action["priority"]) == ("Bob Jones", "2030-01-31",
                                                                         "high")
        rating = next(r for r in b1 if r["kind"] == "rating")
        assert (rating["current"], rating["target_level"], rating["rec"]) == (2, 4, "B1.R1")

        # edit each kind on B1
        edits = {
            "note": {"text": "note edited"}, "idea": {"text": "idea edited"},
            "rating": {"current": 3}, "vote": {"dots": "3"},
            "decision": {"outcome": "agreed"}, "action": {"status": "in progress"},
        }
        for record in b1:
            select_row(app, record["id"])
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, RecordForm) and app.screen.record["id"] == record["id"]
            set_fields(app.screen, **edits[record["kind"]])
            await save(pilot)
        after = {r["kind"]: r for r in session.records(part="B1")}
        assert after["note"]["text"] == "note edited"
        assert after["idea"]["text"] == "idea edited"
        assert after["rating"]["current"] == 3
        assert after["vote"]["dots"] == 3
        assert after["decision"]["outcome"] == "agreed"
        assert after["action"]["status"] == "in progress"

        # delete the idea (with confirmation), then undo twice: the delete and the action edit
        select_row(app, after["idea"]["id"])
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert "idea" not in {r["kind"] for r in session.records(part="B1")}
        assert len(table_rows(app)) == 5
        await pilot.press("u")
        await pilot.pause()
        assert session.record(after["idea"]["id"])["text"] == "idea edited"
        await pilot.press("u")
        await pilot.pause()
        assert session.record(after["action"]["id"])["status"] == "open"
        assert len(table_rows(app)) == 6
        assert "in progress" not in table_rows(app)[0][3]

        # convert the note into an action with a relative due date
        select_row(app, after["note"]["id"])
        await pilot.press("c")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm) and form.kind == "action"
        assert form.query_one("#title", Input).value == "note edited"
        set_fields(form, due="+2w", owner="Alice Smith")
        await pilot.pause()
        expected_due = (dt.date.today() + dt.timedelta(weeks=2)).isoformat()
        assert expected_due in str(form.query_one("#due-hint", Static).content)
        await save(pilot)
        made = session.records(kind="action", part="B1")[-1]
        assert (made["target"], made["due"], made["owner"]) == (
            after["note"]["id"], expected_due, "Alice Smith")
        assert len(table_rows(app)) == 7
        # the store holds exactly what the panel shows for B1
        shown = [(row[0], int(row[1])) for row in table_rows(app)]
        stored = [(r["kind"].capitalize(), r["no"]) for r in reversed(session.records(part="B1"))]
        assert shown == stored


async def test_votes_respect_the_budget_and_rank_live(tmp_path) -> None:
    store, session = make_session(tmp_path)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, app, "v", voter="Table 1", dots="2")
        set_fields(app.screen, about="rec:A.R2")
        await save(pilot)
        form = await fill(pilot, app, "v", voter="table 1", dots="2")
        await save(pilot)
        assert app.screen is form  # over budget: not saved, reason shown
        assert "2 is more than the 1 dot table 1 has left" in str(
            form.query_one("#dots-reason", Static).content)
        set_fields(form, dots="1")
        await save(pilot)
        await fill(pilot, app, "v", voter="Alice Smith", dots="3")
        set_fields(app.screen, about="rec:A.R2")
        await save(pilot)
        summary = str(app.screen.query_one("#cp-summary", Static).content)
        assert "Dots: R2 ●●●●● 5 · R1 ● 1" in summary
        # raising the budget is remembered for the session
        form = await fill(pilot, app, "v", voter="Table 1", dots="2", budget="5")
        await save(pilot)
        assert app.screen is not form
        assert session.ui_state["dot_budget"] == 5
        assert sum(r["dots"] for r in session.records(kind="vote")) == 8


async def test_draft_survives_switching_parts_and_reopening(tmp_path) -> None:
    store, session = make_session(tmp_path)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = await fill(pilot, app, "w", text="half a thought")
        form._changed(None)  # as typing does
        form.write_draft()  # the debounce would write it 0.4 s later
        assert json.loads(session.drafts["note:A"])["text"] == "half a thought"
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#text", TextArea).text == ""  # B1 has its own draft
        await pilot.press("escape")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert app.screen.query_one("#text", TextArea).text == "half a thought"
        await save(pilot)
        assert "note:A" not in session.drafts
        assert session.records(kind="note")[0]["text"] == "half a thought"
    session.close()
    # a crash while typing: the draft is on disk and comes back in a new process
    session = store.open(session.id)
    session.save_draft("idea:A", json.dumps({"text": "typed before the crash"}))
    session.close()
    session = store.open(session.id)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.query_one("#text", TextArea).text == "typed before the crash"


async def test_hostile_text_in_every_field_is_stored_and_shown_literally(tmp_path) -> None:
    store, session = make_session(tmp_path)
    app = walk_app(session, make_guide())
    long_text = HOSTILE + "y" * 10_000
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, app, "w", text=long_text, author=HOSTILE)
        await save(pilot)
        await fill(pilot, app, "a", title=HOSTILE, description=long_text, owner=HOSTILE)
        await save(pilot)
        await fill(pilot, app, "d", text=HOSTILE, rationale=HOSTILE)
        await save(pilot)
        note, action, decision = session.records()
        assert note["text"] == long_text and note["author"] == HOSTILE
        assert action["title"] == HOSTILE and action["owner"] == HOSTILE
        assert decision["rationale"] == HOSTILE
        rows = table_rows(app)
        assert "[bold red]boom[/]" in rows[0][3] and "␛[31m" in rows[0][3]
        assert rows[2][3].startswith(one_line(record_title(note))[:40])
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        await pilot.resize_terminal(60, 20)
        await pilot.pause()


async def test_panel_shows_newest_hundred_until_show_all(tmp_path) -> None:
    store, session = make_session(tmp_path)
    for i in range(150):
        session.add_record("note", "A", text=f"note {i}")
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = table_rows(app)
        assert len(rows) == 100 and rows[0][3] == "note 149" and rows[-1][3] == "note 50"
        summary = str(app.screen.query_one("#cp-summary", Static).content)
        assert "Notes 150 · newest 100 of 150 shown (L: all)" in summary
        await pilot.press("L")
        await pilot.pause()
        assert len(table_rows(app)) == 150 and table_rows(app)[-1][3] == "note 0"


async def test_store_error_keeps_the_form_open_with_what_was_typed(tmp_path, monkeypatch) -> None:
    from workshop.store import StoreError

    store, session = make_session(tmp_path)
    app = walk_app(session, make_guide())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def disk_full(*args, **kwargs):
            raise StoreError("could not save: disk full; free some space and try again")

        monkeypatch.setattr(session, "add_record", disk_full)
        form = await fill(pilot, app, "w", text="precious words")
        await save(pilot)
        assert app.screen is form
        assert "disk full" in str(form.query_one("#form-error", Static).content)
        assert form.query_one("#text", TextArea).text == "precious words"
        monkeypatch.undo()
        await save(pilot)
        assert app.screen is not form
        assert [r["text"] for r in session.records()] == ["precious words"]


async def test_read_only_session_refuses_capture_but_still_walks(tmp_path) -> None:
    store, session = make_session(tmp_path)
    readonly = store.open(session.id)  # the first one still holds the lock
    assert readonly.readonly
    app = walk_app(readonly, make_guide())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Read-only" in str(app.screen.query_one("#wt-banner", Static).content)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        await pilot.press("t")
        app.screen.timer.clock.advance(5)
        await pilot.press("t", "n")
        await pilot.pause()
        assert str(app.screen.query_one("#wt-progress", Static).content).startswith("Item 2")
    assert session.records() == [] and session.agenda[0]["spent"] == 0
