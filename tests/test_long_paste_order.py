"""A long paste typed key by key (tmux send-keys, an SSH link) keeps the note field busy for
seconds; ctrl+s and the keys after it still wait their turn: the first note holds exactly the
paste, the second note exactly what followed (none of it reaches the walkthrough's own keys)."""

from __future__ import annotations

from keys_support import burst
from test_capture_key_order import app_for, new_session, notes, settle, walkthrough

from workshop.tui.screens.walkthrough import WalkthroughScreen
from workshop.tui.widgets import key_order


async def test_ctrl_s_after_a_long_paste_waits_while_the_field_makes_progress(
        tmp_path, monkeypatch) -> None:
    # a widget counts as stalled after this long without progress; the paste takes far longer
    monkeypatch.setattr(key_order, "LANDING_TIMEOUT", 0.2)
    folder, session_id = new_session(tmp_path)
    app = app_for(folder, session_id)
    paste = ("Residents said the bus data is open but nobody uses it; " * 25)[:1200]
    second = "we will ask the transport team"
    async with app.run_test(size=(80, 24)) as pilot:
        await walkthrough(pilot)
        burst(app, "w", *paste, "ctrl+s", "w", *second, "ctrl+s")
        await settle(pilot, lambda: len(notes(app)) == 2
                     and isinstance(app.screen, WalkthroughScreen), tries=20000)
        assert [r["text"] for r in notes(app)] == [paste, second]
