"""The walkthrough's jump list ticks a part as covered (✓) the moment its clock reaches the two
minutes of the coverage rule (workshop.coverage.MIN_COVERED_SECONDS), not at its first second."""

from __future__ import annotations

from textual.widgets import OptionList
from walkthrough_support import make_guide

from workshop.coverage import MIN_COVERED_SECONDS
from workshop.store import SessionStore


async def test_tick_appears_when_the_clock_reaches_two_minutes(tmp_path) -> None:
    from workshop.tui.app import WorkshopApp

    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("Tick", agenda=[{"part": "A", "timebox": 10},
                                           {"part": "B1", "timebox": 10}])
    session_id = session.id
    session.close()
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        agenda = screen.query_one("#wt-agenda", OptionList)

        def tick() -> str:  # "▶· 1. A ..." for the current item: "·" not covered, "✓" covered
            return str(agenda.get_option_at_index(0).prompt)[1]

        screen._save_time(5)  # the timer's flush: a glimpse of part A
        await pilot.pause()
        assert tick() == "·"
        screen._save_time(MIN_COVERED_SECONDS - 5 - 1)
        await pilot.pause()
        assert tick() == "·"
        screen._save_time(1)  # exactly two minutes now
        await pilot.pause()
        assert tick() == "✓"
