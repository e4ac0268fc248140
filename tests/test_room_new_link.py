"""A new join link from the room panel (R, after asking): the link, code and display link change,
the new ones are kept for the next opening, and n keeps the old ones."""

from __future__ import annotations

from keys_support import burst

from tests.test_room_tui import make_session, open_room, open_walkthrough, settle
from workshop.tui.app import WorkshopApp
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.room import RoomScreen


async def test_new_link_asks_then_changes_and_keeps_it(guide, sessions_path) -> None:
    sid, _ = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        first = (panel.room.server.participant_url, panel.room.server.join_code)
        burst(app, "R")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        burst(app, "n")  # keeps the link
        await settle(pilot, lambda: isinstance(app.screen, RoomScreen))
        assert (panel.room.server.participant_url, panel.room.server.join_code) == first
        burst(app, "R")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        burst(app, "y")
        await settle(pilot, lambda: panel.room.server.participant_url != first[0])
        second = (panel.room.server.participant_url, panel.room.server.join_code)
        assert second[0] != first[0] and second[1] != first[1]
        assert panel.room.running
        burst(app, "s")  # close and open again: the new link is the one kept
        await settle(pilot, lambda: not panel.room.running)
        burst(app, "s")
        await settle(pilot, lambda: panel.room.running)
        assert (panel.room.server.participant_url, panel.room.server.join_code) == second
        await panel.room.stop()


async def test_an_open_room_hides_the_app_from_full_collections_until_it_closes(
        guide, sessions_path) -> None:
    """bench/room_echo.py: full garbage collections walking the whole app were what slowed the
    facilitator's typing while phones sent; the open room freezes what lives, closing lets go."""
    import gc

    sid, _ = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_walkthrough(app, pilot, sid)
        gc.unfreeze()  # (whatever start-up froze)
        panel = await open_room(app, pilot)
        assert gc.get_freeze_count() > 1000
        burst(app, "s")
        await settle(pilot, lambda: not panel.room.running)
        assert gc.get_freeze_count() == 0
