"""Every destructive key on the setup lists and the registers asks first (issue 10 item 11).

Choice per screen: setup (participants, agenda items) asks, y removes, n or Esc keeps: nothing
reaches the store before ctrl+s there, so leaving without saving is the undo. The stakeholder
register, engagement decisions and benefits ask first *and* can be undone with ctrl+z, and the
undo says what it undid. Keys are sent in bursts (the answer typed right behind the `x`).
"""

from __future__ import annotations

import pytest
from engagement_support import Host, small_guide
from keys_support import burst

from workshop.guide.loader import load_guide
from workshop.store import SessionStore
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.benefits import BenefitsScreen
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.setup import SetupScreen
from workshop.tui.screens.stakeholders import StakeholdersScreen


async def settle(pilot, done, rounds: int = 100) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


# -- setup ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def full_guide():
    return load_guide()


async def open_setup(app, pilot, session_id: str) -> SetupScreen:
    await pilot.pause()
    app.push_screen(SetupScreen(app.store.open(session_id)))
    await settle(pilot, lambda: isinstance(app.screen, SetupScreen) and app.screen.is_mounted)
    return app.screen


@pytest.mark.parametrize("answer", ["n", "escape"])
async def test_setup_participant_remove_asks_and_no_keeps(full_guide, sessions_path,
                                                          answer) -> None:
    store = SessionStore(sessions_path, known_parts=[p.id for p in full_guide.parts])
    with store.create("Asks", agenda=[{"part": "A", "timebox": 20}]) as session:
        session.add_participant(name="Sam Ode", attended=True)
        session_id = session.id
    app = WorkshopApp(guide=full_guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup(app, pilot, session_id)
        await pilot.press("f3")
        await pilot.pause()
        burst(app, "x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove Sam Ode" in app.screen.question
        burst(app, answer)
        await settle(pilot, lambda: app.screen is setup)
        assert [p["name"] for p in setup.participants] == ["Sam Ode"]


async def test_setup_participant_remove_in_one_burst_with_yes(full_guide, sessions_path) -> None:
    store = SessionStore(sessions_path, known_parts=[p.id for p in full_guide.parts])
    with store.create("Asks", agenda=[{"part": "A", "timebox": 20}]) as session:
        for name in ("Sam Ode", "Ria Patel"):
            session.add_participant(name=name, attended=True)
        session_id = session.id
    app = WorkshopApp(guide=full_guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        setup = await open_setup(app, pilot, session_id)
        await pilot.press("f3")
        await pilot.pause()
        burst(app, "x", "y")
        await settle(pilot, lambda: app.screen is setup and len(setup.participants) == 1
                     and any("Removed 'Sam Ode'" in m for m in messages(app)))
        assert [p["name"] for p in setup.participants] == ["Ria Patel"]
        assert any("Removed 'Sam Ode'" in m for m in messages(app))


async def test_setup_agenda_item_remove_asks_first(full_guide, sessions_path) -> None:
    store = SessionStore(sessions_path, known_parts=[p.id for p in full_guide.parts])
    with store.create("Asks", agenda=[{"part": "A", "timebox": 20},
                                      {"part": "B1", "timebox": 25}]) as session:
        session_id = session.id
    app = WorkshopApp(guide=full_guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await open_setup(app, pilot, session_id)
        await pilot.press("f4")
        await pilot.pause()
        setup.query_one("#agenda-table").focus()
        await pilot.pause()
        burst(app, "x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith("Remove A ")
        burst(app, "n")
        await settle(pilot, lambda: app.screen is setup)
        assert [i["part"] for i in setup.agenda] == ["A", "B1"]
        burst(app, "x", "y")
        await settle(pilot, lambda: app.screen is setup and len(setup.agenda) == 1)
        assert [i["part"] for i in setup.agenda] == ["B1"]


# -- registers: ask first, then ctrl+z says what it undid ---------------------------------------


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


async def test_stakeholder_remove_asks_and_undo_names_them(store) -> None:
    session = store.create("Register")
    session.add_participant(name="Chen Wu", sector="public")
    app = Host(lambda: StakeholdersScreen(session, small_guide()), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "x", "y")
        await settle(pilot, lambda: app.screen is screen and not session.participants)
        assert session.participants == []
        burst(app, "ctrl+z")
        await settle(pilot, lambda: bool(session.participants)
                     and "Undone: remove participant Chen Wu" in messages(app))
        assert [p["name"] for p in session.participants] == ["Chen Wu"]
        assert "Undone: remove participant Chen Wu" in messages(app)


async def test_engagement_delete_asks_and_undo_names_it(store) -> None:
    session = store.create("Engagement")
    session.add_record("engagement", "B3", text="Ask the panel", level="consult")
    app = Host(lambda: StakeholdersScreen(session, small_guide(), start_tab="tab-engagement"),
               store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "x", "y")
        await settle(pilot, lambda: app.screen is screen and not session.records("engagement"))
        assert session.records("engagement") == []
        burst(app, "ctrl+z")
        await settle(pilot, lambda: bool(session.records("engagement"))
                     and any(m.startswith("Undone: delete engagement") for m in messages(app)))
        assert any(m.startswith("Undone: delete engagement") for m in messages(app))


async def test_benefit_delete_asks_and_undo_names_it(store) -> None:
    session = store.create("Benefits")
    session.add_record("benefit", "C", title="Faster permits")
    app = Host(lambda: BenefitsScreen(session, small_guide()), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert app.screen.question == "Delete benefit 1?"
        burst(app, "escape")
        await settle(pilot, lambda: app.screen is screen)
        assert len(session.records("benefit")) == 1
        burst(app, "x", "y")
        await settle(pilot, lambda: app.screen is screen and not session.records("benefit"))
        burst(app, "ctrl+z")
        await settle(pilot, lambda: bool(session.records("benefit"))
                     and "Undone: delete benefit 1" in messages(app))
        assert "Undone: delete benefit 1" in messages(app)


async def test_remove_acts_on_the_row_the_cursor_moved_to_in_the_same_burst(store) -> None:
    """`down x y` at once removes the second stakeholder, not the first."""
    session = store.create("Register")
    for name in ("Alice", "Bob"):
        session.add_participant(name=name, sector="public")
    app = Host(lambda: StakeholdersScreen(session, small_guide()), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        burst(app, "down", "x", "y")
        await settle(pilot, lambda: app.screen is screen and len(session.participants) == 1)
    assert [p["name"] for p in session.participants] == ["Alice"]
