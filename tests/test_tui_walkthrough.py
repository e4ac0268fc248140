"""Walkthrough screen: walk parts, follow a linkage and come back, timer, resume where we left."""

from __future__ import annotations

from textual.app import App
from textual.widgets import OptionList, Static
from walkthrough_support import FakeClock, make_guide, walk_app

from workshop.store import SessionStore
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.part_view import PartView

AGENDA = [
    {"part": "A", "timebox": 10},
    {"part": "B1", "timebox": 1},
    {"part": "B3", "timebox": 15},
]


def progress(app: App) -> str:
    return str(app.screen.query_one("#wt-progress", Static).content)


async def test_walk_link_timer_and_resume(tmp_path) -> None:
    guide, clock = make_guide(), FakeClock()
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Test session", agenda=AGENDA)
    app = walk_app(session, guide, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        assert progress(app).startswith("Item 1 of 3 · A Delivery principles")
        await pilot.press("n")
        await pilot.press("n")
        await pilot.pause()
        assert progress(app).startswith("Item 3 of 3 · B3")
        await pilot.press("p")
        await pilot.pause()
        assert progress(app).startswith("Item 2 of 3 · B1 Vision")
        view = screen.query_one(PartView)
        assert view.part_id == "B1"

        # follow the linkage B1 -> B3 and come back
        links = view.query_one("#pv-links", OptionList)
        links.focus()
        links.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert view.part_id == "B3"
        assert "Linked part B3 (from B1)" in str(screen.query_one("#wt-banner", Static).content)
        assert progress(app).startswith("Item 2 of 3 · B1")  # still on the agenda item
        await pilot.press("backspace")
        await pilot.pause()
        assert view.part_id == "B1"
        assert not screen.query_one("#wt-banner").display

        # timer: start, 42 s pass, pause -> saved to the store
        await pilot.press("t")
        assert screen.timer.running
        clock.advance(42.4)
        screen.timer.tick()
        await pilot.press("t")
        assert not screen.timer.running
        assert session.agenda[1]["spent"] == 42
        # running past the 1-minute timebox turns the timer red and autosaves every 30 s
        await pilot.press("t")
        clock.advance(31)
        screen.timer.tick()
        assert session.agenda[1]["spent"] == 73
        assert screen.timer.has_class("-over")
        assert "OVER" in str(screen.timer.content)
        clock.advance(5)
        await pilot.press("n")  # leaving the item saves its time; the clock keeps running
        assert session.agenda[1]["spent"] == 78
        assert screen.timer.running and not screen.timer.has_class("-over")
        clock.advance(3)
        await pilot.press("p")
        assert session.agenda[2]["spent"] == 3
        assert "session 01:21" in str(screen.timer.content)
        await pilot.press("t")
        view.scroll_to(y=4, animate=False, immediate=True)
        await pilot.pause()
        scroll = int(view.scroll_y)
        assert scroll == 4
        screen.save_now()
    assert session.ui_state["item"] == 1 and session.ui_state["part"] == "B1"
    assert session.ui_state["scroll"] == scroll
    session.close()

    # reopen from disk: the store holds the time spent and the position
    session = store.open(session.id)
    assert [item["spent"] for item in session.agenda] == [0, 78, 3]
    app2 = walk_app(session, guide, FakeClock())
    async with app2.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert progress(app2).startswith("Item 2 of 3 · B1")
        assert int(app2.screen.query_one(PartView).scroll_y) == scroll
        # B1 has 78 s spent of its 1-minute timebox: the resumed timer shows it over time
        assert "+00:18 OVER" in str(app2.screen.timer.content)
        assert app2.screen.timer.has_class("-over")
        # the jump list marks covered items (two minutes spent or something captured: 78 s
        # and 3 s with nothing captured are not) and jumps
        await pilot.press("g")
        await pilot.pause()
        agenda = app2.screen.query_one("#wt-agenda", OptionList)
        assert agenda.display and agenda.has_focus
        labels = [str(agenda.get_option_at_index(i).prompt) for i in range(3)]
        assert labels[0].startswith(" · 1. A ")
        assert labels[1].startswith("▶· 2. B1 ")
        assert labels[2].startswith(" · 3. B3 ")
        await pilot.press("up", "enter")
        await pilot.pause()
        assert progress(app2).startswith("Item 1 of 3 · A")
        assert not agenda.display  # narrow: the panel closes after a jump


async def test_presenter_view_and_wide_layout(tmp_path) -> None:
    from workshop.tui.screens.presenter import PresenterScreen

    store = SessionStore(tmp_path / "sessions")
    session = store.create("Wide", agenda=AGENDA)
    app = walk_app(session, make_guide(), FakeClock())
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        screen = app.screen
        agenda = screen.query_one("#wt-agenda")
        view = screen.query_one(PartView)
        assert agenda.display and agenda.region.width > 0
        assert view.region.x >= agenda.region.right  # side by side on wide terminals
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        title = str(app.screen.query_one("#pr-title", Static).content)
        prompts = [str(w.content) for w in app.screen.query(".pr-prompt")]
        assert title == "A  Delivery principles"
        assert prompts == ["First prompt for A?", "Second prompt for A?"]
        await pilot.press("n")
        await pilot.pause()
        assert str(app.screen.query_one("#pr-title", Static).content) == "B1  Vision"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert progress(app).startswith("Item 2 of 3 · B1")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not agenda.display  # narrow: the jump list is a panel opened with g
        assert view.region.width >= 78


async def test_hostile_titles_are_shown_literally(tmp_path) -> None:
    from walkthrough_support import HOSTILE

    from workshop.tui.widgets.part_view import literal_text

    store = SessionStore(tmp_path / "sessions")
    session = store.create(HOSTILE.replace("\n", " ")[:200], agenda=[{"part": "B4", "timebox": 5}])
    app = walk_app(session, make_guide(hostile=True), FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = progress(app)
        assert "[bold red]boom[/]" in text and "␛[31m" in text
        title = str(app.screen.query_one("#pv-title", Static).content)
        assert title == "B4  " + literal_text(HOSTILE)
        await pilot.press("f5")
        await pilot.pause()
        shown = str(app.screen.query_one("#pr-title", Static).content)
        assert "[link=https://evil.example]" in shown


async def test_whole_app_quit_and_reopen_lands_on_the_same_item(tmp_path) -> None:
    from workshop.tui.app import WorkshopApp

    guide = make_guide()
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("App flow", agenda=AGENDA)
    session_id = session.id
    session.close()

    app = WorkshopApp(guide=guide, sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WalkthroughScreen)
        clock = FakeClock()
        screen.timer.clock = clock
        await pilot.press("n", "n")  # walk three parts: A, B1, B3
        await pilot.pause()
        assert progress(app).startswith("Item 3 of 3 · B3")
        await pilot.press("t")
        clock.advance(12.7)
        await pilot.press("ctrl+q")  # quitting writes the running timer's seconds first
        await pilot.pause()

    session = store.open(session_id)
    assert [item["spent"] for item in session.agenda] == [0, 0, 12]
    assert session.ui_state["item"] == 2 and session.ui_state["part"] == "B3"
    session.close()
    app = WorkshopApp(guide=guide, sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WalkthroughScreen)
        assert progress(app).startswith("Item 3 of 3 · B3")
        assert app.screen.timer.saved == 12
