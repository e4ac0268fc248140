"""Keys typed in one burst are handled in the order typed, on Home, setup and the registers.

Issue 10 items 9 and 10 as a facilitator met them in tmux (send-keys delivers a whole string at
once): two participant adds with Enter in one burst; two stakeholder or benefit adds with ctrl+s
in one burst; Home's `n`/`e` followed by the text and ctrl+s; setup never locks the app out of
its own session however it is left; the follow-up review and the engagement form take Tab and
the outcome keys in order. Keys go through the driver all at once (keys_support.burst); the
tests poll until the app settles.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from keys_support import burst
from textual.widgets import Input

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.home import HomeScreen
from workshop.tui.screens.setup import SetupScreen


async def settle(pilot, done, *, rounds: int = 300) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def make_session(sessions_path: Path, guide, title: str = "Burst day") -> str:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create(title, agenda=[{"part": "B3", "timebox": 20}]) as session:
        return session.id


def snapshot(sessions_path: Path, session_id: str) -> dict:
    return SessionStore(sessions_path).read_snapshot(session_id)


async def home(app, pilot) -> HomeScreen:
    await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.sessions)
    return app.screen


# -- item 1: participants, Enter submits, two adds in one burst; no self-lock -------------------


async def test_two_participant_adds_with_enter_in_one_burst(guide, sessions_path) -> None:
    session_id = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home(app, pilot)
        burst(app, "e", "f3", "a", *"Zoe Test", "enter", "a", *"Karim Haddad", "enter")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen)
                     and len(app.screen.participants) >= 2)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        assert [p["name"] for p in setup.participants] == ["Zoe Test", "Karim Haddad"]
        burst(app, "ctrl+s")
        await settle(pilot, lambda: len(snapshot(sessions_path, session_id)["participants"]) == 2)
    names = [p["name"] for p in snapshot(sessions_path, session_id)["participants"]]
    assert names == ["Zoe Test", "Karim Haddad"]


@pytest.mark.parametrize("leave", ["escape", "pop"])
async def test_setup_left_any_way_never_locks_the_app_out(guide, sessions_path, leave) -> None:
    make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home(app, pilot)
        burst(app, "e")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen) and app.screen.is_mounted)
        if leave == "escape":
            burst(app, "escape")
        else:
            app.pop_screen()  # however the screen goes away, its session lock goes with it
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen))
        burst(app, "e")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen) and app.screen.is_mounted)
        assert not app.screen.readonly
        assert not any("READ-ONLY" in str(n.message) for n in app._notifications)


# -- item 6: Home's letters hold the keys after them; setup's ctrl+s waits for them -------------


async def test_new_session_title_and_save_in_one_burst(guide, sessions_path) -> None:
    make_session(sessions_path, guide, "Existing")
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home(app, pilot)
        burst(app, "n", *"Dundee data workshop", "ctrl+s")
        # the toast is a message of its own: wait for it too, not only for the file
        await settle(pilot, lambda: any(s.title == "Dundee data workshop"
                                        for s in app.store.list())
                     and any(str(n.message).startswith("Saved") for n in app._notifications))
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#f-title", Input).value == "Dundee data workshop"
        said = [str(n.message) for n in app._notifications]
        assert not any("title is needed" in m for m in said)
        assert any(m.startswith("Saved 'Dundee data workshop'") for m in said)


async def test_edit_title_and_save_in_one_burst(guide, sessions_path) -> None:
    session_id = make_session(sessions_path, guide, "Leeds day")
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await home(app, pilot)
        burst(app, "e", *" (revised)", "ctrl+s")
        await settle(pilot, lambda: snapshot(sessions_path, session_id)["session"]["title"]
                     == "Leeds day (revised)"
                     and any(str(n.message).startswith("Saved") for n in app._notifications))
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#f-title", Input).value == "Leeds day (revised)"
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Saved 'Leeds day (revised)'") for m in said)
    assert snapshot(sessions_path, session_id)["session"]["title"] == "Leeds day (revised)"


# -- item 4: the follow-up review takes Tab and the outcome keys in order -----------------------


def review_app(tmp_path, count: int):
    """The workshop app showing the follow-up review of `count` carried-over overdue actions."""
    import datetime as dt

    from engagement_support import small_guide
    from test_followup_review import carried_session

    from workshop.tui.screens.followup import FollowUpReviewScreen

    store = SessionStore(tmp_path / "sessions")
    session = carried_session(store, count, due="2026-04-01")
    day = dt.date(2026, 11, 25)

    class App(WorkshopApp):
        def on_ready(self) -> None:
            self.push_screen(FollowUpReviewScreen(session, small_guide(), today=day))

    return App(guide=small_guide(), sessions_dir=tmp_path / "sessions"), session


async def test_review_outcomes_with_tab_and_notes_in_one_burst(tmp_path) -> None:
    from test_followup_review import TITLES, shown_title

    app, session = review_app(tmp_path, 4)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])
        burst(app, *"15/12", "f6", "tab", *"Finished in March", "f9",
              "tab", *"No budget this year", "f7")
        await settle(pilot, lambda: shown_title(app) == TITLES[3])
        assert app.screen.query_one("#review-due", Input).value == ""
        assert app.screen.query_one("#review-reason", Input).value == ""
    by_title = {r["title"]: r for r in session.records("action")}
    assert (by_title[TITLES[0]]["status"], by_title[TITLES[0]]["due"]) == ("open", "2026-12-15")
    assert (by_title[TITLES[1]]["status"], by_title[TITLES[1]]["status_note"]) == (
        "done", "Finished in March")
    assert (by_title[TITLES[2]]["status"], by_title[TITLES[2]]["status_note"]) == (
        "dropped", "No budget this year")


async def test_review_refusal_is_said_on_the_form_and_cleared(tmp_path) -> None:
    """A refused drop says why beside the reason field (no toast that outlives the fix); the
    next action starts without it. Tab stays among the fields, so nothing typed is lost on a
    button."""
    from test_followup_review import TITLES, shown_title
    from textual.widgets import Static

    app, session = review_app(tmp_path, 3)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: shown_title(app) == TITLES[0])

        def reason_line() -> str:
            return str(app.screen.query_one("#field-review-reason .reason", Static).render())

        burst(app, "f7")
        await settle(pilot, lambda: "needs a reason" in reason_line())
        assert "needs a reason" in reason_line()
        burst(app, *"no budget", "f7")
        await settle(pilot, lambda: shown_title(app) == TITLES[1])
        assert "needs a reason" not in reason_line()
        assert not any("needs a reason" in str(n.message) for n in app._notifications)
        burst(app, "tab", "tab", "tab", *"kept", "f9")
        await settle(pilot, lambda: shown_title(app) == TITLES[2])
    by_title = {r["title"]: r for r in session.records("action")}
    assert (by_title[TITLES[0]]["status"], by_title[TITLES[0]]["status_note"]) == (
        "dropped", "no budget")
    assert (by_title[TITLES[1]]["status"], by_title[TITLES[1]]["status_note"]) == (
        "done", "kept")


async def test_backspace_in_a_burst_deletes_where_it_was_typed(guide, sessions_path) -> None:
    """`Leedz` backspace `s` at once gives "Leeds": a key a field handles through a binding
    (backspace) acts before the letters typed after it."""
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen))
        burst(app, *"Leedz", "backspace", "s", "tab", *"York")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen)
                     and app.screen.query_one("#f-city", Input).value == "York")
        assert app.screen.query_one("#f-title", Input).value == "Leeds"
        assert app.screen.query_one("#f-city", Input).value == "York"
