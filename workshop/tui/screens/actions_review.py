"""Actions review: every action of the session in one table to sort, filter, edit and close.

Dismisses with the part id to jump to (g) or None (Esc). The table is a DataTable, so thousands of
actions open and scroll without one widget per row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Select, Static

from workshop.dates import session_base
from workshop.errors import WorkshopError
from workshop.guide.model import Guide, display_part_id
from workshop.records import ACTION_STATUSES, PRIORITIES
from workshop.summary_people import People
from workshop.tui.widgets.capture_forms import FormContext, RecordForm
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.literal import literal, literal_cell

if TYPE_CHECKING:
    from workshop.store import Session

SORTS = {
    "due": "Due date",
    "owner": "Owner",
    "priority": "Priority",
    "part": "Part",
}
ALL = "__all__"
NOT_DONE = "__not_done__"
NO_OWNER = "__none__"


FIRST_ROWS = 80  # rows added before the first paint: more than any terminal shows at once
FILL_BATCH = 100  # rows added per step after it (small steps keep keys responsive)


def sort_key(action: dict, by: str, part_order: dict[str, int]) -> tuple:
    """Empty values sort last; ties fall back to due date, then number."""
    due = (0, action["due"]) if action.get("due") else (1, "")
    if by == "owner":
        owner = action.get("owner", "").casefold()
        return ((0, owner) if owner else (1, ""), due, action["no"])
    if by == "priority":
        priority = action.get("priority")
        rank = PRIORITIES.index(priority) if priority in PRIORITIES else 9
        return (rank, due, action["no"])
    if by == "part":
        return (part_order.get(action.get("part", ""), 999), due, action["no"])
    return (due, PRIORITIES.index(action.get("priority", "medium")), action["no"])


def sort_actions(actions: list[dict], by: str, part_order: dict[str, int]) -> list[dict]:
    """Stable sort by `sort_key`."""
    return sorted(actions, key=lambda action: sort_key(action, by, part_order))


def filter_actions(actions: list[dict], status: str, owner: str,
                   people: People | None = None) -> list[dict]:
    """`owner` is a key of `People.owner_pieces`: the rule the minutes group owners by, so
    "Sara L." is Sara Lindqvist here too, and a shared action shows under each of its owners."""
    people = people or People([])
    out = []
    for action in actions:
        if status == NOT_DONE and action.get("status") in ("done", "dropped"):
            continue
        if status not in (ALL, NOT_DONE) and action.get("status") != status:
            continue
        if owner == NO_OWNER and action.get("owner"):
            continue
        if owner not in (ALL, NO_OWNER) and owner not in {
                key for key, _ in people.owner_pieces(action.get("owner", ""))}:
            continue
        out.append(action)
    return out


class ActionsReviewScreen(Screen[str | None]):
    """All actions: sort (1-4 or click a header), filter by status and owner, edit, mark done."""

    BINDING_GROUP_TITLE = "Actions review"
    PALETTE_GROUP = "Actions"
    BINDINGS = [
        Binding("escape", "close", "Back", id="actions.close"),
        Binding("enter,e", "edit", "Edit", id="actions.edit"),
        Binding("space", "toggle_done", "Done/open", id="actions.toggle-done"),
        Binding("g", "go_to_part", "Go to part", id="actions.go-to-part"),
        Binding("1", "sort('due')", "By due", id="actions.sort-due"),
        Binding("2", "sort('owner')", "By owner", id="actions.sort-owner"),
        Binding("3", "sort('priority')", "By priority", id="actions.sort-priority"),
        Binding("4", "sort('part')", "By part", id="actions.sort-part"),
        Binding("f", "focus_filter('status')", "Status filter", id="actions.filter-status",
                show=False),
        Binding("o", "focus_filter('owner')", "Owner filter", id="actions.filter-owner",
                show=False),
        Binding("u,ctrl+z", "undo", "Undo", id="actions.undo", show=False),
    ]

    DEFAULT_CSS = """
    ActionsReviewScreen #ar-filters {
        height: auto;
        background: $panel;
    }
    ActionsReviewScreen #ar-filters Select {
        width: 1fr;
    }
    ActionsReviewScreen #ar-status-line {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    ActionsReviewScreen DataTable {
        height: 1fr;
    }
    """

    # What a facilitator scans first comes first; the title takes the width that is left, so at
    # 80 columns number, due date, owner, status and title are all on screen.
    COLUMNS = (
        ("no", "No", 4), ("due", "Due", 10), ("owner", "Owner", 12), ("status", "Status", 11),
        ("title", "Title", None), ("priority", "Prio", 6), ("part", "Part", 7),
    )
    TITLE_MIN = 24

    def __init__(self, session: Session, guide: Guide) -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self.sort_by = "due"
        self.actions: list[dict] = []
        self.shown: list[dict] = []
        self.people = People([])  # the session's participants, read on each reload
        self.part_order = {p.id: i for i, p in enumerate(guide.parts)}
        self._filters_shown: tuple[str, str] | None = None  # skip refreshes that change nothing
        self._fill_generation = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="ar-filters"):
            statuses = [(Content("Status: not done"), NOT_DONE), (Content("Status: all"), ALL)]
            statuses += [(Content(f"Status: {s}"), s) for s in ACTION_STATUSES]
            yield ChoiceSelect(statuses, value=NOT_DONE, allow_blank=False, id="ar-status")
            yield ChoiceSelect([(Content("Owner: everyone"), ALL)], value=ALL, allow_blank=False,
                         id="ar-owner")
        yield Static(id="ar-status-line", markup=False)
        yield DataTable(id="ar-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        fixed = sum(width or 0 for _key, _label, width in self.COLUMNS)
        padding = 2 * len(self.COLUMNS) + 2  # cell padding and the scrollbar
        title_width = max(self.TITLE_MIN, self.app.size.width - fixed - padding)
        for key, label, width in self.COLUMNS:
            table.add_column(label, key=key, width=width or title_width)
        self.reload()
        table.focus()

    # -- data ---------------------------------------------------------------------------------

    def reload(self, keep: str | None = None) -> None:
        self.actions = self.session.records(kind="action")
        meta = self.session.meta
        self.people = People(self.session.participants, str(meta.get("facilitator", "")))
        owners = {key: label for a in self.actions
                  for key, label in self.people.owner_pieces(a.get("owner", ""))}
        owner_select = self.query_one("#ar-owner", Select)
        current = owner_select.value
        options = [(Content("Owner: everyone"), ALL), (Content("Owner: nobody yet"), NO_OWNER)]
        options += [(literal(f"Owner: {label}"), key)
                    for key, label in sorted(owners.items(), key=lambda o: o[1].casefold())]
        with self.prevent(Select.Changed):
            owner_select.set_options(options)
            values = {v for _l, v in options}
            owner_select.value = current if current in values else ALL
        self.refresh_table(keep=keep)

    def refresh_table(self, keep: str | None = None) -> None:
        table = self.query_one(DataTable)
        selected = keep or self.selected_id()
        status = self.query_one("#ar-status", Select).value
        owner = self.query_one("#ar-owner", Select).value
        self._filters_shown = (str(status), str(owner))
        self.shown = sort_actions(
            filter_actions(self.actions, str(status), str(owner), self.people), self.sort_by,
            self.part_order
        )
        table.clear()
        self._fill_generation += 1
        first, rest = self.shown[:FIRST_ROWS], self.shown[FIRST_ROWS:]
        for action in first:
            table.add_row(*self._cells(action), key=action["id"])
        if rest:  # a screenful paints at once; the rest follows right after the first frame
            generation = self._fill_generation
            self.set_timer(0.001, lambda: self._fill_rest(generation, rest, selected))
        if selected and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        self._update_status_line()

    def _fill_rest(self, generation: int, rest: list[dict], selected: str | None) -> None:
        """Add the remaining rows in small batches so keys stay responsive meanwhile."""
        if generation != self._fill_generation:  # a newer refresh replaced the table
            return
        table = self.query_one(DataTable)
        batch, rest = rest[:FILL_BATCH], rest[FILL_BATCH:]
        for action in batch:
            table.add_row(*self._cells(action), key=action["id"])
        if rest:
            self.set_timer(0.001, lambda: self._fill_rest(generation, rest, selected))
        elif selected and selected in table.rows and table.cursor_row == 0:
            table.move_cursor(row=table.get_row_index(selected))

    @classmethod
    def _cells(cls, action: dict) -> list[Text]:
        """One table row, in COLUMNS order; Text cells are shown literally and cost less than
        markup strings."""
        cells = {
            "no": Text(str(action["no"])),
            "title": literal_cell(action.get("title", ""), 200),
            "owner": literal_cell(action.get("owner", ""), 40),
            "due": Text(action.get("due", "")),
            "priority": Text(action.get("priority", "")),
            "status": Text(action.get("status", "")),
            "part": literal_cell(display_part_id(action.get("part", ""))),
        }
        return [cells[key] for key, _label, _width in cls.COLUMNS]

    def _update_status_line(self) -> None:
        line = (f"{len(self.shown)} of {len(self.actions)} actions · sorted by "
                f"{SORTS[self.sort_by].lower()} · Enter edit · Space done/open · g go to part")
        self.query_one("#ar-status-line", Static).update(literal(line))

    def selected_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(row_key.value)

    def selected(self) -> dict | None:
        record_id = self.selected_id()
        return next((a for a in self.actions if a["id"] == record_id), None)

    # -- actions ------------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        filters = (str(self.query_one("#ar-status", Select).value),
                   str(self.query_one("#ar-owner", Select).value))
        if filters != self._filters_shown:  # Select posts Changed on mount too
            self.refresh_table()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = str(event.column_key.value)
        if key in SORTS:
            self.action_sort(key)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def action_sort(self, by: str) -> None:
        self.sort_by = by
        self.refresh_table()

    def action_focus_filter(self, which: str) -> None:
        self.query_one(f"#ar-{which}", Select).focus()

    def _report(self, error: Exception) -> None:
        notify_error = getattr(self.app, "notify_error", None)
        if callable(notify_error):
            notify_error(error)
        else:
            self.notify(str(error), severity="error", markup=False)

    def action_toggle_done(self) -> None:
        action = self.selected()
        if action is None:
            return
        status = "open" if action["status"] == "done" else "done"
        try:
            saved = self.session.update_record(action["id"], status=status)
        except WorkshopError as error:
            self._report(error)
            return
        self._replace(saved)
        self.notify(f"Action {saved['no']} is {status}.", timeout=2)

    def _replace(self, saved: dict) -> None:
        """Show one changed action: update its row in place when it keeps its place."""
        old = next((a for a in self.actions if a["id"] == saved["id"]), None)
        self.actions = [saved if a["id"] == saved["id"] else a for a in self.actions]
        status, owner = self._filters_shown or ("", "")
        still_shown = bool(filter_actions([saved], status, owner, self.people))
        same_place = old is not None and sort_key(old, self.sort_by, self.part_order) == sort_key(
            saved, self.sort_by, self.part_order)
        table = self.query_one(DataTable)
        if saved["id"] not in table.rows or (still_shown and not same_place):
            self.refresh_table(keep=saved["id"])
            return
        index = next(i for i, a in enumerate(self.shown) if a["id"] == saved["id"])
        if still_shown:
            self.shown[index] = saved
            for (key, _label, _width), cell in zip(self.COLUMNS, self._cells(saved),
                                                   strict=True):
                table.update_cell(saved["id"], key, cell)
        else:  # e.g. marked done while showing "not done": it leaves the list
            del self.shown[index]
            table.remove_row(saved["id"])
        self._update_status_line()

    def action_edit(self) -> None:
        action = self.selected()
        if action is None:
            return
        if not self.guide.has_part(action["part"]):
            self.notify(f"Part {action['part']} is not in this guide.", severity="warning",
                        markup=False)
            return
        people = [str(p.get("name", "")) for p in self.session.participants if p.get("name")]
        context = FormContext(
            part=self.guide.part(action["part"]), people=people,
            save_draft=self.session.save_draft, clear_draft=self.session.clear_draft,
            drafts=dict(self.session.drafts),
            due_base=session_base(str(self.session.meta.get("date", ""))),
        )

        def save(fields: dict[str, Any]) -> dict:
            return self.session.update_record(action["id"], **fields)

        def closed(saved: dict | None) -> None:
            if saved:
                self.reload(keep=saved["id"])

        self.app.push_screen(RecordForm("action", context, save, record=action), callback=closed)

    def action_undo(self) -> None:
        try:
            undone = self.session.undo(1)
        except WorkshopError as error:
            self._report(error)
            return
        self.reload()
        self.notify(f"Undone: {undone[0]}" if undone else "Nothing to undo.", timeout=2,
                    markup=False)

    def action_go_to_part(self) -> None:
        action = self.selected()
        if action is not None:
            self.dismiss(action["part"])

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        commands: list[tuple[str, str, Callable[[], Any]]] = [
            (f"Actions: sort by {label.lower()}", "Reorder the table",
             lambda key=key: self.action_sort(key))
            for key, label in SORTS.items()
        ]
        commands += [
            ("Actions: edit selected", "Open the action form", self.action_edit),
            ("Actions: mark done / reopen", "Toggle the selected action", self.action_toggle_done),
            ("Actions: go to the action's part", "Back to the walkthrough on that part",
             self.action_go_to_part),
            ("Actions: filter by status", "Focus the status filter",
             lambda: self.action_focus_filter("status")),
            ("Actions: filter by owner", "Focus the owner filter",
             lambda: self.action_focus_filter("owner")),
            ("Actions: undo", "Undo the last change", self.action_undo),
            ("Actions: back", "Close the review", self.action_close),
        ]
        return commands
