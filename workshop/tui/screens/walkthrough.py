"""The facilitator's walkthrough: one agenda item at a time, with its part, jump list and timer.

Everything the facilitator does is written through the session at once (time spent, position); the
screen only keeps what it shows. Following a linkage is a detour: the agenda item (and its timer)
stays, the linked part is shown, and "back" returns to where the facilitator was.

The item timer keeps counting while another screen (stakeholders, risks, benefits, reviews) covers
the walkthrough: the facilitator is still in that agenda item. Opening such a screen with the timer
running says so once; the time is booked to the item as usual. It also keeps running at Home until
the facilitator pauses it, quits or opens another session (walkthrough_timer says how).
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
from textual.widgets import DataTable, Footer, Static

from workshop.coverage import covered_parts
from workshop.dates import session_base
from workshop.errors import WorkshopError
from workshop.guide.model import Guide, display_part_id
from workshop.kinds import REGISTRY
from workshop.records import KIND_LABELS, record_title
from workshop.tui.screens.walkthrough_moderation import MODERATION_BINDINGS, ModerationControls
from workshop.tui.screens.walkthrough_room import ROOM_BINDINGS, RoomControls
from workshop.tui.screens.walkthrough_timer import TimerControls
from workshop.tui.widgets.agenda_list import AgendaList
from workshop.tui.widgets.capture import CAPTURE_KINDS, CapturePanel
from workshop.tui.widgets.capture_forms import FormContext, RecordForm
from workshop.tui.widgets.literal import one_line
from workshop.tui.widgets.part_history import PartHistoryPanel  # issue 7 hook
from workshop.tui.widgets.part_view import PartView, literal
from workshop.tui.widgets.timer import ItemTimer, format_duration

if TYPE_CHECKING:
    from workshop.store import Session

PaletteCommand = tuple[str, str, Callable[[], Any]]


def saved_message(saved: dict) -> str:
    """'Saved note 3: "Bus data is open…"': says what was saved, as it is on disk (a decision
    names its outcome)."""
    label = KIND_LABELS.get(saved["kind"], saved["kind"]).lower()
    outcome = f" ({saved['outcome']})" if saved.get("kind") == "decision" else ""
    title = one_line(record_title(saved), 48)
    return f"Saved {label} {saved['no']}{outcome}: \u201c{title}\u201d" if title else \
        f"Saved {label} {saved['no']}{outcome}."


def pause_gc() -> bool:
    """Hold off cyclic garbage collection; True when this call turned it off (and so must turn
    it back on)."""
    if gc.isenabled():
        gc.disable()
        return True
    return False


class WalkthroughScreen(TimerControls, RoomControls, ModerationControls, Screen):
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
            self._show(part_id, scroll)
        else:
            empty.update(literal(f"Part {part_id!r} is not in this guide (content was changed?)."))
            empty.display = True
            self.part_view.display = False
            self.part_view.part_id = None
            self.capture.show_part(part_id)
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
        self.room_follow()  # issue 12 hook: phones and the room display follow the agenda
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

    def on_agenda_list_closed(self, event: AgendaList.Closed) -> None:
        """Esc in the jump list closes just the list."""
        event.stop()
        self._agenda_open = False
        self.remove_class("-agenda-open")
        self.part_view.focus()

    def on_capture_panel_left(self, event: CapturePanel.Left) -> None:
        """Esc in the captured list goes back to the part, not Home."""
        event.stop()
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
        self._show(part_id)
        self._refresh_progress()

    def action_back(self) -> None:
        if not self.detour:
            self.notify("Nothing to go back to.", timeout=2)
            return
        part_id, scroll = self.detour.pop()
        self._show(part_id, scroll)
        self._refresh_progress()

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

    # -- capture ------------------------------------------------------------------------------

    @property
    def dot_budget(self) -> int:
        budget = self._read_ui_state().get("dot_budget", 3)
        return budget if isinstance(budget, int) and 1 <= budget <= 99 else 3

    def _writable(self) -> bool:
        if self.session.readonly:
            self._report(WorkshopError(
                f"nothing can be saved: {self.session.lock_message or 'the session is read-only'}"
            ))
            return False
        return True

    def form_context(self, part_id: str) -> FormContext:
        part = self.guide.part(part_id)
        records = self.capture.records(part_id)
        used: Counter[str] = Counter()
        for record in records:
            if record["kind"] == "vote":
                used[record.get("voter", "").casefold()] += int(record.get("dots", 0))
        people = [str(p.get("name", "")) for p in self.session.participants if p.get("name")]
        return FormContext(
            part=part,
            people=people,
            ideas=[r for r in records if r["kind"] == "idea"],
            dot_budget=self.dot_budget,
            dots_used=dict(used),
            save_draft=self.session.save_draft,
            clear_draft=self.session.clear_draft,
            drafts=dict(self.session.drafts),
            due_base=session_base(str(self.session.meta.get("date", ""))),
        )

    def open_form(
        self, kind: str, *, record: dict | None = None, initial: dict | None = None
    ) -> RecordForm | None:
        """Open the add/edit form for `kind` on the shown part (or the record's part)."""
        part_id = record["part"] if record else self.shown_part
        if not part_id or not self.guide.has_part(part_id):
            self.notify("Open an agenda item first.", severity="warning")
            return None
        if not self._writable():
            return None
        self.ensure_records()
        default_rec = ""
        focused = self.focused
        if kind == "rating" or (focused is not None and focused.id == "pv-recs"):
            default_rec = self.part_view.selected_recommendation

        def save(fields: dict[str, Any]) -> dict:
            budget = fields.pop("_budget", None)
            if isinstance(budget, int) and budget != self.dot_budget:
                self.session.set_ui_state(dot_budget=budget)
            if record is not None:
                saved = self.session.update_record(record["id"], **fields)
                self.capture.updated(saved)
            else:
                saved = self.session.add_record(kind, part_id, **fields)
                self.capture.added(saved)
            return saved

        form = RecordForm(kind, self.form_context(part_id), save, record=record,
                          initial=initial, default_rec=default_rec)
        self._form_mounted = self.app.push_screen(form, callback=self._form_closed)
        return form

    def _form_closed(self, saved: dict | None) -> None:
        if saved:
            self.capture.select_record(saved["id"])
            self.notify(saved_message(saved), timeout=3, markup=False)

    async def action_capture(self, kind: str) -> None:
        """Open a new form; the app reads no further key until it is open with its first field
        focused (w, i, r... are priority keys), so the keys typed after the letter land in it,
        Tab included, in the order typed."""
        await self._form_opened(self.open_form(kind))

    def _selected_record(self) -> dict | None:
        record = self.capture.selected
        if record is None:
            self.notify("Nothing selected: captured records are listed in the panel (l).",
                        severity="warning", timeout=3)
        return record

    async def _form_opened(self, form: RecordForm | None) -> None:
        """Wait until a form just pushed is open with its first field focused."""
        if form is not None and self._form_mounted is not None:
            await self._form_mounted

    async def action_edit(self) -> None:
        record = self._selected_record()
        if record is not None:
            await self._form_opened(self.open_form(record["kind"], record=record))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "cp-table":
            event.stop()
            record = self.capture.by_id.get(str(event.row_key.value))
            if record is not None and record["kind"] in CAPTURE_KINDS:
                self.open_form(record["kind"], record=record)

    async def action_convert(self) -> None:
        """Create an action from the selected note, idea or decision."""
        record = self._selected_record()
        if record is None:
            return
        if record["kind"] not in ("note", "idea", "decision"):
            self.notify("Select a note, idea or decision to turn into an action.",
                        severity="warning", timeout=3)
            return
        text = record.get("text", "")
        first = text.strip().splitlines()[0] if text.strip() else ""
        description = text
        if record.get("rationale"):
            description += f"\n\nRationale: {record['rationale']}"
        await self._form_opened(self.open_form("action", initial={
            "title": first[:120], "description": description,
            "rec": record.get("rec", ""), "target": record["id"],
        }))

    def action_delete(self) -> None:
        record = self._selected_record()
        if record is None or not self._writable():
            return
        from workshop.tui.screens.confirm import ConfirmScreen

        label = f"{KIND_LABELS[record['kind']].lower()} {record['no']}"
        votes = sum(1 for r in self.capture.records(record["part"])
                    if r["kind"] == "vote" and r.get("target") == record["id"])
        detail = self.capture.describe(record)
        if votes:
            detail += f"\n\nIts {votes} vote record(s) go too."

        def answer(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.session.delete_record(record["id"])
            except WorkshopError as error:
                self._report(error)
                return
            self.capture.reloaded(self.session.records())
            self.notify(f"Deleted {label}. Undo: u", timeout=3)

        self.app.push_screen(
            ConfirmScreen(f"Delete {label}?", detail + "\n\nUndo (u) brings it back.",
                          yes="Delete"),
            callback=answer,
        )

    def action_undo(self) -> None:
        """Undo the last captured record change. Setup changes (participants, agenda, session
        details) are never undone from here; a record on another part asks first."""
        if not self._writable():
            return
        label, tables, records = self.session.next_undo()
        if not label:
            self.notify("Nothing to undo.", timeout=2)
            return
        if "records" not in tables:
            self.notify("Nothing captured to undo here; the next change in the history is to the "
                        "session setup (use the setup screen).", timeout=5, markup=False)
            return
        from workshop.tui.screens.confirm import ConfirmScreen

        here = self.shown_part
        elsewhere = sorted({r.get("part", "") for r in records} - {here})
        if not elsewhere:
            self._undo_now()
            return

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self._undo_now()

        self.app.push_screen(
            ConfirmScreen(f"Undo {label}?",
                          f"It is on part {', '.join(elsewhere)}, not on the part on screen "
                          f"({here}).", yes="Undo"),
            callback=answer,
        )

    def _undo_now(self) -> None:
        try:
            undone = self.session.undo(1)
        except WorkshopError as error:
            self._report(error)
            return
        if not undone:
            self.notify("Nothing to undo.", timeout=2)
            return
        self.capture.reloaded(self.session.records())
        agenda = self._read_agenda()
        if [i.get("part") for i in agenda] != [i.get("part") for i in self.agenda]:
            self.agenda = agenda
            self._go_to(min(self.index, max(len(agenda) - 1, 0)), save=False)
        label = self.session.undo_label
        more = f" · next undo: {label}" if label else ""
        self.notify(f"Undone: {undone[0]}{more}", timeout=3, markup=False)

    def action_focus_captured(self) -> None:
        self.query_one("#cp-table").focus()

    def action_zoom_capture(self) -> None:
        """Give the capture panel most of the height (narrow) or width (wide), and back."""
        self.toggle_class("-capture-big")

    def action_show_all_captured(self) -> None:
        self.capture.toggle_show_all()
        self.action_focus_captured()

    def on_capture_panel_changed(self, event: CapturePanel.Changed) -> None:
        event.stop()
        self.record_counts = self.capture.counts_by_part()
        self._refresh_agenda_list()

    # -- other screens -------------------------------------------------------------------------

    def action_actions_review(self) -> None:
        from workshop.tui.screens.actions_review import ActionsReviewScreen

        self.app.push_screen(ActionsReviewScreen(self.session, self.guide),
                             callback=self._jump_to_part)

    def action_wrapup(self) -> None:
        from workshop.tui.screens.wrapup import WrapUpScreen

        self.app.push_screen(WrapUpScreen(self.session, self.guide))

    def _jump_to_part(self, part_id: str | None) -> None:
        """Back from a review on `part_id`: its agenda item, or a detour if not on the agenda."""
        self.capture.reloaded(self.session.records())
        if not part_id:
            return
        for index, item in enumerate(self.agenda):
            if item.get("part") == part_id:
                self._go_to(index)
                return
        self.follow_link(part_id)

    def action_toggle_history(self) -> None:
        panel = self.query_one(PartHistoryPanel)
        if not panel.display:
            self.notify("No earlier session recorded anything on this part.", timeout=2)
            return
        panel.toggle()

    def action_follow_up_review(self) -> None:
        """F6: the follow-up review of carried-over open actions (as the carry-over hint says)."""
        opener = getattr(self.app, "open_engagement_screen", None)
        if callable(opener):
            opener("review")

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
