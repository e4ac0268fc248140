"""The agenda item's timer: counts down the timebox, then up in a warning colour; session total.

Time is measured with an injectable clock (tests drive it without sleeping). Measured time is handed
to `saver(seconds)` in whole seconds whenever it is flushed (on pause, when the item changes, and
every `autosave_every` seconds while running), so a crash loses at most that many seconds. If the
saver raises, the seconds stay pending and are retried at the next flush.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.content import Content
from textual.widgets import Static


def format_duration(seconds: float) -> str:
    """12:05, or 1:02:05 beyond an hour (whole seconds, never negative)."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


class ItemTimer(Static):
    """Remaining time for the current item (always visible), running state and session total."""

    DEFAULT_CSS = """
    ItemTimer {
        width: auto;
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $text;
        text-style: bold;
    }
    ItemTimer.-running {
        background: $success-darken-2;
        color: $text;
    }
    ItemTimer.-warning {
        background: $warning;
        color: $text-warning;
        background: $warning-muted;
    }
    ItemTimer.-over {
        background: $error;
        color: $text;
    }
    """

    def __init__(
        self,
        *,
        saver: Callable[[int], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        autosave_every: float = 30.0,
        id: str | None = None,
    ) -> None:
        super().__init__("", id=id, markup=False)
        self.saver = saver
        self.clock = clock
        self.autosave_every = autosave_every
        self.timebox = 0  # seconds
        self.saved = 0  # seconds of this item already handed to the saver (or loaded)
        self.pending = 0.0  # measured, not yet saved
        self.others = 0  # seconds spent on the other agenda items
        self.countdown_offset = 0.0  # elapsed seconds at the last reset
        self.running_since: float | None = None
        self.last_flush = self.clock()

    # -- state --------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.running_since is not None

    @property
    def elapsed(self) -> float:
        """Seconds spent on the current item, including what is not saved yet."""
        live = self.clock() - self.running_since if self.running_since is not None else 0.0
        return self.saved + self.pending + live

    @property
    def remaining(self) -> float:
        """Seconds left in the timebox (negative once over)."""
        return self.timebox - (self.elapsed - self.countdown_offset)

    @property
    def session_total(self) -> float:
        return self.others + self.elapsed

    @property
    def unsaved(self) -> float:
        return self.elapsed - self.saved

    # -- commands -----------------------------------------------------------------------------

    def load(self, *, timebox_minutes: int, spent: int, others: int) -> None:
        """Switch to an item (`flush()` the previous one first); keeps running if it was."""
        self.timebox = max(0, int(timebox_minutes)) * 60
        self.saved = max(0, int(spent))
        self.others = max(0, int(others))
        self.pending = 0.0
        self.countdown_offset = 0.0
        if self.running_since is not None:
            self.running_since = self.clock()
        self.tick()

    def start(self) -> None:
        if self.running_since is None:
            self.running_since = self.clock()
            self.last_flush = self.running_since
        self.tick()

    def pause(self) -> None:
        if self.running_since is not None:
            self.pending += self.clock() - self.running_since
            self.running_since = None
        self.flush()
        self.tick()

    def add_time_away(self, seconds: float) -> None:
        """Count `seconds` spent away from the walkthrough (at Home) as time on this item and
        keep running; `flush()` books them."""
        self.pending += max(0.0, seconds)
        self.start()

    def toggle(self) -> None:
        self.pause() if self.running else self.start()

    def reset(self) -> None:
        """Start the countdown again from the full timebox; time already spent stays recorded."""
        self.flush()
        self.countdown_offset = self.elapsed
        self.tick()

    def flush(self) -> int:
        """Hand whole measured seconds to the saver; returns how many were saved."""
        if self.running_since is not None:
            now = self.clock()
            self.pending += now - self.running_since
            self.running_since = now
        self.last_flush = self.clock()
        whole = int(self.pending)
        if whole <= 0:
            return 0
        if self.saver is not None:
            self.saver(whole)  # raises on a store error: the seconds stay pending
        self.pending -= whole
        self.saved += whole
        return whole

    def tick(self) -> None:
        """Refresh the display; autosave when running long enough since the last save."""
        if self.running and self.clock() - self.last_flush >= self.autosave_every:
            try:
                self.flush()
            except Exception:  # noqa: BLE001 - the owner's saver reports; keep counting
                self.last_flush = self.clock()
        self._render_state()

    # -- display ------------------------------------------------------------------------------

    def _render_state(self) -> None:
        remaining = self.remaining
        over = self.timebox > 0 and remaining < 0
        warning = self.timebox > 0 and 0 <= remaining <= 60
        state = "▶" if self.running else "⏸"
        if self.timebox == 0:
            clock = f"{format_duration(self.elapsed - self.countdown_offset)} (no timebox)"
        elif over:
            clock = f"+{format_duration(-remaining)} OVER"
        else:
            clock = f"{format_duration(remaining)} left"
        text = f"{state} {clock} · session {format_duration(self.session_total)}"
        self.set_class(self.running, "-running")
        self.set_class(over, "-over")
        self.set_class(warning, "-warning")
        self.update(Content(text))

    def on_mount(self) -> None:
        self._render_state()
        self.set_interval(1.0, self.tick, name="item-timer")
