"""The facilitator's walkthrough: one agenda item at a time, with its part, jump list and timer.

Everything the facilitator does is written through the session at once (time spent, position); the
screen only keeps what it shows. Following a linkage is a detour: the agenda item (and its timer)
stays, the linked part is shown, and "back" returns to where the facilitator was.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.errors import WorkshopError
from workshop.guide.model import Guide
from workshop.tui.widgets.agenda_list import AgendaList
from workshop.tui.widgets.part_view import PartView, literal
from workshop.tui.widgets.timer import ItemTimer, format_duration

PaletteCommand = tuple[str, str, Callable[[], Any]]


class WalkthroughScreen(Screen):
    """Walk the session's agenda part by part with the clock in view."""

    CSS_PATH = Path(__file__).with_name("walkthrough.tcss")
    BINDING_GROUP_TITLE = "Walkthrough"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]

    BINDINGS = [
        Binding("n", "next", "Next", id="walkthrough.next"),
        Binding("p", "previous", "Prev", id="walkthrough.previous"),
        Binding("g", "jump", "Agenda", id="walkthrough.jump"),
        Binding("t", "timer_toggle", "Timer", id="walkthrough.timer-toggle"),
        Binding("T", "timer_reset", "Reset timer", id="walkthrough.timer-reset", show=False),
        Binding("backspace,b", "back", "Back", id="walkthrough.back"),
        Binding("f5,P", "presenter", "Present", id="walkthrough.presenter"),
    ]

    def __init__(
        self,
        session: Any,
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

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        timer_args: dict[str, Any] = {"saver": self._save_time, "id": "wt-timer"}
        if self._clock is not None:
            timer_args["clock"] = self._clock
        with Horizontal(id="wt-top"):
            yield Static(id="wt-progress", markup=False)
            yield ItemTimer(**timer_args)
        yield Static(id="wt-banner", markup=False)
        with Horizontal(id="wt-body"):
            yield AgendaList(self.guide, id="wt-agenda")
            with Vertical(id="wt-main"):
                yield Static(id="wt-empty", markup=False)
                yield PartView(self.guide, id="wt-part")
        yield Footer()

    def on_mount(self) -> None:
        self.agenda = self._read_agenda()
        self.record_counts = Counter(r.get("part", "") for r in self._read_records())
        state = self._read_ui_state()
        index = state.get("item", 0)
        if not isinstance(index, int) or not 0 <= index < len(self.agenda):
            index = 0
        scroll = state.get("scroll", 0)
        scroll = scroll if isinstance(scroll, (int, float)) and scroll > 0 else 0
        if self.session.readonly:
            self._banner(f"Read-only: {self.session.lock_message or 'another process has it open'}")
        self._go_to(index, scroll=scroll, save=False)
        self.set_interval(2.0, self._save_position_if_changed, name="walkthrough-position")

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
        """Items with time spent on them or something captured for their part."""
        return {
            i
            for i, item in enumerate(self.agenda)
            if int(item.get("spent", 0) or 0) > 0 or self.record_counts.get(item.get("part"), 0)
        }

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
            text = f"Item {self.index + 1} of {len(self.agenda)} · {part_id} {part_title} · {title}"
        self.query_one("#wt-progress", Static).update(literal(text))
        if self.detour:
            origin = self.detour[0][0]
            self._banner(
                f"Linked part {self.shown_part} (from {origin}) · Backspace: back"
                f"{' (' + str(len(self.detour)) + ' steps)' if len(self.detour) > 1 else ''}"
            )
        elif not self.session.readonly:
            self._banner("")

    def _banner(self, text: str) -> None:
        banner = self.query_one("#wt-banner", Static)
        banner.update(literal(text))
        banner.display = bool(text)

    # -- moving -------------------------------------------------------------------------------

    def _go_to(self, index: int, *, scroll: float = 0, save: bool = True) -> None:
        """Make agenda item `index` current (flushing the timer of the one we leave)."""
        if save:
            self._flush_timer()
        self.detour.clear()
        empty = self.query_one("#wt-empty", Static)
        if not self.agenda:
            self.index = 0
            empty.update(
                literal(
                    "This session has no agenda yet. Open the session setup to choose the parts "
                    "to walk through (command palette: ctrl+p, then 'setup')."
                )
            )
            empty.display = True
            self.part_view.display = False
            self.timer.load(timebox_minutes=0, spent=0, others=0)
            self._refresh_progress()
            self._refresh_agenda_list()
            return
        self.index = max(0, min(index, len(self.agenda) - 1))
        item = self.agenda[self.index]
        part_id = str(item.get("part", ""))
        if self.guide.has_part(part_id):
            empty.display = False
            self.part_view.display = True
            self.part_view.show(part_id, scroll_y=scroll)
        else:
            empty.update(literal(f"Part {part_id!r} is not in this guide (content was changed?)."))
            empty.display = True
            self.part_view.display = False
            self.part_view.part_id = None
        others = sum(
            int(it.get("spent", 0) or 0) for i, it in enumerate(self.agenda) if i != self.index
        )
        self.timer.load(
            timebox_minutes=int(item.get("timebox", 0) or 0),
            spent=int(item.get("spent", 0) or 0),
            others=others,
        )
        self._refresh_progress()
        self._refresh_agenda_list()
        if save:
            self._save_position()

    def action_next(self) -> None:
        if self.index + 1 < len(self.agenda):
            self._go_to(self.index + 1)
        else:
            self.notify("This is the last agenda item.", timeout=2)

    def action_previous(self) -> None:
        if self.index > 0:
            self._go_to(self.index - 1)
        else:
            self.notify("This is the first agenda item.", timeout=2)

    def action_jump(self) -> None:
        """Show (on narrow terminals) and focus the agenda jump list."""
        agenda = self.query_one(AgendaList)
        self._agenda_open = not (self._agenda_open and agenda.has_focus)
        self.set_class(self._agenda_open, "-agenda-open")
        if self._agenda_open or self.has_class("-wide"):
            agenda.focus()
        else:
            self.part_view.focus()

    def on_agenda_list_item_chosen(self, event: AgendaList.ItemChosen) -> None:
        event.stop()
        if event.index != self.index or self.detour:
            self._go_to(event.index)
        self._agenda_open = False
        self.remove_class("-agenda-open")
        self.part_view.focus()

    def on_part_view_link_selected(self, event: PartView.LinkSelected) -> None:
        event.stop()
        self.follow_link(event.part_id)

    def follow_link(self, part_id: str) -> None:
        """Show a linked part; `back` returns to the part and scroll position we left."""
        if not self.guide.has_part(part_id) or self.shown_part is None:
            self.notify(f"Part {part_id} is not in this guide.", severity="warning", markup=False)
            return
        self.detour.append((self.shown_part, self.part_view.scroll_y))
        self.part_view.show(part_id)
        self._refresh_progress()

    def action_back(self) -> None:
        if not self.detour:
            self.notify("Nothing to go back to.", timeout=2)
            return
        part_id, scroll = self.detour.pop()
        self.part_view.show(part_id, scroll_y=scroll)
        self._refresh_progress()

    # -- timer --------------------------------------------------------------------------------

    def action_timer_toggle(self) -> None:
        if self.timer.running:
            self._flush_timer(pause=True)
        else:
            self.timer.start()

    def action_timer_reset(self) -> None:
        try:
            self.timer.reset()
        except WorkshopError as error:
            self._report(error)

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
        if item["spent"] == seconds:  # first time: the item became covered
            self._refresh_agenda_list()

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

    def on_unmount(self) -> None:
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
        return (heading, f"{part.id}  {part.title}", list(part.prompts), timer)

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
        ]
