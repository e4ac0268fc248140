"""Snapshots of the home and setup screens at 80x24 and 120x40 (plain `def` tests: snap_compare
runs the app itself). Data is the fixed demo; times are shown in UTC; no blinking cursors."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.store.demo import create_demo
from workshop.tui.app import WorkshopApp

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def fresh_event_loop_and_utc(monkeypatch: pytest.MonkeyPatch):
    """Textual issue 5788: an earlier asyncio.run() leaves no current loop for snap_compare."""
    asyncio.set_event_loop(asyncio.new_event_loop())
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def app_with_demo() -> WorkshopApp:
    guide = load_guide()
    sessions = Path("sessions")  # relative: the folder name on screen is the same every run
    store = SessionStore(sessions)
    questions = {risk.id: tuple(risk.questions) for risk in guide.risks}
    create_demo(store, questions).close()
    return WorkshopApp(guide=guide, sessions_dir=sessions)


async def no_blink(pilot) -> None:
    for widget in pilot.app.screen.query(Input):
        widget.cursor_blink = False
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_with_sessions(snap_compare, size) -> None:
    assert snap_compare(app_with_demo(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home_first_run(snap_compare, size) -> None:
    app = WorkshopApp(guide=load_guide(), sessions_dir=Path("sessions"))
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_setup_new_with_bad_date(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        await no_blink(pilot)
        await pilot.press(*"Harbourford [b]day[/b]")
        date = pilot.app.screen.query_one("#f-date", Input)
        date.focus()
        await pilot.press(*"2026-02-30")
        await pilot.pause()

    app = WorkshopApp(guide=load_guide(), sessions_dir=Path("sessions"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_setup_agenda_preset(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await pilot.press("n")
        await pilot.pause()
        await no_blink(pilot)
        await pilot.press("f4")
        pilot.app.screen.query_one("#preset", Select).value = "citizen"
        await pilot.pause()
        await pilot.press("f4")  # focus the agenda list
        await pilot.press("shift+down", "plus")
        await pilot.pause()

    app = WorkshopApp(guide=load_guide(), sessions_dir=Path("sessions"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)
