"""Home start-up work: the first-run welcome is built only for an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, DataTable

from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.home import HomeScreen, Welcome


@pytest.fixture(scope="module")
def guide():
    return load_guide()


async def test_welcome_is_not_built_when_there_are_sessions(guide, sessions_path: Path) -> None:
    SessionStore(sessions_path).create("Harbour day").close()
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and not home.first_run
        assert not home.query(Welcome) and not home.query(Button)
        table = home.query_one(DataTable)
        assert table.row_count == 1 and app.focused is table


async def test_welcome_appears_once_the_last_session_is_deleted(
        guide, sessions_path: Path) -> None:
    SessionStore(sessions_path).create("Only one").close()
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")  # confirm the delete
        await pilot.pause()
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen) and home.first_run
        assert home.query_one("#first-run", Welcome).display
        assert not home.query_one("#sessions").display
        assert app.focused is home.query_one("#new", Button)
        # a session created elsewhere shows the list again; the welcome is kept, hidden
        SessionStore(sessions_path).create("Second").close()
        await pilot.press("r")
        await pilot.pause()
        assert not home.first_run and len(home.query(Welcome)) == 1
        assert not home.query_one(Welcome).display
        assert app.focused is home.query_one(DataTable)
        home.reload()  # reloading never builds a second welcome
        assert len(home.query(Welcome)) == 1


async def test_first_run_focuses_the_new_session_button(guide, sessions_path: Path) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.query_one("#new", Button)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
