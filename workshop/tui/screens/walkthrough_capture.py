"""The walkthrough's capture keys: add, edit, convert, delete and undo records on the shown part.

A mixin of WalkthroughScreen (kept apart so the screen module stays about layout and moving); the
forms themselves live in workshop/tui/widgets/capture_forms.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from textual.widgets import DataTable

from workshop.dates import session_base
from workshop.errors import WorkshopError
from workshop.guide.model import Guide
from workshop.records import KIND_LABELS, record_title
from workshop.tui.widgets.capture import CAPTURE_KINDS, CapturePanel
from workshop.tui.widgets.capture_forms import FormContext, RecordForm
from workshop.tui.widgets.literal import one_line

if TYPE_CHECKING:
    from workshop.store import Session


def saved_message(saved: dict) -> str:
    """'Saved note 3: "Bus data is open…"': says what was saved, as it is on disk (a decision
    names its outcome)."""
    label = KIND_LABELS.get(saved["kind"], saved["kind"]).lower()
    outcome = f" ({saved['outcome']})" if saved.get("kind") == "decision" else ""
    title = one_line(record_title(saved), 48)
    return f"Saved {label} {saved['no']}{outcome}: \u201c{title}\u201d" if title else \
        f"Saved {label} {saved['no']}{outcome}."


class CaptureActions:
    """Capture-panel actions of the walkthrough (mixed into WalkthroughScreen, which provides
    session, guide, capture, part_view, shown_part, agenda and the rest used here)."""

    session: Session
    guide: Guide
    agenda: list[dict]
    index: int
    record_counts: Counter[str]
    app: Any
    _form_mounted: Awaitable[Any] | None

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
        # issue 12: a phone's contribution is the newest change while the room is open
        from_room = label.startswith("add ") and any(r.get("via") == "room" for r in records)
        if not elsewhere and not from_room:
            self._undo_now()
            return

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self._undo_now()

        why = [f"It is on part {', '.join(elsewhere)}, not on the part on screen ({here})."
               ] if elsewhere else []
        if from_room:
            why.append("It was sent from a phone in the room: undo removes it.")
        self.app.push_screen(ConfirmScreen(f"Undo {label}?", " ".join(why), yes="Undo"),
                             callback=answer)

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
