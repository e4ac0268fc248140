"""Follow-up across workshops: carry open work over from earlier sessions, then review it.

The carry-over picker lets the facilitator choose earlier sessions and kinds of item, shows what
would come across, and copies it (each copy linked to where it came from). The follow-up review
walks the carried-over open actions one at a time: done, still open with a new date, or dropped
with a reason (followup_review.py; still importable from here).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Label,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from workshop.errors import WorkshopError
from workshop.followup import (
    CARRY_KINDS,
    CarryItem,
    carry_over,
    carry_preview,
    city_history,
    follow_up_queue,
    named_stakeholders,
    session_order,
)
from workshop.guide.model import Guide
from workshop.kinds import REGISTRY
from workshop.records import KIND_LABELS, record_title
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.followup_review import FollowUpReviewScreen
from workshop.tui.screens.register_forms import (
    cell,
    show_error,
)
from workshop.tui.widgets.part_view import one_line
from workshop.tui.widgets.tickbox import TickBox, TickList

if TYPE_CHECKING:
    from workshop.store import Session, SessionStore

# What the carry-over offers per kind, as each kind declares it (workshop/kinds/).
KIND_CHOICES = {k: REGISTRY[k].carry.offer for k in CARRY_KINDS if REGISTRY[k].carry}


def _store_of(screen: Screen, store: Any) -> Any:
    return store if store is not None else screen.app.store


class CarryOverScreen(Screen):
    """Pick earlier sessions and kinds, preview, carry over."""

    CSS_PATH = "followup.tcss"
    PALETTE_GROUP = "Carry over"
    BINDING_GROUP_TITLE = "Carry over from earlier sessions"
    BINDINGS = [
        Binding("escape", "back", "Back", id="carry.back"),
        Binding("ctrl+s", "carry", "Carry over", id="carry.go",
                tooltip="Copy the previewed items into this session"),
        Binding("f6", "review", "Follow-up review", id="carry.review",
                tooltip="Walk the carried-over open actions one by one"),
        Binding("ctrl+z", "undo_carry", "Undo carry", id="carry.undo",
                tooltip="Remove everything the last carry-over added"),
    ]

    def __init__(
        self,
        session: Session,
        guide: Guide,
        store: SessionStore | None = None,
        *,
        intro: bool = False,
    ) -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self._store = store
        self.intro = intro  # offered on a new session's first opening
        self._snapshots: dict[str, dict[str, Any]] | None = None
        self.preview: list[CarryItem] = []
        self.last_carry = 0  # undo steps the last carry-over made

    @property
    def store(self) -> Any:
        return _store_of(self, self._store)

    def compose(self) -> ComposeResult:
        yield Header()
        if self.intro:
            yield Static(
                "New session: bring open work over from earlier sessions? Tick the sessions, "
                "then ctrl+s to carry over, or escape to skip (the palette offers it later).",
                id="carry-intro", markup=False,
            )
        with Horizontal(id="carry-top"):
            with Vertical(id="carry-sessions-box"):
                yield Label("Earlier sessions (space to tick)", classes="sub")
                yield TickList[str](id="carry-sessions")
            with Vertical(id="carry-kinds-box"):
                yield Label("What to carry", classes="sub")
                yield TickList[str](
                    *[Selection(KIND_CHOICES[k], k, True) for k in CARRY_KINDS], id="carry-kinds"
                )
        yield TickBox(
            "Also add the stakeholders they name to this session's register",
            value=False, id="carry-add-people", compact=True,
            tooltip="Off: their names stay in the carried engagement decision's text",
        )
        yield Static("", id="carry-summary", markup=False)
        yield DataTable(id="carry-preview", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Carry over from earlier sessions"
        self.query_one("#carry-preview", DataTable).add_columns("Kind", "Item", "Part", "From")
        self._load_sessions()
        self.query_one("#carry-sessions", SelectionList).focus()

    @property
    def snapshots(self) -> dict[str, dict[str, Any]]:
        """Every other readable session in the store, read once (without locking them)."""
        if self._snapshots is None:
            self._snapshots = {}
            try:
                infos = [i for i in self.store.list() if i.readable and i.id != self.session.id]
            except WorkshopError as error:
                show_error(self, error)
                infos = []
            for info in infos:
                try:
                    self._snapshots[info.id] = self.store.read_snapshot(info.id)
                except WorkshopError as error:
                    show_error(self, error)
        return self._snapshots

    @property
    def history(self) -> list[dict[str, Any]]:
        """The other sessions of this session's city: the only ones that count as its history."""
        return city_history(self.session.snapshot(), self.snapshots.values())

    def has_open_items(self) -> bool:
        """Whether an earlier session of this city has something this one could carry over."""
        snaps = self.history
        return bool(snaps) and bool(carry_preview(self.session, snaps, history=snaps))

    def _load_sessions(self) -> None:
        """List the other sessions; tick the latest one of this city held before this one.

        Other cities' sessions are listed (they can be ticked by hand) but never pre-ticked.
        """
        here = session_order(self.session.snapshot())
        ordered = sorted(self.snapshots.values(), key=session_order, reverse=True)
        earlier = [s for s in reversed(self.history) if session_order(s) <= here]
        default = earlier[0]["session"]["id"] if earlier else None
        selections = []
        for snap in ordered:
            meta = snap["session"]
            open_actions = sum(
                1 for r in snap["records"]
                if r["kind"] == "action" and r["status"] in ("open", "in progress")
            )
            label = (f"{meta.get('date') or 'no date'}  {one_line(meta.get('title', ''), 40)}"
                     f"  ({open_actions} open action{'s' if open_actions != 1 else ''})")
            selections.append(Selection(Content(label), meta["id"], meta["id"] == default))
        chooser = self.query_one("#carry-sessions", SelectionList)
        chooser.clear_options()
        chooser.add_options(selections)
        self.refresh_preview()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        self.refresh_preview()

    def _chosen(self) -> tuple[list[dict[str, Any]], list[str]]:
        ids = self.query_one("#carry-sessions", SelectionList).selected
        kinds = self.query_one("#carry-kinds", SelectionList).selected
        return [self.snapshots[i] for i in ids if i in self.snapshots], list(kinds)

    def refresh_preview(self) -> None:
        sources, kinds = self._chosen()
        table = self.query_one("#carry-preview", DataTable)
        table.clear()
        summary = self.query_one("#carry-summary", Static)
        if not self.snapshots:
            self.preview = []
            self.query_one("#carry-add-people", TickBox).display = False
            summary.update(Content("No earlier sessions in this store: nothing to carry over."))
            return
        self.preview = carry_preview(self.session, sources, kinds,
                                     history=self.history) if sources and kinds else []
        for item in self.preview:
            r = item.record
            table.add_row(cell(KIND_LABELS[r["kind"]]), cell(record_title(r), 40),
                          cell(r["part"]), cell(item.source.get("title", ""), 20))
        named = named_stakeholders(self.preview, sources)
        tick = self.query_one("#carry-add-people", TickBox)
        tick.display = bool(named)
        if not sources:
            text = "Tick one or more earlier sessions."
        elif not self.preview:
            text = "Nothing new to carry: everything open is already here, or closed since."
        else:
            text = (f"{len(self.preview)} item(s) will be carried over, each linked to its "
                    "origin. Press ctrl+s to carry them.")
            if named:
                text += (f" Their engagement decisions name {named} stakeholder(s): "
                         + ("those not in this register are added (not as attendees)."
                            if tick.value else
                            "names only, in the decision's text (tick the box to add them)."))
        summary.update(Content(text))

    def on_checkbox_changed(self, event: TickBox.Changed) -> None:
        if event.checkbox.id == "carry-add-people":
            self.refresh_preview()

    def action_back(self) -> None:
        self.dismiss()

    def action_carry(self) -> None:
        sources, kinds = self._chosen()
        if not self.preview:
            self.notify("Nothing to carry over: tick a session with open items.", markup=False)
            return
        log: list[str] = []
        try:
            added = carry_over(
                self.session, sources, kinds, history=self.history, log=log,
                add_stakeholders=self.query_one("#carry-add-people", TickBox).value,
            )
        except WorkshopError as error:
            show_error(self, error)  # what was copied before the failure stays, and is undoable
            self.last_carry = len(log)
            self.refresh_preview()
            return
        self.last_carry = len(log)
        actions = sum(1 for r in added if r["kind"] == "action")
        people = sum(1 for step in log if step.startswith("add participant"))
        added_people = f", {people} stakeholder(s) added to the register" if people else ""
        self.notify(
            f"Carried over {len(added)} item(s), {actions} open action(s){added_people}. "
            "ctrl+z here undoes it.",
            markup=False, timeout=8,
        )
        self.refresh_preview()
        if actions and follow_up_queue(self.session):
            # asked here, not left to a key that only this screen knows (QA 15)
            self.app.push_screen(
                ConfirmScreen(
                    f"Review the {actions} carried-over open action(s) now?",
                    "One at a time: done, still open with a new date, or dropped. "
                    "Later: ctrl+p, Follow-up review (or F6 on this screen).",
                    yes="Review now", no="Later", danger=False,
                ),
                lambda yes: self.action_review() if yes else None,
            )

    def action_undo_carry(self) -> None:
        if not self.last_carry:
            self.notify("No carry-over to undo here.", markup=False)
            return
        try:
            self.session.undo(self.last_carry)
        except WorkshopError as error:
            show_error(self, error)
            return
        self.notify("The last carry-over was undone.", markup=False)
        self.last_carry = 0
        self.refresh_preview()

    def action_review(self) -> None:
        self.app.push_screen(FollowUpReviewScreen(self.session, self.guide))

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        return [("Follow-up review", "Walk the carried-over open actions one by one",
                 self.action_review)]


__all__ = ["CarryOverScreen", "FollowUpReviewScreen", "KIND_CHOICES"]
