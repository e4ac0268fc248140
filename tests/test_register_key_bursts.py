"""Keys typed in one burst with the key that opens a dialog land in that dialog, in order.

Issue 10 item 10: on the participants list, the stakeholder register and the benefits register,
`a` + a name + ctrl+s sent together (a paste, an SSH link, a fast typist) must save exactly that
name; eight adds in a row (a pause between adds) must save all eight exactly. The follow-up
review holds keys typed while it opens the same way. Keys go through the driver all at once
(keys_support.burst), then the test polls until the app has settled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from keys_support import burst

from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.benefits import BenefitsScreen
from workshop.tui.screens.setup import SetupScreen
from workshop.tui.screens.stakeholders import StakeholdersScreen

NAMES = ["Karim Haddad", "Zoe Test", "Maya Okafor", "Dev Raman", "Li Wen", "Sara Lund",
         "Tom Becker", "Rosa Diaz"]



async def settle(pilot, done, *, rounds: int = 200) -> None:
    """Let the app handle what was sent: pause until `done()` holds (or give up)."""
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def open_session(sessions_path: Path, guide) -> str:
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Burst day", agenda=[{"part": "B3", "timebox": 20}]) as session:
        return session.id


async def open_register(app: WorkshopApp, pilot, session_id: str, which: str):
    app.open_session(session_id)
    await settle(pilot, lambda: app.session is not None)
    app.open_engagement_screen(which)
    kind = {"stakeholders": StakeholdersScreen, "benefits": BenefitsScreen}[which]
    await settle(pilot, lambda: isinstance(app.screen, kind) and app.screen.is_mounted)
    await pilot.pause()
    return app.screen


def type_add(app, key: str, text: str) -> None:
    burst(app, key, *text, "ctrl+s")


# -- setup: participants ------------------------------------------------------------------------


async def open_setup_participants(app: WorkshopApp, pilot) -> SetupScreen:
    await pilot.pause()
    await pilot.press("n")
    await settle(pilot, lambda: isinstance(app.screen, SetupScreen))
    setup = app.screen
    await pilot.press("f3")
    await pilot.pause()
    return setup


async def test_setup_add_participant_in_one_burst(guide, sessions_path) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup_participants(app, pilot)
        type_add(app, "a", "Zoe Test")
        await settle(pilot, lambda: app.screen is setup and setup.participants)
        await pilot.pause()
        assert app.screen is setup
        assert [p["name"] for p in setup.participants] == ["Zoe Test"]


async def test_setup_eight_adds_each_in_one_burst(guide, sessions_path) -> None:
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup_participants(app, pilot)
        for count, name in enumerate(NAMES, 1):
            type_add(app, "a", name)
            await settle(pilot, lambda c=count: app.screen is setup
                         and len(setup.participants) >= c)
        await pilot.pause()
        assert [p["name"] for p in setup.participants] == NAMES


# -- registers ----------------------------------------------------------------------------------


def stored_names(sessions_path: Path, session_id: str) -> list[str]:
    return [p["name"] for p in SessionStore(sessions_path).read_snapshot(session_id)
            ["participants"]]


def stored_benefits(sessions_path: Path, session_id: str) -> list[str]:
    return [r["title"] for r in SessionStore(sessions_path).read_snapshot(session_id)["records"]
            if r["kind"] == "benefit"]


REGISTERS: dict[str, Any] = {
    "stakeholders": lambda app: [p["name"] for p in app.session.participants],
    "benefits": lambda app: [r["title"] for r in app.session.records("benefit")],
}


@pytest.mark.parametrize("which", sorted(REGISTERS))
async def test_register_add_in_one_burst(guide, sessions_path, which) -> None:
    session_id = open_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(app, pilot, session_id, which)
        saved = REGISTERS[which]
        type_add(app, "a", "Zoe Test")
        await settle(pilot, lambda: app.screen is screen and saved(app))
        await pilot.pause()
        assert app.screen is screen
        assert saved(app) == ["Zoe Test"]
    reread = stored_names if which == "stakeholders" else stored_benefits
    assert reread(sessions_path, session_id) == ["Zoe Test"]


@pytest.mark.parametrize("which", sorted(REGISTERS))
async def test_register_eight_adds_each_in_one_burst(guide, sessions_path, which) -> None:
    session_id = open_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(app, pilot, session_id, which)
        saved = REGISTERS[which]
        for count, name in enumerate(NAMES, 1):
            type_add(app, "a", name)
            await settle(pilot, lambda c=count: app.screen is screen and len(saved(app)) >= c)
        await pilot.pause()
        assert saved(app) == NAMES


async def test_setup_tab_key_then_add_in_one_burst(guide, sessions_path) -> None:
    """F3 (to the participants list) and the add typed right behind it, all at once."""
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen))
        setup = app.screen
        burst(app, *"Leeds day", "f3", "a", *"Zoe Test", "ctrl+s")
        await settle(pilot, lambda: app.screen is setup and setup.participants)
        assert setup.details["title"] == "Leeds day"
        assert [p["name"] for p in setup.participants] == ["Zoe Test"]


async def test_setup_agenda_keys_in_one_burst_keep_their_order(guide, sessions_path) -> None:
    """`+` then `x y` at once: the timebox grows first, then the item goes (after asking)."""
    store = SessionStore(sessions_path, known_parts=[p.id for p in guide.parts])
    with store.create("Order", agenda=[{"part": "A", "timebox": 20},
                                       {"part": "B1", "timebox": 20}]) as session:
        session_id = session.id
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(SetupScreen(app.store.open(session_id)))
        await settle(pilot, lambda: isinstance(app.screen, SetupScreen) and app.screen.is_mounted)
        setup = app.screen
        burst(app, "f4", "+", "+", "down", "x", "y")
        await settle(pilot, lambda: app.screen is setup and len(setup.agenda) == 1)
        assert [(i["part"], i["timebox"]) for i in setup.agenda] == [("A", 30)]


# -- two adds in ONE burst (tmux send-keys delivers a whole line at once) -----------------------


async def test_two_stakeholder_adds_in_one_burst(guide, sessions_path) -> None:
    """`aFirst Group` Tab `o` ctrl+s `aSecond Group` Tab `o` ctrl+s: two rows, exactly (Tab
    goes from Name to Kind, where `o` picks "organisation" by its first letter)."""
    session_id = open_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(app, pilot, session_id, "stakeholders")
        burst(app, "a", *"First Group", "tab", "o", "ctrl+s",
              "a", *"Second Group", "tab", "o", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen and len(app.session.participants) >= 2)
        await pilot.pause()
        rows = [(p["name"], p["kind"], p["organisation"]) for p in app.session.participants]
        assert rows == [("First Group", "organisation", ""), ("Second Group", "organisation", "")]
        assert app.screen is screen


async def test_two_benefit_adds_in_one_burst(guide, sessions_path) -> None:
    session_id = open_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(app, pilot, session_id, "benefits")
        burst(app, "a", *"Fewer missed bus connections", "ctrl+s",
              "a", *"Cleaner air near schools", "ctrl+s")
        await settle(pilot, lambda: app.screen is screen and len(REGISTERS["benefits"](app)) >= 2)
        await pilot.pause()
        assert REGISTERS["benefits"](app) == ["Fewer missed bus connections",
                                              "Cleaner air near schools"]
    assert stored_benefits(sessions_path, session_id) == ["Fewer missed bus connections",
                                                          "Cleaner air near schools"]


async def test_engagement_ticks_in_one_burst(guide, sessions_path) -> None:
    """`n`, the text, Tab x4 (to the stakeholder tick list), space, down, space, ctrl+s, all at
    once: the two stakeholders are ticked and saved, as when typed slowly."""
    session_id = open_session(sessions_path, guide)
    store = SessionStore(sessions_path)
    with store.open(session_id) as session:
        ids = [session.add_participant(name=name)["id"] for name in NAMES[:3]]
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(app, pilot, session_id, "stakeholders")
        burst(app, "n", *"Panel design", "tab", "tab", "tab", "tab", "space", "down", "space",
              "ctrl+s")
        await settle(pilot, lambda: app.screen is screen and app.session.records("engagement"))
        [record] = app.session.records("engagement")
        assert record["text"] == "Panel design"
        assert record["stakeholders"] == ids[:2]
