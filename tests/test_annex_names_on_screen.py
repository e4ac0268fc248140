"""People always see "Annex A" / "Annex B", never the file ids "AnnexA" / "AnnexB" (issue 10
item 21): every TUI screen that names a part is drawn at 80x24 and 120x40 and searched for the
raw id. Ids in files and sessions stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from keys_support import burst

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.walkthrough import WalkthroughScreen

RAW = re.compile(r"Annex[AB]")



async def settle(pilot, done, rounds: int = 200) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def annex_session(sessions_path: Path, guide) -> str:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Annex day", agenda=[{"part": "AnnexB", "timebox": 20},
                                           {"part": "AnnexA", "timebox": 10},
                                           {"part": "D", "timebox": 10}]) as session:
        session.add_participant(name="Ann Lee", sector="public")
        session.add_record("note", "AnnexB", rec="AnnexB.R1", text="Annex note")
        session.add_record("decision", "AnnexB", rec="AnnexB.R2", text="Adopt the checklist")
        session.add_record("action", "AnnexA", rec="AnnexA.R1", title="Write principles",
                           owner="Ann Lee")
        session.add_record("risk", "AnnexB", risk="AnnexB.K1", title="Weak leadership",
                           likelihood=3, impact=4)
        session.add_record("idea", "AnnexB", text="Idea on the annex")
        session.add_record("vote", "AnnexB", rec="AnnexB.R1", dots=2)
        return session.id


def raw_ids(app: WorkshopApp) -> list[str]:
    text = app.export_screenshot().replace("&#160;", " ")
    return sorted({m.group(0) + text[m.end():m.end() + 12] for m in RAW.finditer(text)})


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_no_screen_shows_annex_ids_raw(guide, sessions_path, size) -> None:
    sid = annex_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        home = app.screen
        burst(app, "g")  # the guide browser, scrolled down to the annexes
        await settle(pilot, lambda: app.screen is not home and app.screen.is_mounted)
        burst(app, "end")
        await settle(pilot, lambda: False, rounds=10)
        seen["guide browser"] = raw_ids(app)
        burst(app, "escape")
        await settle(pilot, lambda: app.screen is home)
        app.open_session(sid)
        await settle(pilot, lambda: isinstance(app.screen, WalkthroughScreen)
                     and app.screen.is_mounted)
        walk = app.screen
        await pilot.pause()
        seen["walkthrough"] = raw_ids(app)

        async def visit(name: str, *keys: str, back: tuple[str, ...] = ("escape",)) -> None:
            burst(app, *keys)
            await settle(pilot, lambda: app.screen is not walk and app.screen.is_mounted)
            await settle(pilot, lambda: False, rounds=5)
            seen[name] = raw_ids(app)
            burst(app, *back)
            await settle(pilot, lambda: app.screen is walk)

        await visit("jump list", "g")
        await visit("note form", "w", back=("escape", "y"))
        await visit("wrap-up", "S")
        await visit("actions review", "A")
        await visit("presenter", "f5")
        await visit("help", "f1")
        burst(app, "l")  # the captured list
        await settle(pilot, lambda: False, rounds=5)
        seen["captured list"] = raw_ids(app)
        for which in ("risks", "stakeholders"):
            app.open_engagement_screen(which)
            await settle(pilot, lambda: app.screen is not walk and app.screen.is_mounted)
            await settle(pilot, lambda: False, rounds=5)
            seen[which] = raw_ids(app)
            if which == "risks":
                burst(app, "f2")
                await settle(pilot, lambda: False, rounds=5)
                seen["heat map"] = raw_ids(app)
            app.pop_screen()
            await settle(pilot, lambda: app.screen is walk)
    shown = {name: ids for name, ids in seen.items() if ids}
    assert shown == {}
