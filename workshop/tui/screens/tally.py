"""The tally grid: voters or tables as rows, the part's ideas or recommendations as columns.

For a room without phones or network. A digit in a cell gives that many dots and moves on to
the next cell (Enter: the next voter), so three people with three dots each take a dozen keys.
For ratings a cell takes two digits, now then target. Every finished cell is written through the
session at once (workshop.tally says which records to add, change or remove), so "saved" is
what is on disk and undo in the walkthrough takes it back one cell at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from workshop import tally
from workshop.errors import WorkshopError
from workshop.records import maturity_level
from workshop.tui.widgets.literal import literal, literal_cell, one_line

if TYPE_CHECKING:
    from workshop.guide.model import Guide
    from workshop.store import Session
    from workshop.tui.room_control import RoomControl

NAME_WIDTH = 14
CELL_WIDTH = 6


class TallyTable(DataTable):
    """The grid. Digits are read here (in typed order) before any binding sees them."""

    BINDINGS = [
        # the digits themselves are read in on_key; this binding names them in the footer/help
        Binding("0,1,2,3,4,5,6,7,8,9", "digit_hint", "Dots / levels", key_display="0-9",
                id="tally.digits"),
        Binding("enter", "next_row", "Next voter", id="tally.next-row"),
        Binding("backspace,delete", "clear_cell", "Clear cell", id="tally.clear"),
    ]

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character in "0123456789" \
                and len(event.key) == 1:
            event.stop()
            event.prevent_default()
            screen = self.screen
            if isinstance(screen, TallyScreen):
                screen.type_digit(int(event.character))

    def action_digit_hint(self) -> None:  # (only reached if a keymap moved the digits)
        self.notify("Type a digit in a cell.", timeout=2)

    def action_next_row(self) -> None:
        screen = self.screen
        if isinstance(screen, TallyScreen):
            screen.next_row()

    def action_clear_cell(self) -> None:
        screen = self.screen
        if isinstance(screen, TallyScreen):
            screen.clear_cell()

    def action_cursor_left(self) -> None:
        if self.cursor_column > 1:  # column 0 holds the names
            super().action_cursor_left()

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        if new.column == 0 and len(self.columns) > 1:
            self.cursor_coordinate = Coordinate(new.row, 1)
            return
        super().watch_cursor_coordinate(old, new)
        screen = self.screen
        if isinstance(screen, TallyScreen) and screen.is_mounted:
            screen.show_detail()


class TallyScreen(Screen[None]):
    """Tally dots or ratings for one part, cell by cell, straight into the session."""

    BINDING_GROUP_TITLE = "Tally grid"
    PALETTE_GROUP = "Tally grid"
    DEFAULT_CSS = """
    TallyScreen #tally-head { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    TallyScreen #tally-grid { height: 1fr; }
    TallyScreen #tally-detail { height: 2; padding: 0 1; color: $text; }
    TallyScreen #tally-legend { height: 2; padding: 0 1; color: $text-muted;
                                background: $boost; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="tally.close"),
        Binding("m", "switch_mode", "Dots/ratings", id="tally.mode"),
        Binding("t", "toggle_tables", "People/tables", id="tally.rows"),
        Binding("plus,a", "add_row", "Add row", id="tally.add-row"),
        Binding("b", "budget", "Budget", id="tally.budget"),
    ]

    def __init__(self, session: Session, guide: Guide, part_id: str, *, mode: str = tally.DOTS,
                 budget: int = 3, people: list[str] | None = None,
                 room: RoomControl | None = None) -> None:
        super().__init__()
        self.room = room  # an open room: phones' votes show up in the grid as they arrive
        self.session = session
        self.guide = guide
        self.part = guide.part(part_id)
        self.mode = mode if mode in (tally.DOTS, tally.RATINGS) else tally.DOTS
        self.budget = budget
        self.people = list(people or [])
        self.tables = not self.people
        self.extra_rows: list[str] = []
        self.pending: dict[tuple[str, str], int] = {}  # (voter, column) -> "now" typed so far
        self.names: list[str] = []
        self.columns: list[tally.Column] = []
        self.records: list[dict[str, Any]] = []

    def compose(self) -> ComposeResult:
        yield Static(id="tally-head", markup=False)
        yield TallyTable(id="tally-grid", cursor_type="cell", fixed_columns=1,
                         zebra_stripes=True)
        yield Static(id="tally-detail", markup=False)
        yield Static(id="tally-legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.rebuild()
        self.grid.focus()
        if self.room is not None:
            self.room.listeners.append(self._room_changed)

    def on_unmount(self) -> None:
        if self.room is not None and self._room_changed in self.room.listeners:
            self.room.listeners.remove(self._room_changed)

    def _room_changed(self, record_ids: list[str]) -> None:
        if record_ids and self.is_mounted:
            self.call_later(self.rebuild)

    @property
    def grid(self) -> TallyTable:
        return self.query_one(TallyTable)

    # -- the grid ---------------------------------------------------------------------------

    def rebuild(self, cursor: tuple[int, int] | None = None) -> None:
        """Read the part's records again and redraw every cell (a few dozen at most)."""
        grid = self.grid
        if cursor is None:
            cursor = (grid.cursor_row, grid.cursor_column)
        self.records = self.session.records(part=self.part.id)
        if self.mode == tally.DOTS:
            self.columns = tally.dot_columns(self.part, self.records)
        else:
            self.columns = tally.rating_columns(self.part)
        self.names = tally.rows(self.mode, self.records, self.people, tables=self.tables,
                                extra=self.extra_rows)
        grid.clear(columns=True)
        grid.add_column("Voter" if not self.tables else "Table", key="name", width=NAME_WIDTH)
        for column in self.columns:
            grid.add_column(self._header(column), key=column.label, width=CELL_WIDTH)
        for index, name in enumerate(self.names):
            grid.add_row(literal_cell(name or "(no name)", NAME_WIDTH),
                         *[self._cell(name, column) for column in self.columns], key=str(index))
        if self.columns and self.names:
            row = min(max(cursor[0], 0), len(self.names) - 1)
            column = min(max(cursor[1], 1), len(self.columns))
            grid.cursor_coordinate = Coordinate(row, column)
        self._show_head()
        self.show_detail()

    def _header(self, column: tally.Column) -> Text:
        if self.mode == tally.DOTS:
            return Text(f"{column.label}:{tally.column_dots(self.records, column)}")
        return Text(column.label)

    def _cell(self, name: str, column: tally.Column) -> Text:
        if self.mode == tally.DOTS:
            dots = tally.dots_in(self.records, name, column)
            return Text(str(dots) if dots else "·", justify="center")
        first = self.pending.get((name.casefold(), column.label))
        if first is not None:
            return Text(f"{first}→?", justify="center", style="bold")
        rating = tally.rating_in(self.records, name, column)
        if rating is None:
            return Text("·", justify="center")
        return Text(f"{rating['current']}→{rating['target_level']}", justify="center")

    def _show_head(self) -> None:
        what = (f"Dots, budget {self.budget} per voter" if self.mode == tally.DOTS
                else "Ratings, now → target (1-5)")
        rows = "tables" if self.tables else "people"
        self.query_one("#tally-head", Static).update(literal(one_line(
            f"Tally · {self.part.display_id} {self.part.title} · {what} · rows: {rows}", 200)))
        if self.mode == tally.DOTS:
            legend = "0-9: dots here, then next cell · Enter: next voter · Del: clear · arrows\n"
        else:
            legend = "Two digits a cell: now, then target 1-5 · 0/Del: clear · Enter: next voter\n"
        legend += "m dots/ratings · t people/tables · + add row · b budget · Esc back"
        self.query_one("#tally-legend", Static).update(literal(legend))

    def show_detail(self) -> None:
        detail = self.query_one("#tally-detail", Static)
        place = self._place()
        if place is None:
            if not self.columns:
                what = ("ideas or recommendations" if self.mode == tally.DOTS
                        else "recommendations")
                detail.update(literal(f"This part has no {what} to tally yet."
                                      + (" Add ideas with i in the walkthrough."
                                         if self.mode == tally.DOTS else "")))
            else:
                detail.update(literal("No rows: add a voter or table with +."))
            return
        name, column = place
        first = f"{column.label}: {one_line(column.title, 120)}"
        if self.mode == tally.DOTS:
            used = tally.dots_used(self.records, name)
            second = (f"{name}: {max(self.budget - used, 0)} of {self.budget} dots left · "
                      f"{column.label} has {tally.column_dots(self.records, column)} in all")
        else:
            pending = self.pending.get((name.casefold(), column.label))
            rating = tally.rating_in(self.records, name, column)
            if pending is not None:
                second = f"{name}: now {pending} {maturity_level(pending).name}; type the target"
            elif rating is not None:
                second = (f"{name}: now {rating['current']} "
                          f"{maturity_level(rating['current']).name} → target "
                          f"{rating['target_level']} {maturity_level(rating['target_level']).name}")
            else:
                second = f"{name}: not rated yet"
        detail.update(literal(one_line(first, 200) + "\n" + one_line(second, 200)))

    def _place(self) -> tuple[str, tally.Column] | None:
        grid = self.grid
        if not self.columns or not self.names:
            return None
        row, column = grid.cursor_row, grid.cursor_column
        if not (0 <= row < len(self.names) and 1 <= column <= len(self.columns)):
            return None
        return self.names[row], self.columns[column - 1]

    # -- typing -------------------------------------------------------------------------------

    def _refuse(self, text: str) -> None:
        self.notify(text, severity="warning", timeout=4, markup=False)

    def _report(self, error: Exception) -> None:
        notify_error = getattr(self.app, "notify_error", None)
        if callable(notify_error):
            notify_error(error)
        else:
            self.notify(str(error), severity="error", markup=False)

    def _writable(self) -> bool:
        if self.session.readonly:
            self._report(WorkshopError(
                f"nothing can be saved: {self.session.lock_message or 'the session is read-only'}"
            ))
            return False
        return True

    def type_digit(self, digit: int) -> None:
        place = self._place()
        if place is None:
            self.show_detail()
            return
        if not self._writable():
            return
        name, column = place
        try:
            if self.mode == tally.DOTS:
                tally.check_dots(self.records, name, column, digit, self.budget)
                tally.set_dots(self.session, self.part.id, self.records, name, column, digit)
                self._advance()
                return
            key = (name.casefold(), column.label)
            if digit == 0:
                self.pending.pop(key, None)
                tally.set_rating(self.session, self.part.id, self.records, name, column, None)
                self._advance()
                return
            if digit not in tally.LEVELS:
                self._refuse(f"Maturity levels are 1-5, not {digit} (0 clears the cell).")
                return
            first = self.pending.pop(key, None)
            if first is None:
                self.pending[key] = digit
                self.rebuild()
                return
            tally.set_rating(self.session, self.part.id, self.records, name, column,
                             (first, digit))
            self._advance()
        except WorkshopError as error:
            self._report(error)
            self.rebuild()

    def _advance(self) -> None:
        """The next cell: right, or the first item of the next row."""
        grid = self.grid
        row, column = grid.cursor_row, grid.cursor_column
        if column < len(self.columns):
            column += 1
        elif row + 1 < len(self.names):
            row, column = row + 1, 1
        self.rebuild((row, column))

    def next_row(self) -> None:
        row = self.grid.cursor_row
        self.rebuild((min(row + 1, max(len(self.names) - 1, 0)), 1))

    def clear_cell(self) -> None:
        place = self._place()
        if place is None or not self._writable():
            return
        name, column = place
        try:
            if self.mode == tally.DOTS:
                tally.set_dots(self.session, self.part.id, self.records, name, column, 0)
            elif self.pending.pop((name.casefold(), column.label), None) is None:
                tally.set_rating(self.session, self.part.id, self.records, name, column, None)
        except WorkshopError as error:
            self._report(error)
        self.rebuild()

    # -- actions ------------------------------------------------------------------------------

    def action_switch_mode(self) -> None:
        if self.mode == tally.DOTS and not self.part.recommendations:
            self._refuse(f"{self.part.display_id} has no recommendations to rate.")
            return
        self.mode = tally.RATINGS if self.mode == tally.DOTS else tally.DOTS
        self.rebuild((0, 1))

    def action_toggle_tables(self) -> None:
        if self.tables and not self.people:
            self._refuse("No participants in this session yet: rows stay tables "
                         "(add people in the session setup, or rows with +).")
            return
        self.tables = not self.tables
        self.rebuild((0, 1))

    def action_add_row(self) -> None:
        from workshop.tui.screens.confirm import TextPromptScreen

        suggestion = f"Table {len(self.names) + 1}" if self.tables else ""

        def added(name: str | None) -> None:
            if not name:
                return
            name = one_line(name, 80)
            if not any(tally.same(name, n) for n in self.names):
                self.extra_rows.append(name)
            self.rebuild()
            row = next(i for i, n in enumerate(self.names) if tally.same(n, name))
            self.rebuild((row, 1))

        self.app.push_screen(TextPromptScreen("Add a row", "A name or a table.",
                                              value=suggestion, ok="Add"), callback=added)

    def action_budget(self) -> None:
        from workshop.tui.screens.confirm import TextPromptScreen

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                budget = int(text)
                if not 1 <= budget <= 99:
                    raise ValueError
            except ValueError:
                self._refuse(f"The dot budget is a whole number from 1 to 99, not {text!r}.")
                return
            if self._writable():
                try:
                    self.session.set_ui_state(dot_budget=budget)
                except WorkshopError as error:
                    self._report(error)
                    return
                self.budget = budget
                self.rebuild()

        self.app.push_screen(TextPromptScreen("Dot budget per voter on a part",
                                              "A whole number from 1 to 99.",
                                              value=str(self.budget), ok="Set"),
                             callback=chosen)

    def action_close(self) -> None:
        if self.pending:
            half = len(self.pending)
            self.notify(f"{half} rating{'s' if half != 1 else ''} with only the 'now' level "
                        "not saved (a rating needs both levels).", severity="warning",
                        timeout=5)
        self.dismiss(None)

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Switch dots / ratings", "Tally dots on ideas or rate recommendations",
             self.action_switch_mode),
            ("Rows: people or tables", "Participants as rows, or Table 1, 2…",
             self.action_toggle_tables),
            ("Add a row", "A voter or table not listed yet", self.action_add_row),
            ("Dot budget", "Dots per voter on this part", self.action_budget),
        ]
