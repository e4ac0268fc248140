"""The facilitator's walkthrough: one agenda item at a time, with its part, jump list and timer.

Everything the facilitator does is written through the session at once (time spent, position); the
screen only keeps what it shows. Following a linkage is a detour: the agenda item (and its timer)
stays, the linked part is shown, and "back" returns to where the facilitator was.

The item timer keeps counting while another screen (stakeholders, risks, benefits, reviews) covers
the walkthrough: the facilitator is still in that agenda item. Opening such a screen with the timer
running says so once; the time is booked to the item as usual. It also keeps running at Home until
the facilitator pauses it, quits or opens another session (walkthrough_timer says how).

Moving (walkthrough_navigation) and the capture keys (walkthrough_capture) are mixins in modules
of their own; this one lays the screen out, shows the item and saves the position.
"""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.coverage import covered_parts
from workshop.errors import WorkshopError
from workshop.guide.model import Guide, display_part_id
from workshop.kinds import REGISTRY
from workshop.records import KIND_LABELS
from workshop.tui.screens.walkthrough_capture import CaptureActions
from workshop.tui.screens.walkthrough_moderation import MODERATION_BINDINGS, ModerationControls
from workshop.tui.screens.walkthrough_navigation import AgendaNavigation
from workshop.tui.screens.walkthrough_room import ROOM_BINDINGS, RoomControls
from workshop.tui.screens.walkthrough_timer import TimerControls
from workshop.tui.widgets.agenda_list import AgendaList
from workshop.tui.widgets.capture import CAPTURE_KINDS, CapturePanel
from workshop.tui.widgets.part_history import PartHistoryPanel  # issue 7 hook
from workshop.tui.widgets.part_view import PartView, literal
from workshop.tui.widgets.timer import ItemTimer, format_duration

if TYPE_CHECKING:
    from workshop.store import Session

PaletteCommand = tuple[str, str, Callable[[], Any]]


def pause_gc() -> bool:
    """Hold off cyclic garbage collection; True when this call turned it off (and so must turn
    it back on)."""
    if gc.isenabled():
        gc.disable()
        return True
    return False


