"""Moderation keys in the walkthrough: approve, hide or show, merge duplicates, decision from.

The rules are in workshop.moderation (core); this mixin only reads the selected record of the
capture panel, calls them and redraws. Editing is the walkthrough's own `e`, and an action from
a contribution is its `c`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from workshop import moderation
from workshop.errors import WorkshopError

if TYPE_CHECKING:
    from workshop.store import Session

MODERATION_BINDINGS = [
    Binding("y", "approve", "Approve selected", id="walkthrough.approve", show=False),
    Binding("H", "hide", "Hide/show selected", id="walkthrough.hide", show=False),
    # awaited (like c): the keys typed after M land in the picker, after D in the form
    Binding("M", "merge", "Merge selected into…", id="walkthrough.merge", show=False),
    Binding("D", "decision_from", "Decision from selected", id="walkthrough.decision-from",
            show=False, priority=True),
]


class ModerationControls:
    """Mixin for the walkthrough screen (uses its capture panel, forms and reporting)."""

    session: Session

    def _moderated(self, changed: dict[str, Any] | None, message: str) -> None:
        screen: Any = self
        screen.capture.reloaded(self.session.records())
        if changed is not None:
            screen.capture.select_record(changed["id"])  # (phones refresh on the panel's change)
        screen.notify(message, timeout=3, markup=False)

    def _moderation_target(self) -> dict[str, Any] | None:
        screen: Any = self
        record = screen._selected_record()
        if record is None or not screen._writable():
            return None
        return record

    def action_approve(self) -> None:
        record = self._moderation_target()
        if record is None:
            return
        try:
            approved = moderation.approve(self.session, record["id"])
        except WorkshopError as error:
            self._report_error(error)
            return
        self._moderated(approved, f"Approved {moderation.name(approved)}: the room sees it.")

    def action_hide(self) -> None:
        record = self._moderation_target()
        if record is None:
            return
        try:
            changed = moderation.toggle_hidden(self.session, record["id"])
        except WorkshopError as error:
            self._report_error(error)
            return
        what = "Hidden from the room" if changed["hidden"] else "Shown to the room again"
        self._moderated(changed, f"{what}: {moderation.name(changed)}. Undo: u")

    async def action_merge(self) -> None:
        from workshop.tui.screens.merge_picker import MergePicker

        screen: Any = self
        record = self._moderation_target()
        if record is None:
            return
        if record["kind"] not in moderation.MERGEABLE:
            screen.notify("Select an idea or note to merge into another.", severity="warning",
                          timeout=3)
            return
        candidates = moderation.merge_candidates(screen.capture.records(record["part"]), record)
        if not candidates:
            screen.notify(f"No other {record['kind']} on this part to merge "
                          f"{moderation.name(record)} into.", severity="warning", timeout=3)
            return

        def chosen(keep_id: str | None) -> None:
            if not keep_id:
                return
            try:
                kept = moderation.merge(self.session, keep_id, record["id"])
            except WorkshopError as error:
                self._report_error(error)
                return
            self._moderated(kept, f"Merged {moderation.name(record)} into "
                                  f"{moderation.name(kept)}. Undo: u")

        await screen.app.push_screen(MergePicker(record, candidates), callback=chosen)

    async def action_decision_from(self) -> None:
        """A decision about the selected idea or note: its text, about the same thing."""
        screen: Any = self
        record = screen._selected_record()
        if record is None:
            return
        if record["kind"] not in ("note", "idea"):
            screen.notify("Select a note or idea to turn into a decision.", severity="warning",
                          timeout=3)
            return
        about = f"idea:{record['id']}" if record["kind"] == "idea" else \
            (f"rec:{record['rec']}" if record.get("rec") else "")
        initial = {"text": record.get("text", "")}
        if about:
            initial["about"] = about
        await screen._form_opened(screen.open_form("decision", initial=initial))

    def _report_error(self, error: Exception) -> None:
        screen: Any = self
        screen._report(error)

    def moderation_palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Moderation: approve selected", "Let a pending room contribution reach the room",
             self.action_approve),
            ("Moderation: hide or show selected", "Hidden: kept, but not shown to the room",
             self.action_hide),
            ("Moderation: merge selected into another", "Duplicates: votes follow the kept one",
             self.action_merge),
            ("Moderation: decision from selected", "Record a decision about an idea or note",
             self.action_decision_from),
        ]
