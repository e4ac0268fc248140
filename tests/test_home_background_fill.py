"""Home on a first start (no summary index): the screen shows at once and the sessions arrive
from a background read; keys typed meanwhile are handled, in order."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from keys_support import burst
from textual.widgets import DataTable, Input

from workshop.store import SessionStore
from workshop.store import core as core_module
from workshop.store.index import INDEX_NAME
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.home import HomeScreen


def hold_background_listing(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Listing from any thread but the main one waits for the returned event, so the test sees
    the home screen before the background fill lands (the listing itself is the real one)."""
    release = threading.Event()
    real_list = core_module.SessionStore.list

    def held_list(self):
        if threading.current_thread() is not threading.main_thread():
            assert release.wait(30), "the test never released the background listing"
        return real_list(self)

    monkeypatch.setattr(core_module.SessionStore, "list", held_list)
    return release


def make_store(folder: Path, titles: list[str]) -> None:
    store = SessionStore(folder)
    for title in titles:
        store.create(title).close()
    (folder / INDEX_NAME).unlink(missing_ok=True)


async def wait_for_rows(pilot, home: HomeScreen, count: int) -> None:
    for _ in range(500):
        if home.query_one(DataTable).row_count == count and not home._pending:
            return
        await pilot.pause(0.01)
    raise AssertionError("the background fill never arrived")


async def test_rows_arrive_from_the_background_when_the_index_is_missing(
        guide, sessions_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    titles = ["Harbour day", "Mobility board", "Energy review"]
    make_store(sessions_path, titles)
    (sessions_path / "broken.json").write_text("{not json")
    release = hold_background_listing(monkeypatch)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        # home is up before any session file is read; no welcome while files are being read
        assert home.query_one(DataTable).row_count == 0 and not home.first_run
        release.set()
        await wait_for_rows(pilot, home, 4)
        assert sorted(info.title for info in home.sessions if info.readable) == sorted(titles)
        assert [info.file.name for info in home.sessions if not info.readable] == ["broken.json"]
        # same rows, same order as a full listing
        assert [i.file for i in home.sessions] == [i.file for i in app.store.list()]
        assert app.focused is home.query_one(DataTable)


async def test_keys_typed_before_the_fill_completes_are_handled_in_order(
        guide, sessions_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_store(sessions_path, [f"Session {n}" for n in range(30)])
    release = hold_background_listing(monkeypatch)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "n", *"Leeds day")  # typed while the list is still being read
        for _ in range(500):
            field = app.screen.query("#f-title")
            if field and field.first(Input).value == "Leeds day":
                break
            await pilot.pause(0.01)
        assert app.screen.query_one("#f-title", Input).value == "Leeds day"
        release.set()
        home = next(s for s in app.screen_stack if isinstance(s, HomeScreen))
        await wait_for_rows(pilot, home, 30)
        burst(app, *" 2")  # the dialog keeps the focus once the list under it fills in
        await pilot.pause()
        assert app.screen.query_one("#f-title", Input).value == "Leeds day 2"
