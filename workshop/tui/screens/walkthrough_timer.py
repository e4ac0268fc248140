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
from typing import TYPE_CHECKING, Any

from workshop.coverage import MIN_COVERED_SECONDS
from workshop.errors import WorkshopError
from workshop.tui.widgets.timer import ItemTimer, format_duration

if TYPE_CHECKING:
    from workshop.store import Session


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


class TimerControls:
    """The walkthrough's timer keys and booking (mixed into WalkthroughScreen, which provides
    session, agenda, index, item_part, timer and the rest used here)."""

    session: Session
    agenda: list[dict]
    index: int
    app: Any
    _item_timer: ItemTimer
    _told_readonly_timer: bool
    _timer_note_said_for: int | None

    def action_timer_toggle(self) -> None:
        if self.session.readonly and not self.timer.running:
            if not self._told_readonly_timer:  # said once, never a toast every few seconds
                self._told_readonly_timer = True
                self.notify("Read-only: time is not recorded, so the timer does not run here.",
                            severity="warning", timeout=5, markup=False)
            return
        if self.timer.running:
            self._flush_timer(pause=True)
        else:
            self.timer.start()

    def action_timer_reset(self) -> None:
        try:
            self.timer.reset()
        except WorkshopError as error:
            self._report(error)

    def _take_back_timer(self) -> None:
        """Left for Home with the timer running: the time at Home counts, the timer runs on."""
        left = take_back(self.app, str(self.session.id))
        if left is None or self.session.readonly or not self.agenda:
            return
        seconds = left.seconds
        try:
            if left.item == self.index and left.part == self.item_part:
                self.timer.add_time_away(seconds)
                self.timer.flush()
            else:  # the agenda changed meanwhile: book it to the part that was running
                self.session.add_time(left.part, seconds)
                self.timer.start()
        except WorkshopError as error:
            self._report(error)
        self.notify(f"The timer kept running while you were at Home (+{format_duration(seconds)}).",
                    timeout=4, markup=False)

    def _leave_timer_running(self) -> None:
        """Leaving for Home with the timer running: the app keeps it (see walkthrough_timer)."""
        timer_widget = getattr(self, "_item_timer", None)
        if timer_widget is None or not timer_widget.running or self.app.return_code is not None:
            return  # paused, or the app is quitting (the time was booked on the way out)
        timer = self._item_timer  # (kept: the widget may be unmounted already)
        since = (timer.running_since or timer.clock()) - timer.pending
        remember(self.app, TimerLeftRunning(str(self.session.id), self.index,
                                            self.item_part or "", since, timer.clock))

    def _flush_timer(self, *, pause: bool = False) -> None:
        try:
            self.timer.pause() if pause else self.timer.flush()
        except WorkshopError as error:
            self._report(error)

    def _save_time(self, seconds: int) -> None:
        """Timer saver: book `seconds` to the current item's part (raises StoreError on failure)."""
        part = self.item_part
        if part is None or seconds <= 0:
            return
        if self.session.readonly:
            raise WorkshopError("time not saved: this session is open read-only")
        self.session.add_time(part, seconds)
        item = self.agenda[self.index]
        item["spent"] = int(item.get("spent", 0) or 0) + seconds
        before = item["spent"] - seconds
        if before == 0 or before < MIN_COVERED_SECONDS <= item["spent"]:  # started, or covered
            self._refresh_agenda_list()

    def _say_timer_keeps_running(self) -> None:
        """The item timer keeps counting while another screen covers the walkthrough (a
        facilitator in the stakeholder register or the risk checklist is still in this agenda
        item), so a full screen opened over it says so once; forms, questions and the
        presenter view (which shows the time) do not."""
        from textual.screen import ModalScreen

        from workshop.tui.screens.presenter import PresenterScreen

        covering = self.app.screen
        if (not self.timer.running or covering is self
                or isinstance(covering, (ModalScreen, PresenterScreen))):
            return
        if self not in self.app.screen_stack or getattr(self.session, "closed", False):
            return  # left for Home: said when it is left (walkthrough_timer.remember)
        if self._timer_note_said_for == self.index:
            return  # once per agenda item, not on every screen opened
        self._timer_note_said_for = self.index
        self.notify(f"The timer of item {self.index + 1} keeps running here "
                    f"({format_duration(max(self.timer.remaining, 0))} left); "
                    "t on the walkthrough pauses it.", timeout=5, markup=False)
