"""Opening the walkthrough holds off cyclic garbage collection until the records are drawn, and
always turns it back on (and never turns on what someone else turned off)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App

from tests.walkthrough_support import make_guide
from workshop.store import SessionStore
from workshop.tui.screens.walkthrough import WalkthroughScreen, pause_gc


@pytest.fixture(autouse=True)
def gc_restored() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:  # pragma: no cover - the test process runs with gc on
        gc.disable()


class Host(App):
    pass


class Watched(WalkthroughScreen):
    """Notes whether collection was on while the records were read."""

    gc_while_loading: list[bool] = []

    def _read_records(self) -> list[dict]:
        self.gc_while_loading.append(gc.isenabled())
        return super()._read_records()


def make_session(sessions_path: Path):
    store = SessionStore(sessions_path)
    session = store.create("Harbour", agenda=[{"part": "B1", "timebox": 10}])
    for i in range(30):
        session.add_record("note", "B1", text=f"note {i}")
    return session


async def test_gc_is_paused_while_building_and_back_once_records_are_drawn(
        sessions_path: Path) -> None:
    session = make_session(sessions_path)
    Watched.gc_while_loading = []
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = Watched(session, make_guide())
        await app.push_screen(screen)
        await pilot.pause()
        await pilot.pause()
        assert Watched.gc_while_loading == [False]
        assert len(screen.capture.records("B1")) == 30  # the records were loaded and shown
        assert gc.isenabled()
    session.close()


async def test_gc_comes_back_when_the_screen_goes_before_its_records(
        sessions_path: Path) -> None:
    session = make_session(sessions_path)

    class NeverLoads(WalkthroughScreen):
        def ensure_records(self) -> None:
            pass  # the screen leaves before its records are read

    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(NeverLoads(session, make_guide()))
        await pilot.pause()
        assert not gc.isenabled()
        app.pop_screen()
        await pilot.pause()
        assert gc.isenabled()
    session.close()


async def test_gc_turned_off_by_someone_else_stays_off(sessions_path: Path) -> None:
    session = make_session(sessions_path)
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        gc.disable()  # e.g. Textual pausing it for a smooth scroll
        await app.push_screen(WalkthroughScreen(session, make_guide()))
        await pilot.pause()
        await pilot.pause()
        assert not gc.isenabled()
        gc.enable()
    session.close()


def test_pause_gc_says_whether_it_turned_collection_off() -> None:
    assert pause_gc() is True
    assert not gc.isenabled()
    assert pause_gc() is False
    gc.enable()