class WalkthroughScreen(CaptureActions, AgendaNavigation, TimerControls, RoomControls,
                        ModerationControls, Screen):
    """Walk the session's agenda part by part with the clock in view."""

    CSS_PATH = Path(__file__).with_name("walkthrough.tcss")
    BINDING_GROUP_TITLE = "Walkthrough"
    # three columns only from 140: at 120 the capture panel would get ~41 columns (QA S2)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]

    BINDINGS = [
        Binding("n", "next", "Next", id="walkthrough.next"),
        Binding("p", "previous", "Prev", id="walkthrough.previous"),
        Binding("g", "jump", "Agenda", id="walkthrough.jump"),
        Binding("t", "timer_toggle", "Timer", id="walkthrough.timer-toggle"),
        Binding("T", "timer_reset", "Reset timer", id="walkthrough.timer-reset", show=False),
        Binding("backspace,b", "back", "Back", id="walkthrough.back"),
        Binding("f5,P", "presenter", "Present", id="walkthrough.presenter"),
        # capture keys are priority (the screen has no text field): handled as they arrive, so
        # in a burst ("w" then typing) the form opens before the next keys are routed
        # one per capture kind, with the key its declaration gives (workshop/kinds/)
        *[Binding(REGISTRY[k].key, f"capture('{k}')", REGISTRY[k].key_label or REGISTRY[k].label,
                  id=f"walkthrough.{k}", priority=True) for k in CAPTURE_KINDS],
        # priority and awaited like the capture keys: the keys typed after them land in the form
        Binding("c", "convert", "Action from selected", id="walkthrough.convert", show=False,
                priority=True),
        Binding("e", "edit", "Edit selected", id="walkthrough.edit", show=False, priority=True),
        Binding("x,delete", "delete", "Delete selected", id="walkthrough.delete", show=False),
        Binding("u,ctrl+z", "undo", "Undo", id="walkthrough.undo"),
        Binding("l", "focus_captured", "Captured list", id="walkthrough.captured", show=False),
        Binding("L", "show_all_captured", "All captured", id="walkthrough.captured-all",
                show=False),
        Binding("z", "zoom_capture", "Bigger panel", id="walkthrough.zoom", show=False),
        Binding("A", "actions_review", "All actions", id="walkthrough.actions", show=False),
        Binding("S", "wrapup", "Wrap-up", id="walkthrough.wrapup", show=False),
        Binding("h", "toggle_history", "Earlier sessions", id="walkthrough.history",
                show=False),
        Binding("f6", "follow_up_review", "Follow-up review", id="walkthrough.follow-up",
                show=False),
        *ROOM_BINDINGS,  # tally grid and room (walkthrough_room.py)
        *MODERATION_BINDINGS,  # approve, hide, merge, decision from (walkthrough_moderation.py)
    ]

    def __init__(
        self,
        session: Session,
        guide: Guide,
        *,
        clock: Callable[[], float] | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name=name)
        self.session = session
        self.guide = guide
        self._clock = clock
        self.agenda: list[dict] = []
        self.index = 0
        self.detour: list[tuple[str, float]] = []  # (part shown before, its scroll) for "back"
        self.record_counts: Counter[str] = Counter()
        self._saved_position: tuple[int, str, int] | None = None
        self._agenda_open = False
        self._records_loaded = False
        self._timer_note_said_for: int | None = None  # agenda item told "timer keeps running"
        self._gc_paused = False
        self._told_readonly_timer = False
        self._form_mounted: Awaitable[Any] | None = None  # the form being opened

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Building and first drawing this screen allocates tens of thousands of objects (more
        # with a big session), which set off full garbage collections of the whole app (50-70 ms
        # in all). Collection waits until the records are on screen (as Textual's own
        # PAUSE_GC_ON_SCROLL does while scrolling): opening shows sooner, nothing is lost.
        self._gc_paused = pause_gc()
        timer_args: dict[str, Any] = {"saver": self._save_time, "id": "wt-timer"}
        if self._clock is not None:
            timer_args["clock"] = self._clock
        with Horizontal(id="wt-top"):
            yield Static(id="wt-progress", markup=False)
            self._item_timer = ItemTimer(**timer_args)
            yield self._item_timer
        yield Static(id="wt-banner", markup=False)
        with Horizontal(id="wt-body"):
            yield AgendaList(self.guide, id="wt-agenda")
            with Vertical(id="wt-main"):
                yield Static(id="wt-empty", markup=False)
                yield PartHistoryPanel(self.session, id="wt-history")  # issue 7 hook
                yield PartView(self.guide, id="wt-part")
            yield CapturePanel(self.guide, id="wt-capture")
        yield Footer()

    def on_mount(self) -> None:
        self.agenda = self._read_agenda()
        state = self._read_ui_state()
        index = state.get("item", 0)
        if not isinstance(index, int) or not 0 <= index < len(self.agenda):
            index = 0
        scroll = state.get("scroll", 0)
        scroll = scroll if isinstance(scroll, (int, float)) and scroll > 0 else 0
        if self.session.readonly:
            self._banner(f"Read-only: {self.session.lock_message or 'another process has it open'}")
        self._go_to(index, scroll=scroll, save=False)
        self._take_back_timer()
        self.set_interval(2.0, self._save_position_if_changed, name="walkthrough-position")
        # the part paints first; the records (maybe thousands) fill the panel right after
        self.call_after_refresh(self.ensure_records)

    def ensure_records(self) -> None:
        """Read the session's records into the capture panel (once)."""
        if self._records_loaded:
            return
        self._records_loaded = True
        self.call_after_refresh(self._resume_gc)  # once the records are drawn
        self.capture.load(self._read_records())
        self.record_counts = self.capture.counts_by_part()
        self.capture.refresh_view()
        self._refresh_agenda_list()

    # -- reading the session ------------------------------------------------------------------

    def _read_agenda(self) -> list[dict]:
        return [dict(item) for item in self.session.agenda]

    def _read_records(self) -> list[dict]:
        return self.session.records()

    def _read_ui_state(self) -> dict:
        state = self.session.ui_state
        return state if isinstance(state, dict) else {}

    # -- what is shown ------------------------------------------------------------------------

    @property
    def timer(self) -> ItemTimer:
        return self.query_one(ItemTimer)

    @property
    def part_view(self) -> PartView:
        return self.query_one(PartView)

    @property
    def capture(self) -> CapturePanel:
        return self.query_one(CapturePanel)

    def _show(self, part_id: str, scroll: float = 0) -> None:
        """Show a part in the guide view and its records in the capture panel."""
        self.part_view.show(part_id, scroll_y=scroll)
        self.capture.show_part(part_id)
        self.query_one(PartHistoryPanel).show_part(part_id)  # issue 7 hook

    @property
    def current_item(self) -> dict | None:
        return self.agenda[self.index] if 0 <= self.index < len(self.agenda) else None

    @property
    def item_part(self) -> str | None:
        """The part of the current agenda item (what time is booked to)."""
        item = self.current_item
        return str(item["part"]) if item else None

    @property
    def shown_part(self) -> str | None:
        """The part on screen: the item's part, or a linked part during a detour."""
        return self.part_view.part_id if self.agenda else None

    def covered_items(self) -> set[int]:
        """Items with time spent or something new captured on their part (the core rule:
        carried-over records do not count)."""
        covered = covered_parts(self.agenda, self.capture.by_id.values())
        return {i for i, item in enumerate(self.agenda) if item.get("part") in covered}

    def _refresh_agenda_list(self) -> None:
        self.query_one(AgendaList).show_agenda(
            self.agenda,
            current=self.index,
            covered=self.covered_items(),
            record_counts=self.record_counts,
        )

    def _refresh_progress(self) -> None:
        title = str(self.session.meta.get("title", "")) or "Untitled session"
        if not self.agenda:
            text = f"{title} · no agenda"
        else:
            part_id = self.item_part or ""
            part_title = self.guide.part(part_id).title if self.guide.has_part(part_id) else "?"
            shown = display_part_id(part_id)
            text = f"Item {self.index + 1} of {len(self.agenda)} · {shown} {part_title} · {title}"
        self.query_one("#wt-progress", Static).update(literal(text))
        if self.detour:
            origin = self.detour[0][0]
            self._banner(
                f"Linked part {self.shown_part} (from {origin}) · Backspace: back"
                f"{' (' + str(len(self.detour)) + ' steps)' if len(self.detour) > 1 else ''}"
            )
        elif not self.session.readonly:
            self._banner(self.room_banner())  # issue 12 hook: "" when no room is open

    def _banner(self, text: str) -> None:
        banner = self.query_one("#wt-banner", Static)
        banner.update(literal(text))
        banner.display = bool(text)

    # -- position (resume) --------------------------------------------------------------------

    def _position(self) -> tuple[int, str, int]:
        scroll = int(self.part_view.scroll_y) if not self.detour else int(self.detour[0][1])
        return (self.index, self.item_part or "", scroll)

    def _save_position(self) -> None:
        if self.session.readonly or not self.is_mounted:
            return
        position = self._position()
        if position == self._saved_position:
            return
        index, part, scroll = position
        try:
            self.session.set_ui_state(item=index, part=part, scroll=scroll)
        except WorkshopError as error:
            self._report(error)
            return
        self._saved_position = position

    def _save_position_if_changed(self) -> None:
        self._save_position()

    def save_now(self) -> None:
        """Write everything pending (timer seconds, position): called when leaving the screen."""
        self._flush_timer()
        self._save_position()

    def on_screen_suspend(self) -> None:
        self.save_now()
        self._say_timer_keeps_running()

    def on_screen_resume(self) -> None:
        """Back from any pushed screen (carry-over, registers, reviews, forms): what it changed
        is read again from the store, so the panel, counts and banner are never stale."""
        if not self._records_loaded or getattr(self.session, "closed", False):
            return
        try:
            records = self.session.records()
            agenda = self._read_agenda()
        except WorkshopError as error:
            self._report(error)
            return
        self.capture.reloaded(records)
        if [i.get("part") for i in agenda] != [i.get("part") for i in self.agenda]:
            self.agenda = agenda
            self._go_to(min(self.index, max(len(agenda) - 1, 0)), save=False)
        else:
            self.agenda = agenda
            self._refresh_agenda_list()
        if self.shown_part:
            self.query_one(PartHistoryPanel).show_part(self.shown_part)

    def _resume_gc(self) -> None:
        if self._gc_paused:
            self._gc_paused = False
            gc.enable()

    def on_unmount(self) -> None:
        self._resume_gc()
        with contextlib.suppress(Exception):  # (widgets may be gone while the app shuts down)
            self._leave_timer_running()
        if getattr(self.session, "closed", False):
            return  # saved when it was left (Home and quit call save_now before closing)
        # widgets may already be gone while the app shuts down: nothing more can be saved then
        with contextlib.suppress(Exception):
            self.save_now()

    # -- presenter ----------------------------------------------------------------------------

    def action_presenter(self) -> None:
        from workshop.tui.screens.presenter import PresenterScreen

        self.app.push_screen(PresenterScreen(self))

    def presenter_content(self) -> tuple[str, str, list[str], str]:
        part_id = self.shown_part
        if not part_id or not self.guide.has_part(part_id):
            return ("", "No agenda item", [], "")
        part = self.guide.part(part_id)
        heading = f"Item {self.index + 1} of {len(self.agenda)}"
        remaining = self.timer.remaining
        if self.timer.timebox and remaining < 0:
            timer = f"over by {format_duration(-remaining)}"
        elif self.timer.timebox:
            timer = f"{format_duration(remaining)} left"
        else:
            timer = ""
        return (heading, f"{part.display_id}  {part.title}", list(part.prompts), timer)

    # -- errors and palette -------------------------------------------------------------------

    def _report(self, error: Exception) -> None:
        notify_error = getattr(self.app, "notify_error", None)
        if callable(notify_error):
            notify_error(error)
        else:
            self.notify(str(error), severity="error", markup=False)

    def palette_commands(self) -> list[PaletteCommand]:
        return [
            ("Walkthrough: next item", "Go to the next agenda item", self.action_next),
            ("Walkthrough: previous item", "Go to the previous agenda item", self.action_previous),
            ("Walkthrough: agenda jump list", "Pick any agenda item", self.action_jump),
            ("Walkthrough: start or pause timer", "Toggle the item's timer",
             self.action_timer_toggle),
            ("Walkthrough: reset timer", "Restart the item's countdown", self.action_timer_reset),
            ("Walkthrough: back from linked part", "Return to where you were", self.action_back),
            ("Walkthrough: presenter view", "Large title and prompts for projecting",
             self.action_presenter),
            *[
                (f"Capture: new {KIND_LABELS[kind].lower()}",
                 f"Record {REGISTRY[kind].a} on this part",
                 partial(self.action_capture, kind))  # partial: the palette merges it with w/i/a…
                for kind in CAPTURE_KINDS
            ],
            ("Capture: edit selected record", "Open the selected record", self.action_edit),
            ("Capture: delete selected record", "With confirmation; undo brings it back",
             self.action_delete),
            ("Capture: action from selected note/decision", "Turn it into an action",
             self.action_convert),
            ("Capture: undo", "Undo the last change (repeatable)", self.action_undo),
            ("Capture: show all records of this part", "Not only the newest 100",
             self.action_show_all_captured),
            ("Capture: bigger or smaller panel", "Toggle the capture panel's share of the screen",
             self.action_zoom_capture),
            ("Actions review", "All actions: sort, filter, edit, mark done",
             self.action_actions_review),
            ("Wrap-up", "Session summary before export", self.action_wrapup),
            ("Walkthrough: earlier sessions on this part", "Show or fold what was agreed before",
             self.action_toggle_history),
            *self.room_palette_commands(),
            *self.moderation_palette_commands(),
        ]
