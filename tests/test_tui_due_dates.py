"""Due dates in the app: relative dates count from the session's date when the session is not
today, day-first dates are accepted, and every due-date field shows the resolved date as you
type (keys sent in bursts, as a paste or a fast typist delivers them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engagement_support import small_guide
from keys_support import burst
from textual.app import App
from textual.widgets import Input, Static
from walkthrough_support import FakeClock, make_guide

from workshop.guide.model import Guide
from workshop.store import SessionStore
from workshop.tui.screens.stakeholders import StakeholdersScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets.capture_forms import RecordForm

SESSION_DAY = "2026-11-02"  # a Monday, long enough ago never to be today


class SessionApp(App):
    """The app's shape as the screens see it: `session` is the open session."""

    def __init__(self, session: Any, screen_factory: Any, store: SessionStore) -> None:
        super().__init__()
        self.session, self.screen_factory, self.store = session, screen_factory, store

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory())


async def wait_until(pilot, condition, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("the app did not get there")


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_action_due_counts_from_the_session_date(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Typed up later", date=SESSION_DAY,
                           agenda=[{"part": "B1", "timebox": 10}])
    app = SessionApp(session, lambda: WalkthroughScreen(session, make_guide(),
                                                        clock=FakeClock()), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "a", *"Send the bus data")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm)
                         and app.screen.query_one("#title", Input).value == "Send the bus data")
        form = app.screen
        form.query_one("#due", Input).focus()
        await pilot.pause()
        burst(app, *"+2w")
        await wait_until(pilot, lambda: "2026-11-16" in text_of(form, "#due-hint"))
        hint = text_of(form, "#due-hint")
        assert "counted from the session's date, Mon 2 Nov 2026" in hint
        form.query_one("#due", Input).value = ""
        burst(app, *"friday")
        await wait_until(pilot, lambda: "2026-11-06" in text_of(form, "#due-hint"))
        form.query_one("#due", Input).value = ""
        burst(app, *"15/12/2026")
        await wait_until(pilot, lambda: "2026-12-15" in text_of(form, "#due-hint"))
        burst(app, "ctrl+s")
        await wait_until(pilot, lambda: session.records(kind="action"))
    assert session.records(kind="action")[0]["due"] == "2026-12-15"
    session.close()


async def test_register_due_fields_show_the_resolved_date(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Engagement", date=SESSION_DAY,
                           agenda=[{"part": "B3", "timebox": 10}])
    guide: Guide = small_guide()
    app = SessionApp(session, lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        burst(app, "n")
        await wait_until(pilot, lambda: bool(app.screen.query("#en-due")))
        form = app.screen
        form.query_one("#en-due", Input).focus()
        await pilot.pause()
        burst(app, *"next friday")
        await wait_until(pilot, lambda: "13 Nov 2026" in text_of(form, "#field-en-due .reason"))
        assert text_of(form, "#field-en-due .reason").startswith("→ Fri 13 Nov 2026")
        form.query_one("#en-due", Input).value = ""
        burst(app, *"31/02/2026")
        await wait_until(pilot, lambda: "13 Nov" not in text_of(form, "#field-en-due .reason"))
        assert "YYYY-MM-DD" in text_of(form, "#field-en-due .reason")
        form.query_one("#en-due", Input).value = ""
        burst(app, *"15.12.2026")
        await wait_until(pilot, lambda: "Tue 15 Dec 2026" in text_of(form,
                                                                    "#field-en-due .reason"))
        assert form.due_field("en-due") == "2026-12-15"
        form.query_one("#en-due", Input).value = "+1w"
        assert form.due_field("en-due") == "2026-11-09"  # from the session's date
    session.close()


def test_the_app_reads_dates_in_the_configured_order(isolated_environment) -> None:
    import json

    from workshop import dates
    from workshop.tui.app import WorkshopApp

    config = isolated_environment / "config"
    config.mkdir(exist_ok=True)
    (config / "config.json").write_text(json.dumps({"date_order": "month-first"}))
    try:
        WorkshopApp(guide=make_guide(), sessions_dir=isolated_environment / "sessions")
        assert dates.parse_due("12/15/2026", dt.date(2026, 11, 25)) == "2026-12-15"
    finally:
        dates.set_date_order(dates.DAY_FIRST)


async def test_the_resolved_date_is_in_view_at_80x24(tmp_path) -> None:
    """Tabbing to Due at 80x24 and typing scrolls the form so the resolved date below the
    field shows (it used to stay below the fold)."""
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Small screen", date=SESSION_DAY,
                           agenda=[{"part": "B1", "timebox": 10}])
    app = SessionApp(session, lambda: WalkthroughScreen(session, make_guide(),
                                                        clock=FakeClock()), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "a", *"Send the bus data", "tab", "tab", "tab")
        await wait_until(pilot, lambda: isinstance(app.screen, RecordForm)
                         and app.screen.focused is app.screen.query_one("#due", Input))
        form = app.screen
        await pilot.pause()
        burst(app, *"next friday")
        hint = form.query_one("#due-hint", Static)
        await wait_until(pilot, lambda: "2026-11-13" in text_of(form, "#due-hint"))
        await wait_until(pilot, lambda: hint.region.height > 0)
        await pilot.pause(0.3)  # any scrolling animation ends
        body = form.query_one("#form-body")
        assert body.region.contains_region(hint.region), (hint.region, body.region)
    session.close()
