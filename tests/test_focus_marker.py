"""Focus is visible without colour at 80x24, in the light and the dark theme (issue 10 item 20).

What each widget draws is read as plain characters (no colour, no style): the focused widget
shows a marker, ▌ in a one-cell gutter for frameless widgets (compact fields, selects, buttons,
tables) or a heavy frame (┏━┓) for framed ones (lists), and the widgets without focus do not.
"""

from __future__ import annotations

import pytest

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp

THEMES = ["textual-dark", "textual-light"]



async def open_screen(app: WorkshopApp, pilot, session_id: str, which: str, ready: str):
    """The real app (its stylesheet draws the markers) on one screen of an open session."""
    await pilot.pause()
    app.open_session(session_id)
    await settle(pilot, lambda: app.session is not None and app.screen.is_mounted)
    app.open_engagement_screen(which)
    await settle(pilot, lambda: bool(app.screen.query(ready)))
    await pilot.pause()
    return app.screen


def screen_text(app) -> list[str]:
    """The screen as plain characters, as `tmux capture-pane -p` gives it (no colour, no style)."""
    import io

    from rich.console import Console

    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(),
                      force_terminal=True, color_system="truecolor", record=True,
                      legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False).splitlines()


def lines_of(widget) -> list[str]:
    """What the screen shows where the widget is (its frame and gutter included)."""
    region = widget.region
    text = screen_text(widget.app)
    return [text[y][region.x:region.right] for y in range(region.y, region.bottom)]


async def settle(pilot, done, rounds: int = 200) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


async def focus(pilot, widget) -> None:
    pilot.app.screen.set_focus(widget)
    await settle(pilot, lambda: pilot.app.screen.focused is widget)
    await pilot.pause()


def new_session(sessions_path, guide, **people: str) -> str:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Focus", agenda=[{"part": "D", "timebox": 10}]) as session:
        for name, sector in people.items():
            session.add_participant(name=name, sector=sector)
        return session.id


@pytest.mark.parametrize("theme", THEMES)
async def test_risk_form_and_list_show_focus_without_colour(guide, sessions_path, theme):
    sid = new_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        screen = await open_screen(app, pilot, sid, "risks", "#answer-1")
        first, second = screen.query_one("#answer-0"), screen.query_one("#answer-1")
        assert screen.focused is first
        assert lines_of(first)[0].startswith("▌")
        assert not lines_of(second)[0].startswith("▌")
        await focus(pilot, second)
        assert lines_of(second)[0].startswith("▌")
        assert not lines_of(first)[0].startswith("▌")

        status = screen.query_one("#risk-status")
        await focus(pilot, status)
        assert lines_of(status)[0].startswith("▌")

        risk_list = screen.query_one("#risk-list")
        unfocused = lines_of(risk_list)
        assert "┏" not in unfocused[0]
        await focus(pilot, risk_list)
        drawn = lines_of(risk_list)
        assert drawn[0].startswith("┏") and drawn[1].startswith("┃")

        await pilot.press("ctrl+o")
        await settle(pilot, lambda: app.screen.query("#form-cancel"))
        cancel = app.screen.query_one("#form-cancel")
        save = app.screen.query_one("#form-save")
        await focus(pilot, cancel)
        assert lines_of(cancel)[0].startswith("▌")
        assert not lines_of(save)[0].startswith("▌")


@pytest.mark.parametrize("theme", THEMES)
async def test_tables_show_focus_without_colour(guide, sessions_path, theme):
    sid = new_session(sessions_path, guide, **{"Ann Lee": "public"})
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        screen = await open_screen(app, pilot, sid, "stakeholders", "#sh-register")
        table = screen.query_one("#sh-register")
        await focus(pilot, table)
        assert all(line.startswith("▌") for line in lines_of(table)[:2])
        table.blur()
        await pilot.pause()
        assert not any(line.startswith("▌") for line in lines_of(table))
