"""Component C: the benefits register.

What the programme should deliver: the benefit, who gains, how it is measured (baseline, target,
by when), who owns it, and which parts and actions it depends on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static
from textual.widgets.selection_list import Selection

from workshop.errors import WorkshopError
from workshop.guide.model import Guide
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.register_forms import (
    DueValidator,
    FormField,
    RecordForm,
    RequiredValidator,
    RowTable,
    cell,
    refuse_if_readonly,
    show_error,
    ticked,
    undo_and_notify,
)
from workshop.tui.widgets.early_keys import DialogOpener
from workshop.tui.widgets.part_view import one_line
from workshop.tui.widgets.tickbox import TickList

if TYPE_CHECKING:
    from workshop.store import Session

BENEFICIARIES = (
    "citizens", "businesses", "city organisations", "the environment", "visitors",
    "voluntary and community groups", "universities and colleges",
)


class BenefitForm(RecordForm):
    """Add or edit one benefit."""

    def __init__(self, on_save: Any, guide: Guide, actions: list[dict[str, Any]],
                 record: dict[str, Any] | None = None, *,
                 people: list[str] | None = None) -> None:
        super().__init__(f"Edit benefit {record['no']}" if record else "Add a benefit", on_save)
        self.people = people  # participant names: the owner picker
        self.guide = guide
        self.actions = actions
        self.record_ = record or {}

    def compose_fields(self) -> ComposeResult:
        r = self.record_
        yield FormField("Benefit", r.get("title", ""), field_id="be-title",
                        placeholder="what gets better", validators=[RequiredValidator("a benefit")],
                        hint="required")
        yield Label("Who gains (space to tick)", classes="sub")
        gains = list(r.get("beneficiaries", []))
        yield TickList[str](*[Selection(Content(b), b, b in gains) for b in BENEFICIARIES],
                            id="be-who")
        others = [b for b in gains if b not in BENEFICIARIES]
        yield FormField("Others who gain", ", ".join(others), field_id="be-who-other",
                        placeholder="comma separated", hint="comma separated")
        yield FormField("Measure", r.get("measure", ""), field_id="be-measure",
                        placeholder="indicator, e.g. days to a permit")
        yield FormField("Baseline", r.get("baseline", ""), field_id="be-baseline",
                        placeholder="where it is now")
        yield FormField("Target", r.get("target_value", ""), field_id="be-target",
                        placeholder="where it should get to")
        yield FormField("By when", r.get("due", ""), field_id="be-due",
                        placeholder="YYYY-MM-DD, +2w, friday",
                        validators=[DueValidator()], hint="date or +2w")
        yield FormField("Owner", r.get("owner", ""), field_id="be-owner", people=self.people)
        yield Label("Linked parts (space to tick)", classes="sub")
        parts = set(r.get("parts", []))
        yield TickList[str](
            *[Selection(Content(one_line(p.label, 60)), p.id, p.id in parts)
              for p in self.guide.parts],
            id="be-parts",
        )
        yield Label("Linked actions (space to tick)", classes="sub")
        linked = set(r.get("actions", []))
        if self.actions:
            yield TickList[str](
                *[Selection(Content(one_line(f"{a['no']}. {a['title']} [{a['status']}]", 70)),
                            a["id"], a["id"] in linked) for a in self.actions],
                id="be-actions",
            )
        else:
            yield Static("No actions in this session yet.", markup=False, classes="sub")

    def values(self) -> dict[str, Any]:
        gains = ticked(self.query_one("#be-who", TickList))
        for extra in self.field("be-who-other").split(","):
            if extra.strip() and extra.strip() not in gains:
                gains.append(extra.strip())
        actions = self.query("#be-actions")
        return {
            "title": self.field("be-title"),
            "beneficiaries": gains,
            "measure": self.field("be-measure"),
            "baseline": self.field("be-baseline"),
            "target_value": self.field("be-target"),
            "due": self.due_field("be-due", "by when"),
            "owner": self.field("be-owner"),
            "parts": ticked(self.query_one("#be-parts", TickList)),
            "actions": ticked(actions.first(TickList)) if actions else [],
        }


class BenefitsScreen(DialogOpener, Screen):
    """The benefits register: a table of benefits and the details of the selected one."""

    CSS_PATH = "benefits.tcss"
    PALETTE_GROUP = "Benefits"
    BINDING_GROUP_TITLE = "Benefits register"
    BINDINGS = [
        Binding("escape", "back", "Back", id="benefits.back", priority=True),
        # priority (the screen has no text field): handled as they arrive, so what is typed
        # after them in a burst goes to the dialog they open
        Binding("a", "add", "Add benefit", id="benefits.add", priority=True),
        Binding("e", "edit", "Edit", id="benefits.edit", priority=True),
        Binding("enter", "edit", "Edit", id="benefits.edit-enter", show=False, priority=True),
        Binding("x", "delete", "Delete", id="benefits.delete", priority=True),
        Binding("ctrl+z", "undo", "Undo", id="benefits.undo", priority=True),
    ]

    def __init__(self, session: Session, guide: Guide) -> None:
        super().__init__()
        self.session = session
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id="be-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="be-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Benefits register (Component C)"
        self.query_one("#be-table", DataTable).add_columns(
            "No", "Benefit", "Who gains", "Measure", "Baseline", "Target", "By", "Owner"
        )
        self.refresh_views()
        self.query_one("#be-table", DataTable).focus()

    def _people(self) -> list[str]:
        return [p.get("name", "") for p in self.session.participants]

    def _default_part(self, values: dict[str, Any]) -> str:
        if values["parts"]:
            return values["parts"][0]
        return "C" if self.guide.has_part("C") else (self.guide.parts[0].id if self.guide.parts
                                                     else "C")

    def refresh_views(self, select: str = "") -> None:
        table = self.query_one("#be-table", DataTable)
        row = table.cursor_row
        table.clear()
        for r in self.session.records("benefit"):
            table.add_row(
                cell(r["no"]), cell(r["title"], 22), cell(", ".join(r["beneficiaries"]) or "-", 14),
                cell(r["measure"] or "-", 14), cell(r["baseline"] or "-", 8),
                cell(r["target_value"] or "-", 8), cell(r["due"] or "-"),
                cell(r["owner"] or "-", 10), key=r["id"],
            )
        if select and select in table.rows:
            row = table.get_row_index(select)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_detail()

    def _selected(self) -> dict[str, Any] | None:
        table = self.query_one("#be-table", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            return self.session.record(key)
        except (WorkshopError, KeyError):
            return None

    def _show_detail(self) -> None:
        detail = self.query_one("#be-detail", Static)
        r = self._selected()
        if r is None:
            detail.update(Content("No benefits yet: press a to add what the programme should "
                                  "deliver, who gains and how you will know."))
            return
        actions = {a["id"]: a for a in self.session.records("action")}
        linked = [f"{actions[a]['no']}. {actions[a]['title']} ({actions[a]['status']})"
                  for a in r["actions"] if a in actions]
        parts = [self.guide.part(p).label if self.guide.has_part(p) else p for p in r["parts"]]
        lines = [
            f"{r['no']}. {r['title']}",
            f"Who gains: {', '.join(r['beneficiaries']) or '-'}",
            f"Measure: {r['measure'] or '-'}; baseline {r['baseline'] or '-'} → target "
            f"{r['target_value'] or '-'} by {r['due'] or '-'}; owner {r['owner'] or '-'}",
            f"Parts: {', '.join(parts) or '-'}",
            f"Actions: {'; '.join(linked) or '-'}",
        ]
        if r.get("origin"):
            lines.append(f"Carried over from {r['origin'].get('title', '')}")
        detail.update(Content("\n".join(lines)))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on a row edits it (enter is the priority binding above)."""
        await self.action_edit()

    def action_back(self) -> None:
        self.dismiss()

    async def action_add(self) -> None:
        if refuse_if_readonly(self, self.session, "add a benefit"):
            return

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.add_record("benefit", self._default_part(values), **values)

        await self.open_dialog(
            BenefitForm(save, self.guide, self.session.records("action"),
                        people=self._people()), self._after_form
        )

    async def action_edit(self) -> None:
        if refuse_if_readonly(self, self.session, "edit a benefit"):
            return
        record = self._selected()
        if record is None:
            self.notify("No benefit selected: press a to add one.", markup=False)
            return

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.update_record(record["id"], **values)

        await self.open_dialog(
            BenefitForm(save, self.guide, self.session.records("action"), record,
                        people=self._people()),
            self._after_form,
        )

    def _after_form(self, saved: Any) -> None:
        if saved:
            self.notify(f"Saved benefit {saved['no']}.", markup=False, timeout=2)
        self.refresh_views(select=saved["id"] if saved else "")

    async def action_delete(self) -> None:
        record = self._selected()
        if record is None:
            return
        if refuse_if_readonly(self, self.session, "delete a benefit"):
            return
        await self.open_dialog(
            ConfirmScreen(f"Delete benefit {record['no']}?",
                          f"{record['title']}\nctrl+z undoes it afterwards.", yes="Delete (y)",
                          no="Keep (n)"),
            lambda yes: self._delete(record) if yes else None,
        )

    def _delete(self, record: dict[str, Any]) -> None:
        try:
            self.session.delete_record(record["id"])
        except WorkshopError as error:
            show_error(self, error)
            return
        self.notify(f"Deleted benefit {record['no']} (ctrl+z undoes).", markup=False)
        self.refresh_views()

    def action_undo(self) -> None:
        if undo_and_notify(self, self.session) is not None:
            self.refresh_views()


__all__ = ["BENEFICIARIES", "BenefitsScreen"]
