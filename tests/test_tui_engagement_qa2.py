"""QA round 2 fixes on the register screens: visible ticks, city history, focus, discard, drafts.

Real SessionStore in tmp_path; each test drives a screen with the keyboard (pilot).
"""

from __future__ import annotations

import pytest
from test_tui_engagement import Host, messages, small_guide, table_text
from textual.widgets import DataTable, SelectionList

from workshop.guide.model import Guide
from workshop.store import SessionStore
from workshop.tui.screens.followup import CarryOverScreen


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def guide() -> Guide:
    return small_guide()


# -- finding 9: only this city's earlier sessions are pre-ticked ---------------------------------


async def test_carry_over_pre_ticks_only_an_earlier_session_of_the_same_city(store, guide):
    own = store.create("Riverton spring", city="Riverton", date="2026-03-01")
    own.add_record("action", "B3", title="Riverton action")
    own.close()
    other = store.create("Harbourford day", city="Harbourford", date="2026-05-01")
    other.add_record("action", "B3", title="Harbour action")
    other.close()
    session = store.create("Riverton autumn", city="RIVERTON", date="2026-09-01")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chooser = app.screen.query_one("#carry-sessions", SelectionList)
        assert chooser.option_count == 2  # the other city is listed, not ticked
        assert list(chooser.selected) == [own.id]
        assert app.screen.has_open_items()
        preview = table_text(app.screen.query_one("#carry-preview", DataTable))
        assert [row[1] for row in preview] == ["Riverton action"]


async def test_carry_over_ticks_nothing_when_the_city_is_empty(store, guide):
    earlier = store.create("Spring", city="Riverton", date="2026-03-01")
    earlier.add_record("action", "B3", title="Riverton action")
    earlier.close()
    session = store.create("No city yet", date="2026-09-01")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chooser = app.screen.query_one("#carry-sessions", SelectionList)
        assert chooser.option_count == 1 and list(chooser.selected) == []
        assert not app.screen.has_open_items()
        assert messages(app) == []
