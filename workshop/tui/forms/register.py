"""The register screen of any declared kind: a table of its records, the selected one's details.

Why: each register used to be a screen of its own naming its kind's fields (columns, details,
form). This one reads the kind's declaration (workshop/kinds/<kind>.py, `form_hints`): the table
shows the declared columns, the details pane the declared lines, and a/e/x/ctrl+z add, edit,
delete (asked first) and undo. Its keys are priority bindings (the screen has no text field), so
what is typed after them in a burst goes to the dialog they open. Subclass it with
`class BenefitsScreen(RegisterScreen, kind="benefit")`, or take `register_screen(name)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from workshop.errors import WorkshopError
from workshop.guide.model import Guide
from workshop.kinds import REGISTRY, Kind
from workshop.kinds.forms import FormHints
from workshop.records import record_title
from workshop.tui.forms import sources
from workshop.tui.forms.declared import DeclaredForm
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.register_forms import (
    RowTable,
    cell,
    refuse_if_readonly,
    show_error,
    undo_and_notify,
)
from workshop.tui.widgets.early_keys import DialogOpener

if TYPE_CHECKING:
    from workshop.store import Session


def register_bindings(kind: Kind) -> list[Binding]:
    """The register's keys, with ids named after its register ("benefits.add")."""
    name = kind.register or kind.plural
    return [
        Binding("escape", "back", "Back", id=f"{name}.back", priority=True),
        Binding("a", "add", f"Add {kind.singular}", id=f"{name}.add", priority=True),
        Binding("e", "edit", "Edit", id=f"{name}.edit", priority=True),
        Binding("enter", "edit", "Edit", id=f"{name}.edit-enter", show=False, priority=True),
        Binding("x", "delete", "Delete", id=f"{name}.delete", priority=True),
        Binding("ctrl+z", "undo", "Undo", id=f"{name}.undo", priority=True),
    ]


