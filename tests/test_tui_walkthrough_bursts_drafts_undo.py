"""Walkthrough capture forms: key bursts, drafts, undo, timer toasts, level pickers, suggestions."""

from __future__ import annotations

import json

from keys_support import burst
from textual.widgets import Input, TextArea
from walkthrough_support import make_guide

from workshop.store import SessionStore
from workshop.tui.widgets.capture_forms import RecordForm

AGENDA = [
    {"part": "A", "timebox": 10},
    {"part": "B1", "timebox": 10},
]


def new_session(tmp_path, people=("Ann Lee",)):
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("Bursts", city="Riverton", agenda=AGENDA)
    for name in people:
        session.add_participant(name=name)
    session_id = session.id
    session.close()
    return folder, store, session_id


def app_for(folder, session_id):
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)


async def test_a_burst_of_keys_with_tab_moves_between_action_fields(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        # one burst, as from a paste or over SSH: the form opens and everything arrives at once
        await pilot.press("a")
        await pilot.pause()
        burst(app, *"Act", "tab", *"the desc", "tab", *"Ann", "tab", *"+1w")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        assert form.query_one("#title", Input).value == "Act"
        assert form.query_one("#description", TextArea).text == "the desc"
        assert form.query_one("#owner", Input).value == "Ann Lee"
        assert form.query_one("#due", Input).value == "+1w"


async def test_ctrl_q_in_the_same_burst_as_typing_keeps_the_draft(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "w", *"typed", "ctrl+q")
        await pilot.pause()
    session = store.open(session_id)
    assert json.loads(session.drafts["note:A"])["text"] == "typed"
    session.close()


async def test_ctrl_d_in_a_text_field_discards_the_draft(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Title")
        for _ in range(100):  # the draft is written shortly after typing stops (poll: CI is slow)
            await pilot.pause(0.05)
            if app.session.drafts.get("action:A"):
                break
        assert app.session.drafts.get("action:A")
        await pilot.press("ctrl+d")  # focus is in the Title field (Input binds ctrl+d)
        await pilot.pause()
        assert not isinstance(app.screen, RecordForm)
        assert "action:A" not in app.session.drafts


async def test_decision_form_opens_in_the_text_and_dots_are_replaced(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#text", TextArea)
        await pilot.press(*"Agreed", "escape")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Ann", "tab", "tab", "3")
        await pilot.pause()
        assert form.query_one("#dots", Input).value == "3"
        form.query_one("#dots", Input).value = "13"
        await pilot.pause()
        reason = str(form.query_one("#dots-reason").render())
        assert "13 is more than the 3 dots" in reason


async def test_undo_on_the_walkthrough_never_touches_setup(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path, people=("Ann Lee", "Tom Reed"))
    session = store.open(session_id)
    session.add_record("note", "A", text="first")
    session.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("u")  # the note
        await pilot.pause()
        assert app.session.records() == []
        await pilot.press("u", "u")  # next: add participant Tom Reed: refused, nothing changes
        await pilot.pause()
        assert [p["name"] for p in app.session.participants] == ["Ann Lee", "Tom Reed"]
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Nothing captured to undo here; the next change in the history "
                                "is to the session setup") for m in messages)


async def test_undo_of_a_record_on_another_part_asks_first(tmp_path) -> None:
    from workshop.tui.screens.confirm import ConfirmScreen

    folder, store, session_id = new_session(tmp_path)
    session = store.open(session_id)
    session.add_record("note", "B1", text="on B1")
    session.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert len(app.session.records()) == 1
        await pilot.press("escape")  # no
        await pilot.pause()
        assert len(app.session.records()) == 1
        await pilot.press("u")
        await pilot.pause()
        app.screen.dismiss(True)
        await pilot.pause()
        assert app.session.records() == []


def test_wrapup_says_why_there_are_no_open_actions(tmp_path) -> None:
    from workshop.summary import SummaryOptions, build_summary
    from workshop.tui.screens.wrapup import summary_sections

    folder, store, session_id = new_session(tmp_path)
    session = store.open(session_id)

    def owners_section() -> str:
        summary = build_summary(session.snapshot(), make_guide(), SummaryOptions())
        return dict(summary_sections(summary))["Actions by owner (open)"]

    assert owners_section() == "No actions yet."
    session.add_record("action", "A", title="Publish the charter", status="done")
    assert owners_section() == "No open actions (1 done)."
    session.add_record("action", "A", title="Open the data", status="open")
    assert "Open the data" in owners_section()
    session.close()


async def test_timer_toast_once_per_item(tmp_path) -> None:

    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("t")  # the timer runs
        for _ in range(2):  # two full screens over the walkthrough: told once
            app.open_engagement_screen("risks")
            await pilot.pause()
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()

        def said() -> list[str]:
            return [n.message for n in app._notifications if "keeps running" in n.message]

        assert len(said()) == 1


async def test_no_timer_toast_when_leaving_for_home(tmp_path) -> None:
    from workshop.tui.screens.home import HomeScreen

    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("t")  # the timer runs

        def said() -> list[str]:
            return [n.message for n in app._notifications if "keeps running" in n.message]

        for _ in range(3):  # Home (a first Esc may only leave a list)
            if not isinstance(app.screen, HomeScreen):
                await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # not the covering-screen toast ("keeps running here"): Home says what happens there
        # (tests/test_walkthrough_timer.py)
        assert [m for m in said() if "keeps running here" in m] == []


async def test_a_restored_multi_line_draft_puts_the_cursor_at_the_end(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    session = store.open(session_id)
    session.save_draft("note:A", json.dumps({"text": "line one\nline two"}))
    session.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*" more")
        assert app.screen.query_one("#text", TextArea).text == "line one\nline two more"


async def test_levels_pick_with_digits_and_show_a_marker(tmp_path) -> None:
    from textual.widgets import OptionList

    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        current = form.query_one("#current", OptionList)
        current.focus()
        await pilot.press("3")
        await pilot.pause()
        assert current.highlighted == 2
        assert form.values()["current"] == 3
        prompts = [str(current.get_option_at_index(i).prompt) for i in range(5)]
        assert prompts[2].startswith("▶ 3") and not any(p.startswith("▶") for p in
                                                         prompts[:2] + prompts[3:])


async def test_no_field_reasons_before_anything_is_typed(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        form = app.screen
        reason = form.query_one("#text-reason")
        assert not reason.display  # nothing typed yet: no "Type some text first."
        await pilot.press("ctrl+s")  # trying to save shows why not
        await pilot.pause()
        assert reason.display and "Type some text first." in str(reason.render())


async def test_enter_accepts_the_name_suggestion_through_textuals_private_suggestion(
        tmp_path) -> None:
    """PeopleInput reads Input._suggestion (private, textual pinned): this fails if it goes."""
    from workshop.tui.widgets.capture_forms import PeopleInput

    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        author = app.screen.query_one("#author", PeopleInput)
        author.focus()
        await pilot.press(*"an")
        for _ in range(3):
            await pilot.pause()
        assert author._suggestion == "Ann Lee"  # the private attribute Textual fills
        assert author.suggestion_shown
        await pilot.press("enter")
        assert author.value == "Ann Lee"
