"""The command palette and the F1 help (issue 10 item 21).

The palette lists each action once (a screen's own wording wins over its key's short label, and
the key is named in the help line), uses "an" before a vowel, and "theme" finds the light/dark
switch. F1 shows the keys of the screen it was pressed on first, and draws no stray glyphs (no
horizontal scrollbar under the key tables at 80x24).
"""

from __future__ import annotations

import re
from pathlib import Path

from keys_support import burst
from textual.command import CommandPalette
from textual.widgets import DataTable, Static

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.commands import WorkshopCommands, screen_commands
from workshop.tui.screens.help import HelpScreen
from workshop.tui.screens.walkthrough import WalkthroughScreen


async def settle(pilot, done, rounds: int = 200) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def session_id(sessions_path: Path, guide) -> str:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Palette day", agenda=[{"part": "B3", "timebox": 20},
                                             {"part": "AnnexB", "timebox": 10}]) as session:
        return session.id


async def open_walkthrough(app: WorkshopApp, pilot, sid: str) -> WalkthroughScreen:
    app.open_session(sid)
    await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                 and app.screen.is_mounted)
    await pilot.pause()
    return app.screen


def count(titles: list[str], pattern: str) -> int:
    return sum(1 for t in titles if re.search(pattern, t, re.IGNORECASE))


async def test_walkthrough_palette_lists_each_action_once(guide, sessions_path) -> None:
    sid = session_id(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_walkthrough(app, pilot, sid)
        commands = screen_commands(screen)
        titles = [title for title, _help, _cb in commands]
        assert len(titles) == len(set(titles))
        assert not any(t.startswith("Walkthrough: Walkthrough:") for t in titles)
        for pattern in (r"\bnext\b", r"\bprev", r"present", r"\bundo\b", r"wrap-up",
                        r"new idea|: idea$", r"new note|: note$", r"new action|: action$",
                        r"edit", r"delete", r"timer(?<!reset timer)$|start or pause"):
            assert count(titles, pattern) == 1, (pattern, titles)
        helps = {title: help_text for title, help_text, _cb in commands}
        assert any("Record an idea" in h for h in helps.values())
        assert any("Record an action" in h for h in helps.values())
        assert not any(re.search(r"\ba [aeiou]", h) for h in helps.values()), helps
        next_item = next(t for t in titles if re.search(r"\bnext\b", t, re.IGNORECASE))
        assert "key: n" in helps[next_item]


async def test_other_screens_do_not_repeat_their_group(guide, sessions_path) -> None:
    sid = session_id(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        for key in ("S", "escape", "f5", "escape", "A"):
            burst(app, key)
            await settle(pilot, lambda: app.screen.is_mounted)
            await pilot.pause()
            titles = [t for t, _h, _c in screen_commands(app.screen)]
            assert len(titles) == len(set(titles)), titles
            assert not any(re.match(r"^([\w -]+): \1:", t, re.IGNORECASE) for t in titles), \
                titles
            actions = {t.split(": ", 1)[1].lower() for t in titles if ": " in t}
            assert not {"back", "back to walkthrough"} <= actions, titles


async def test_theme_finds_the_light_dark_switch(guide, sessions_path) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = WorkshopCommands(app.screen)
        hits = [hit.text async for hit in provider.search("theme")]
        assert any("light/dark" in h.lower() for h in hits), hits
        burst(app, "ctrl+p")
        await settle(pilot, lambda: isinstance(app.screen, CommandPalette))
        burst(app, *"theme")
        await settle(pilot, lambda: False, rounds=30)
        burst(app, "enter")
        await settle(pilot, lambda: app.theme == "textual-light")
        assert app.theme == "textual-light"


async def test_f1_opens_on_the_current_screens_keys(guide, sessions_path) -> None:
    sid = session_id(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        burst(app, "f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen) and app.screen.is_mounted)
        await pilot.pause()
        headings = [str(s.render()) for s in app.screen.query(".help-heading")]
        first = next(h for h in headings if h != "Keys")
        assert first.startswith("Walkthrough"), headings
        assert headings.index("Everywhere") > headings.index(first)
        burst(app, "escape")
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen))
        app.open_engagement_screen("risks")
        await settle(pilot, lambda: type(app.screen).__name__ == "RisksScreen")
        burst(app, "f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen) and app.screen.is_mounted)
        headings = [str(s.render()) for s in app.screen.query(".help-heading")]
        assert next(h for h in headings if h != "Keys").startswith("Risk checklist"), headings


async def test_help_tables_fit_80_columns_without_stray_glyphs(guide, sessions_path) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "f1")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen) and app.screen.is_mounted)
        await pilot.pause()
        for table in app.screen.query(DataTable):
            assert not table.show_horizontal_scrollbar
            assert table.virtual_size.width <= table.size.width, table.virtual_size
        assert "▉" not in app.export_screenshot()
        assert app.screen.query(Static)


async def test_risk_removal_is_in_the_palette(guide, sessions_path) -> None:
    sid = session_id(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        app.open_engagement_screen("risks")
        await settle(pilot, lambda: type(app.screen).__name__ == "RisksScreen"
                     and bool(app.screen.query("#answer-0")))
        titles = [t for t, _h, _c in screen_commands(app.screen)]
        assert "Risks: Remove this risk…" in titles