class RegisterScreen(DialogOpener, Screen):
    """A kind's register: a table of its records and the details of the selected one."""

    KIND: ClassVar[str] = ""
    FORM: ClassVar[type[DeclaredForm]] = DeclaredForm
    DEFAULT_CSS = """
    RegisterScreen .register-table { height: 1fr; }
    RegisterScreen .register-detail {
        height: auto; max-height: 8; padding: 0 1; border-top: solid $primary;
    }
    """

    def __init_subclass__(cls, kind: str = "", **kwargs: Any) -> None:
        if kind:  # the bindings must be in place before Textual merges them
            declared = REGISTRY[kind]
            cls.KIND = kind
            cls.BINDINGS = register_bindings(declared)
            for name in ("PALETTE_GROUP", "BINDING_GROUP_TITLE"):
                if name not in cls.__dict__:  # the subclass's own wording wins
                    setattr(cls, name, declared.section)
        super().__init_subclass__(**kwargs)

    def __init__(self, session: Session, guide: Guide) -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self.kind = REGISTRY[self.KIND]
        if self.kind.form_hints is None:
            raise LookupError(f"{self.KIND} declares no form hints (workshop/kinds/)")
        self.hints: FormHints = self.kind.form_hints
        self.prefix = self.hints.prefix or self.kind.name

    def compose(self) -> ComposeResult:
        yield Header()
        yield RowTable(id=f"{self.prefix}-table", cursor_type="row", zebra_stripes=True,
                       classes="register-table")
        yield Static("", id=f"{self.prefix}-detail", markup=False, classes="register-detail")
        yield Footer()

    @property
    def table(self) -> DataTable:
        return self.query_one(f"#{self.prefix}-table", DataTable)

    def on_mount(self) -> None:
        self.sub_title = self.hints.sub_title or self.kind.section
        self.table.add_columns("No", *[c.heading for c in self.hints.table])
        self.refresh_views()
        self.table.focus()

    def _people(self) -> list[str]:
        return [p.get("name", "") for p in self.session.participants]

    def _cell_text(self, value: Any) -> str:
        if isinstance(value, list):
            return ", ".join(map(str, value)) or "-"
        return str(value) if value not in ("", None) else "-"

    def refresh_views(self, select: str = "") -> None:
        table = self.table
        row = table.cursor_row
        table.clear()
        for r in self.session.records(self.kind.name):
            table.add_row(cell(r["no"]), *[cell(self._cell_text(r.get(c.field)), c.width)
                                           for c in self.hints.table], key=r["id"])
        if select and select in table.rows:
            row = table.get_row_index(select)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        self._show_detail()

    def _selected(self) -> dict[str, Any] | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        try:
            return self.session.record(key)
        except (WorkshopError, KeyError):
            return None

    def detail_lines(self, record: dict[str, Any]) -> list[str]:
        """The declared details lines of `record` ("-" for what is empty)."""
        values: dict[str, str] = {"no": str(record["no"])}
        for name in self.kind.fields:
            hint = self.hints.fields.get(name)
            value = record.get(name)
            if hint is not None and hint.widget == "ticks":
                values[name] = sources.shown(hint.options, value or [], self.session,
                                             self.guide) or "-"
            else:
                values[name] = self._cell_text(value)
        lines = [line.format_map(values) for line in self.hints.detail]
        if record.get("origin"):
            lines.append(f"Carried over from {record['origin'].get('title', '')}")
        return lines

    def _show_detail(self) -> None:
        detail = self.query_one(f"#{self.prefix}-detail", Static)
        record = self._selected()
        if record is None:
            detail.update(Content(self.hints.empty or f"No {self.kind.plural} yet: press a to "
                                  f"add {self.kind.a}."))
            return
        detail.update(Content("\n".join(self.detail_lines(record))))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on a row edits it (enter is the priority binding above)."""
        await self.action_edit()

    def action_back(self) -> None:
        self.dismiss()

    def _default_part(self, values: dict[str, Any]) -> str:
        linked = values.get(self.hints.part_from) if self.hints.part_from else None
        if linked:
            return str(linked[0])
        wanted = self.hints.default_part
        if wanted and self.guide.has_part(wanted):
            return wanted
        return self.guide.parts[0].id if self.guide.parts else wanted

    def _form(self, save: Any, record: dict[str, Any] | None = None) -> DeclaredForm:
        options = {name: sources.options(hint.options, self.session, self.guide)
                   for name, hint in self.hints.fields.items() if hint.widget == "ticks"}
        return self.FORM(save, record, kind=self.kind.name, people=self._people(),
                         options=options)

    async def action_add(self) -> None:
        if refuse_if_readonly(self, self.session, f"add {self.kind.a}"):
            return

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.add_record(self.kind.name, self._default_part(values), **values)

        await self.open_dialog(self._form(save), self._after_form)

    async def action_edit(self) -> None:
        if refuse_if_readonly(self, self.session, f"edit {self.kind.a}"):
            return
        record = self._selected()
        if record is None:
            self.notify(f"No {self.kind.singular} selected: press a to add one.", markup=False)
            return

        def save(values: dict[str, Any]) -> dict[str, Any]:
            return self.session.update_record(record["id"], **values)

        await self.open_dialog(self._form(save, record), self._after_form)

    def _after_form(self, saved: Any) -> None:
        if saved:
            self.notify(f"Saved {self.kind.singular} {saved['no']}.", markup=False, timeout=2)
        self.refresh_views(select=saved["id"] if saved else "")

    async def action_delete(self) -> None:
        record = self._selected()
        if record is None:
            return
        if refuse_if_readonly(self, self.session, f"delete {self.kind.a}"):
            return
        await self.open_dialog(
            ConfirmScreen(f"Delete {self.kind.singular} {record['no']}?",
                          f"{record_title(record)}\nctrl+z undoes it afterwards.",
                          yes="Delete (y)", no="Keep (n)"),
            lambda yes: self._delete(record) if yes else None,
        )

    def _delete(self, record: dict[str, Any]) -> None:
        try:
            self.session.delete_record(record["id"])
        except WorkshopError as error:
            show_error(self, error)
            return
        self.notify(f"Deleted {self.kind.singular} {record['no']} (ctrl+z undoes).",
                    markup=False)
        self.refresh_views()

    def action_undo(self) -> None:
        if undo_and_notify(self, self.session) is not None:
            self.refresh_views()


_SCREENS: dict[str, type[RegisterScreen]] = {}


def declared_registers(own: Iterable[str]) -> list[Kind]:
    """The kinds with form hints whose register has no screen of its own (`own`: the register
    names that have one): the app offers each the generic screen, the help lists its keys."""
    own = set(own)
    return [k for k in REGISTRY.values() if k.form_hints and k.register not in own]


def register_screen(kind: str) -> type[RegisterScreen]:
    """The register screen class of a declared kind (made once, then reused)."""
    if kind not in _SCREENS:
        name = f"{REGISTRY[kind].label}RegisterScreen"
        _SCREENS[kind] = type(name, (RegisterScreen,), {"__module__": __name__}, kind=kind)
    return _SCREENS[kind]
