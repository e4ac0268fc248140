"""The item timer keeps running while the facilitator is at Home.

Going Home closes the session file (Home lists, copies and deletes sessions), but the workshop is
still on: the facilitator may only be checking something. So a timer left running is remembered
by the app (`app.timer_left_running`): coming back to the same session counts the time at Home
to the agenda item that was running and the timer runs on; opening another session or quitting
from Home books that time and stops the timer there. Pausing (t) before leaving stops it.
Nothing is written to disk while at Home; a crash there loses at most that stretch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workshop.errors import WorkshopError
from workshop.tui.widgets.timer import format_duration


@dataclass
class TimerLeftRunning:
    """A walkthrough left for Home with its item timer running."""

    session_id: str
    item: int  # agenda index
    part: str  # the item's part (time is booked to it)
    since: float  # clock() up to which the time is booked
    clock: Callable[[], float]

    @property
    def seconds(self) -> int:
        return max(0, int(self.clock() - self.since))


def remember(app: Any, left: TimerLeftRunning) -> None:
    app.timer_left_running = left
    app.notify(
        f"The timer of item {left.item + 1} keeps running while you are at Home: opening "
        "this session again continues it; quitting or opening another session stops it "
        "(t on the walkthrough pauses it).", timeout=6, markup=False)


def take_back(app: Any, session_id: str) -> TimerLeftRunning | None:
    """The timer this session left running (and forget it), or None."""
    left = getattr(app, "timer_left_running", None)
    if left is None or left.session_id != session_id:
        return None
    app.timer_left_running = None
    return left


def settle_timer_left_running(app: Any, *, keep: str = "") -> None:
    """Book the time at Home to the item left running and stop its timer, unless the session
    coming back is `keep` (its walkthrough takes the timer back)."""
    left = getattr(app, "timer_left_running", None)
    if left is None or left.session_id == keep:
        return
    app.timer_left_running = None
    seconds = left.seconds
    if seconds <= 0:
        return
    try:
        session = app.store.open(left.session_id)
    except (WorkshopError, OSError) as error:
        app.notify_error(WorkshopError(
            f"the {format_duration(seconds)} since leaving the walkthrough were not booked to "
            f"item {left.item + 1}: {error}"))
        return
    try:
        if not session.readonly:
            session.add_time(left.part, seconds)
    except (WorkshopError, OSError) as error:
        app.notify_error(error)
    finally:
        try:
            session.close()
        except (WorkshopError, OSError) as error:
            app.notify_error(error)
