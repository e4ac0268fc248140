"""Phones' contributions reach the walkthrough's capture panel in batches: a burst from many
phones rebuilds the panel once or twice, not once per record, so the facilitator's keys stay
quick while the room is busy (bench/bench_room.py measures the echo)."""

from __future__ import annotations

import asyncio

from keys_support import burst

from tests.room_support import Phone
from tests.test_room_tui import make_session, open_room, open_walkthrough, rows, settle
from workshop.tui.app import WorkshopApp


async def test_a_burst_of_ideas_rebuilds_the_panel_once_not_per_idea(guide, sessions_path):
    sid, _ = make_session(sessions_path, guide)
    app = WorkshopApp(guide=guide, sessions_dir=sessions_path)
    async with app.run_test(size=(80, 24)) as pilot:
        walk = await open_walkthrough(app, pilot, sid)
        panel = await open_room(app, pilot)
        server = panel.room.server
        burst(app, "escape")
        await settle(pilot, lambda: app.screen is walk)
        phones = [Phone(server) for _ in range(8)]
        try:
            for phone in phones:
                await phone.join()
            await pilot.pause()
            rebuilds = []
            real = walk.capture.refresh_view
            walk.capture.refresh_view = lambda: (rebuilds.append(1), real())[1]
            answers = await asyncio.gather(*(phone.post("/idea", {"text": f"burst idea {n}"})
                                             for n, phone in enumerate(phones)))
            assert [a.status for a in answers] == [200] * 8
            await settle(pilot, lambda: sum("burst idea" in r for r in rows(walk)) == 8)
        finally:
            for phone in phones:
                await phone.close()
        assert sum("burst idea" in r for r in rows(walk)) == 8
        assert len(rebuilds) <= 2
