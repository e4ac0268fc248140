"""Snapshots of the walkthrough (with its capture panel), the capture forms, the actions review and
the wrap-up at 80x24 and 120x40 (plain `def` tests: snap_compare runs the app itself).

Data is the fixed Harbourford demo, opened through the real app and store. Everything that could
change between runs is pinned: the item timer runs on a clock that never moves, "today" is the demo
workshop's day (due-date hints, overdue marks), times are shown in UTC, cursors do not blink.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import functools
import time
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea
from walkthrough_support import FakeClock

import workshop.tui.screens.walkthrough as walkthrough_module
import workshop.tui.screens.wrapup as wrapup_module
from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.store.demo import create_demo
from workshop.summary import SummaryOptions
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.actions_review import ActionsReviewScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.screens.wrapup import WrapUpScreen
from workshop.tui.widgets.capture_forms import FormContext, RecordForm

SIZES = [(80, 24), (120, 40)]
WORKSHOP_DAY = dt.date(2026, 3, 12)  # the demo session's date
B3_ITEM = 2  # agenda item 3 of the demo: B3 collaborative engagement, every kind of record


class PinnedWalkthrough(WalkthroughScreen):
    """The real walkthrough with a clock that never moves and the workshop's day as today."""

    def __init__(self, session, guide, **kwargs) -> None:
        kwargs.setdefault("clock", FakeClock())
        super().__init__(session, guide, **kwargs)

    def form_context(self, part_id: str) -> FormContext:
        return dataclasses.replace(super().form_context(part_id), today=WORKSHOP_DAY)


@pytest.fixture(autouse=True)
def pinned(monkeypatch: pytest.MonkeyPatch):
    """Fresh event loop (Textual issue 5788), UTC, fixed clock and fixed today."""
    asyncio.set_event_loop(asyncio.new_event_loop())
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    # the app imports the walkthrough screen from its module when a session opens
    monkeypatch.setattr(walkthrough_module, "WalkthroughScreen", PinnedWalkthrough)
    monkeypatch.setattr(wrapup_module, "SummaryOptions",
                        functools.partial(SummaryOptions, today=WORKSHOP_DAY))
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def demo_app() -> WorkshopApp:
    """The app opened straight on the demo workshop (as `workshop open SESSION` does)."""
    guide = load_guide()
    sessions = Path("sessions")
    store = SessionStore(sessions)
    questions = {risk.id: tuple(risk.questions) for risk in guide.risks}
    with create_demo(store, questions) as session:
        session_id = session.id
    return WorkshopApp(guide=guide, sessions_dir=sessions, open_session=session_id)


async def wait_for(pilot, screen_type: type) -> None:
    for _ in range(50):
        if isinstance(pilot.app.screen, screen_type):
            break
        await pilot.pause(0.02)
    assert isinstance(pilot.app.screen, screen_type), pilot.app.screen
    await pilot.pause()


async def no_blink(pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        if isinstance(widget, (Input, TextArea)):
            widget.cursor_blink = False
    await pilot.pause()


async def focus_drawn(pilot) -> None:
    """Wait until the form's first field shows that it has focus (its :focus style applied)."""
    for _ in range(50):
        focused = pilot.app.screen.focused
        if focused is not None and focused.has_focus and focused.has_pseudo_class("focus"):
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def on_b3(pilot) -> WalkthroughScreen:
    """Open the demo's walkthrough and step to the B3 item, its records loaded."""
    await wait_for(pilot, PinnedWalkthrough)
    walk = pilot.app.screen
    await pilot.press(*["n"] * B3_ITEM)
    await pilot.pause()
    walk.ensure_records()
    await pilot.pause()
    assert walk.capture.part_id == "B3"
    assert walk.query_one("#cp-table").row_count > 5
    return walk


def sized(test):
    return pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")(test)


@sized
def test_walkthrough_with_capture_panel(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await on_b3(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@sized
def test_capture_action_form(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await on_b3(pilot)
        await pilot.press("a")
        await wait_for(pilot, RecordForm)
        await no_blink(pilot)
        form = pilot.app.screen
        form.query_one("#description", TextArea).text = (
            "Two evenings in Westside, with printed material for people who are not online."
        )
        await pilot.press(*"Run offline consultation evenings")  # the title has focus
        form.query_one("#owner", Input).value = "Farid Haddad"
        form.query_one("#due", Input).focus()
        await pilot.press(*"+2w")  # typed last: the form scrolls to it, the date shows below
        await pilot.pause()
        assert form.query_one("#due-hint").display

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@sized
def test_capture_rating_form(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await on_b3(pilot)
        await pilot.press("r")
        await wait_for(pilot, RecordForm)
        await no_blink(pilot)
        await focus_drawn(pilot)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@sized
def test_actions_review(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await on_b3(pilot)
        await pilot.press("A")
        await wait_for(pilot, ActionsReviewScreen)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@sized
def test_wrapup(snap_compare, size) -> None:
    async def run_before(pilot) -> None:
        await on_b3(pilot)
        await pilot.press("S")
        await wait_for(pilot, WrapUpScreen)

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)


@sized
def test_wrapup_actions_by_owner(snap_compare, size) -> None:
    """The end of the summary: actions by owner with due dates, parts not covered."""
    async def run_before(pilot) -> None:
        await on_b3(pilot)
        await pilot.press("S")
        await wait_for(pilot, WrapUpScreen)
        await pilot.press("end")
        await pilot.pause()
        assert pilot.app.screen.query_one("#wu-body").scroll_y > 0

    assert snap_compare(demo_app(), terminal_size=size, run_before=run_before)
