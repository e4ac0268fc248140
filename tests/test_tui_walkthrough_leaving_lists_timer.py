"""Walkthrough: leaving saves first, Esc closes lists, drafts survive ctrl+q, the timer and the
presenter behave across screens."""

from __future__ import annotations

import json

from textual.widgets import OptionList, TextArea
from walkthrough_support import FakeClock, make_guide

from workshop.store import SessionStore
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.capture_forms import RecordForm

AGENDA = [
    {"part": "A", "timebox": 10},
    {"part": "B1", "timebox": 1},
    {"part": "B3", "timebox": 15},
]


def new_session(tmp_path):
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("Fixes", agenda=AGENDA)
    session_id = session.id
    session.close()
    return folder, store, session_id


def app_for(folder, session_id):
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)


def errors(app) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_esc_home_saves_the_running_timer_before_closing(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        clock = FakeClock()
        screen.timer.clock = clock
        await pilot.press("t")
        assert screen.timer.running
        clock.advance(4.2)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.session is None
        assert errors(app) == []
    session = store.open(session_id)
    assert [item["spent"] for item in session.agenda] == [4, 0, 0]
    session.close()


async def test_esc_closes_the_jump_list_and_the_captured_list_only(tmp_path) -> None:
    folder, _store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        await pilot.press("g")
        await pilot.pause()
        agenda = screen.query_one("#wt-agenda", OptionList)
        assert agenda.display and agenda.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert not agenda.display
        assert screen.part_view.has_focus
        await pilot.press("l")
        await pilot.pause()
        assert screen.query_one("#cp-table").has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.part_view.has_focus
        await pilot.press("escape")  # from the part itself, Esc still means Home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_ctrl_q_right_after_typing_keeps_the_draft(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, RecordForm)
        await pilot.press(*"typed")  # the draft debounce (0.4 s) has not fired yet
        assert app.screen.query_one("#text", TextArea).text == "typed"
        await pilot.press("ctrl+q")
        await pilot.pause()
    session = store.open(session_id)
    assert json.loads(session.drafts["note:A"])["text"] == "typed"
    session.close()


async def test_jump_list_does_not_tick_parts_with_only_carried_over_records(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    session = store.open(session_id)
    session.add_record("action", "B3", title="from last month",
                       origin={"session": "s-old", "title": "Earlier", "record": "r1"})
    session.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        agenda = screen.query_one("#wt-agenda", OptionList)
        label = str(agenda.get_option_at_index(2).prompt)
        assert label.startswith(" · 3. B3 ") and "1 rec." in label
        screen.session.add_record("note", "B3", text="said today")
        screen.capture.reloaded(screen.session.records())
        await pilot.pause()
        assert str(agenda.get_option_at_index(2).prompt).startswith(" ✓ 3. B3 ")


def test_status_becomes_in_progress_on_first_time_or_first_new_record(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    carried = store.create("Carried", agenda=AGENDA)
    carried.add_record("action", "A", title="old", origin={"session": "s1", "title": "x",
                                                           "record": "r1"})
    assert carried.meta["status"] == "planned"  # carrying over is not capturing
    carried.add_record("note", "A", text="first words")
    assert carried.meta["status"] == "in progress"
    carried.undo(1)  # undo is exact: the first note undone, the session is planned again
    assert carried.meta["status"] == "planned"
    carried.add_record("note", "A", text="first words again")
    timed = store.create("Timed", agenda=AGENDA)
    timed.add_time("B1", 5)
    assert timed.meta["status"] == "in progress"
    timed.update_meta(status="closed")  # the facilitator's choice stays
    timed.add_time("B1", 5)
    assert timed.meta["status"] == "closed"
    ids = {carried.id: "in progress", timed.id: "closed"}
    carried.close()
    timed.close()
    assert {i.id: i.status for i in store.list()} == ids


async def test_wrapup_c_closes_the_session_after_confirmation(tmp_path) -> None:
    from textual.app import App

    from workshop.tui.screens.confirm import ConfirmScreen
    from workshop.tui.screens.wrapup import WrapUpScreen

    store = SessionStore(tmp_path / "sessions")
    session = store.create("Wrap", agenda=AGENDA)

    class WrapApp(App):
        def on_mount(self) -> None:
            self.push_screen(WrapUpScreen(session, make_guide()))

    app = WrapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing changes
        await pilot.pause()
        assert session.meta["status"] == "planned"
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        assert session.meta["status"] == "closed"
        assert "closed" in str(app.screen.query_one("#wu-title").content)


async def test_owner_tab_accepts_the_suggestion_and_a_new_name_stays(tmp_path) -> None:
    from textual.widgets import Input

    folder, store, session_id = new_session(tmp_path)
    session = store.open(session_id)
    session.add_participant(name="Maria Lopez")
    session.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm)
        await pilot.press(*"Fix the bins")
        owner = form.query_one("#owner", Input)
        owner.focus()
        await pilot.pause()
        await pilot.press(*"mar")
        await pilot.pause()
        await pilot.pause()
        assert owner.suggestion_shown
        await pilot.press("tab")
        await pilot.pause()
        assert owner.value == "Maria Lopez"
        assert not owner.has_focus  # Tab moved on as well
        owner.focus()
        owner.value = ""
        await pilot.press(*"Zed")  # nobody by that name: kept as typed
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert owner.value == "Zed"
        await pilot.press("backspace", "backspace", "backspace", *"Mar", "enter")
        await pilot.pause()
        assert owner.value == "Maria Lopez"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        assert [r["owner"] for r in app.session.records(kind="action")] == ["Maria Lopez"]


async def test_back_from_another_screen_the_panel_and_banner_are_fresh(tmp_path) -> None:
    from textual.screen import Screen

    from workshop.tui.widgets.part_history import PartHistoryPanel

    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    earlier = store.create("Spring", agenda=AGENDA, city="Riverton")
    earlier.add_record("rating", "A", rec="A.R1", current=2, target_level=4)
    earlier.add_record("decision", "A", text="Keep the principles short", outcome="agreed")
    earlier.close()
    current = store.create("Autumn", agenda=AGENDA, city="Riverton")
    session_id = current.id
    current.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        while not isinstance(app.screen, WalkthroughScreen):  # the carry-over offer
            app.pop_screen()
            await pilot.pause()
        walk = app.screen
        panel = walk.query_one(PartHistoryPanel)
        assert panel.display and panel.size.height == 1  # folded: the part keeps the room
        assert "Earlier sessions: 1 agreed earlier, maturity 2 → - · h: show" in str(
            panel.render())
        await pilot.press("h")
        await pilot.pause()
        assert panel.size.height >= 3
        assert "Keep the principles short" in str(panel.render())

        class Elsewhere(Screen):  # any pushed screen that changes the session
            def on_mount(self) -> None:
                app.session.add_record("action", "A", title="Carried in meanwhile")
                app.session.add_record("rating", "A", rec="A.R1", current=4, target_level=5)

        app.push_screen(Elsewhere())
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        rows = [str(walk.capture.query_one("#cp-table").get_row_at(i)[3])
                for i in range(walk.capture.query_one("#cp-table").row_count)]
        assert any("Carried in meanwhile" in row for row in rows)
        assert "maturity 2 → 4" in str(panel.render())


async def test_f6_opens_the_follow_up_review(tmp_path) -> None:
    from workshop.tui.screens.followup import FollowUpReviewScreen

    folder, _store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpReviewScreen)


async def test_read_only_timer_does_not_run_and_says_so_once(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    holder = store.open(session_id)  # another window holds the lock
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen) and walk.session.readonly
        clock = FakeClock()
        walk.timer.clock = clock
        await pilot.press("t")
        assert not walk.timer.running
        for _ in range(3):
            clock.advance(40)
            walk.timer.tick()
            await pilot.press("t")
        said = [n.message for n in app._notifications if "time is not recorded" in n.message]
        assert len(said) == 1
        assert errors(app) == []
    assert holder.agenda[0]["spent"] == 0
    holder.close()


async def test_presenter_opens_each_part_at_the_top_and_hints_more_below(tmp_path) -> None:
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    from workshop.tui.screens.presenter import PresenterScreen

    store = SessionStore(tmp_path / "sessions")
    session = store.create("Present", agenda=[{"part": "B4", "timebox": 5},
                                              {"part": "B3", "timebox": 5},
                                              {"part": "A", "timebox": 5}])

    class PresentApp(App):
        def on_mount(self) -> None:
            self.push_screen(WalkthroughScreen(session, make_guide(hostile=True),
                                               clock=FakeClock()))

    app = PresentApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f5")
        await pilot.pause()
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        scroll = presenter.query_one("#pr-scroll", VerticalScroll)
        hint = presenter.query_one("#pr-hint", Static)
        assert scroll.max_scroll_y > 0
        assert str(hint.content).startswith("more below ↓")
        scroll.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        await pilot.pause()
        assert scroll.scroll_y > 0
        assert "more below" not in str(hint.content)
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert scroll.scroll_y == 0  # the next part opens at its title
        assert str(presenter.query_one("#pr-title", Static).content).startswith("B3")


async def test_timer_keeps_counting_under_other_screens_and_says_so(tmp_path) -> None:
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        walk = app.screen
        assert isinstance(walk, WalkthroughScreen)
        clock = FakeClock()
        walk.timer.clock = clock
        await pilot.press("t")
        app.open_engagement_screen("risks")
        await pilot.pause()
        await pilot.pause()
        said = [n.message for n in app._notifications if "keeps running" in n.message]
        assert len(said) == 1 and said[0].startswith("The timer of item 1")
        clock.advance(20.5)
        app.pop_screen()
        await pilot.pause()
        assert walk.timer.running
        await pilot.press("t")
        assert walk.session.agenda[0]["spent"] == 20


async def test_capture_panel_fits_its_width_without_a_horizontal_scrollbar(tmp_path) -> None:
    from textual.widgets import DataTable

    folder, store, session_id = new_session(tmp_path)
    session = store.open(session_id)
    for n in range(12):
        session.add_record("note", "A", text=f"note {n} " + "a long line of words " * 12)
    session.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await pilot.pause()
        walk = app.screen
        table = walk.query_one("#cp-table", DataTable)
        assert table.row_count == 12
        assert not table.show_horizontal_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width
        cell = table.get_row_at(0)[3]
        assert str(cell).endswith("…")
        await pilot.resize_terminal(120, 40)
        for _ in range(3):
            await pilot.pause()
        # 120 columns is not "wide": the panel gets the full width and more rows
        assert walk.has_class("-narrow")
        assert walk.capture.size.width >= 118 and walk.capture.size.height >= 12
        assert not table.show_horizontal_scrollbar
        assert table.virtual_size.width <= table.scrollable_content_region.width
