"""The session's date in setup takes the forms officers type (15/12/2026 day first, 15/12, next
friday), shows the day it resolved to before saving, and is stored as YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input, Static

from workshop.dates import parse_due
from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.setup import SetupScreen


async def test_a_day_first_date_is_shown_resolved_and_stored_as_iso(sessions_path: Path) -> None:
    app = WorkshopApp(guide=load_guide(), sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#f-title", Input).value = "Dundee data workshop"
        date = setup.query_one("#f-date", Input)
        date.focus()
        await pilot.pause()
        await pilot.press(*"05/06/2027")
        await pilot.pause()
        hint = setup.query_one("#e-date", Static)
        assert hint.display and str(hint.render()) == "→ Sat 5 Jun 2027"  # day first: 5 June
        assert not date.has_class("-invalid")
        await pilot.press("ctrl+s")
        for _ in range(50):
            await pilot.pause()
            if SessionStore(sessions_path).list():
                break
        [info] = SessionStore(sessions_path).list()
        session = SessionStore(sessions_path).open(info.id, readonly=True)
        assert session.meta["date"] == "2027-06-05"
        session.close()


async def test_relative_session_dates_count_from_today(sessions_path: Path) -> None:
    app = WorkshopApp(guide=load_guide(), sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        setup = app.screen
        date = setup.query_one("#f-date", Input)
        date.focus()
        await pilot.pause()
        await pilot.press(*"next friday")
        await pilot.pause()
        expected = dt.date.fromisoformat(parse_due("next friday"))
        text = str(setup.query_one("#e-date", Static).render())
        assert text.startswith("→ Fri ") and f" {expected.day} " in text
