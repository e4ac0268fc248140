"""The item timer is honest about Home (issue 10, item 13).

It keeps running while the session is open in the app, Home included, until the facilitator
pauses it or quits (or opens another session): coming back shows it still running, with the time
spent at Home counted; quitting from Home books that time and stops it.
"""

from __future__ import annotations

from walkthrough_support import make_guide

from workshop.store import SessionStore
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.timer import ItemTimer

AGENDA = [{"part": "A", "timebox": 10}, {"part": "B1", "timebox": 10}]


def new_session(tmp_path, title="Timer"):
    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create(title, agenda=AGENDA)
    session_id = session.id
    session.close()
    return folder, store, session_id


def app_for(folder, session_id):
    from workshop.tui.app import WorkshopApp

    return WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)


async def settle(pilot, condition, tries: int = 300) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not settle")


def walkthrough_ready(app) -> bool:
    screen = app.screen
    return isinstance(screen, WalkthroughScreen) and bool(screen.query(ItemTimer))


async def go_home(pilot) -> None:
    app = pilot.app
    for _ in range(3):  # a first Esc may only leave a list
        if not isinstance(app.screen, HomeScreen):
            await pilot.press("escape")
        await pilot.pause()
    await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.session is None)


def spent(store, session_id, index=0) -> int:
    session = store.open(session_id)
    try:
        return int(session.agenda[index].get("spent", 0) or 0)
    finally:
        session.close()


async def test_the_timer_keeps_running_at_home_and_comes_back_running(tmp_path):
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: walkthrough_ready(app))
        await pilot.press("t")
        assert app.screen.timer.running
        await go_home(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("keeps running while you are at Home" in m for m in messages), messages
        app.timer_left_running.since -= 120  # two minutes at Home (the clock moved on)
        app.open_session(session_id)
        await settle(pilot, lambda: walkthrough_ready(app))
        await pilot.pause()
        timer = app.screen.timer
        assert timer.running
        assert timer.elapsed >= 120
        assert app.session.agenda[0]["spent"] >= 120  # booked to the item, on disk
        assert "▶" in str(timer.render())


async def test_quitting_from_home_books_the_time_at_home_and_stops(tmp_path):
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: walkthrough_ready(app))
        await pilot.press("t")
        await go_home(pilot)
        app.timer_left_running.since -= 90
        await app.action_quit()
        await pilot.pause()
    assert spent(store, session_id) >= 90


async def test_opening_another_session_books_the_first_ones_time(tmp_path):
    folder, store, session_id = new_session(tmp_path)
    other = store.create("Other", agenda=AGENDA)
    other_id = other.id
    other.close()
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: walkthrough_ready(app))
        await pilot.press("t")
        await go_home(pilot)
        app.timer_left_running.since -= 60
        app.open_session(other_id)
        await settle(pilot, lambda: walkthrough_ready(app))
        assert not app.screen.timer.running  # the other session's timer was never started
        assert app.timer_left_running is None
    assert spent(store, session_id) >= 60


async def test_a_paused_timer_stays_paused(tmp_path):
    folder, store, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: walkthrough_ready(app))
        await pilot.press("t", "t")
        await go_home(pilot)
        assert getattr(app, "timer_left_running", None) is None
        assert not any("keeps running" in str(n.message) for n in app._notifications)
        app.open_session(session_id)
        await settle(pilot, lambda: walkthrough_ready(app))
        assert not app.screen.timer.running
