"""Home: the sessions in the store, newest change first, or a first-run welcome when empty."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, DataTable, Footer, Header, Static

from workshop.errors import WorkshopError
from workshop.tui.widgets.early_keys import DialogOpener
from workshop.tui.widgets.literal import literal, literal_cell, one_line

if TYPE_CHECKING:
    from workshop.store import SessionInfo

WELCOME = (
    "Workshop helps you run a city stakeholder workshop on ISO 37106, the smart city "
    "operating model, from one laptop.\n\n"
    "Set up a session (who is in the room, which parts of the guide to cover and for how long), "
    "then let the app lead you part by part with the clock in view, capture what the room says, "
    "and leave with agreed actions you can export.\n\n"
    "There are no sessions yet. Start a new one, or explore a ready-made demo session first."
)
WIDE = 100  # at this width and above the table shows every column


class FixedCell:
    """A literal table cell for a column of fixed width.

    DataTable measures every cell that has `__rich_measure__` (1,000 measurements for 200
    sessions, about a tenth of start-up) to size auto-width columns; every home column has a
    fixed width, so this cell renders like `literal_cell` but offers no measure (DataTable then
    counts it as 1 cell wide, which a fixed width ignores).
    """

    __slots__ = ("text",)

    def __init__(self, text: str, limit: int = 0) -> None:
        self.text = literal_cell(text, limit)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        return self.text.__rich_console__(console, options)

    def __str__(self) -> str:
        return self.text.plain


def format_changed(stamp: str) -> str:
    """ISO UTC timestamp -> local "2026-11-25 14:03" ("" when unknown)."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return one_line(stamp, 16)
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


class Welcome(Vertical):
    """The first-run welcome. Home builds it only when the store is empty: styling it hidden
    on every other start costs start-up time."""

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome-box"):
            yield Static("Welcome to Workshop", id="welcome-title")
            yield Static(WELCOME, id="welcome-text", markup=False)
            with Horizontal(id="welcome-buttons"):
                yield Button("New session (n)", id="new", variant="primary")
                yield Button("Try the demo (t)", id="demo")
                yield Button("Browse the guide (g)", id="guide")

    def on_mount(self) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.query_one("#new", Button).focus()


class HomeScreen(DialogOpener, Screen[None]):
    """Pick a session to resume, or start, copy, delete one; open the demo or the guide."""

    CSS_PATH = "home.tcss"
    BINDING_GROUP_TITLE = "Home"
    BINDINGS = [
        Binding("n", "new", "New", id="home.new"),
        Binding("enter", "resume", "Resume", id="home.resume",
                tooltip="Open the highlighted session's walkthrough where you left it"),
        Binding("e", "edit", "Edit", id="home.edit",
                tooltip="Change the details, participants and agenda"),
        Binding("c", "duplicate", "Copy", id="home.duplicate",
                tooltip="A new session with the same agenda and participants, no responses"),
        Binding("x,delete", "delete", "Delete", id="home.delete"),
        Binding("t", "demo", "Demo", id="home.demo"),
        Binding("g", "guide", "Guide", id="home.guide"),
        Binding("r", "refresh", "Refresh", id="home.refresh", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sessions: list[SessionInfo] = []
        self._wide: bool | None = None
        self._welcome: Welcome | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="sessions"):
            yield Static("", id="summary", markup=False)
            yield DataTable(id="table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="detail", markup=False)
        yield Footer()

    def on_screen_resume(self) -> None:
        """Also runs when the app starts: (re)read the store whenever home becomes visible."""
        app: Any = self.app
        was_open = app.session.id if app.session is not None else None
        if app.session is not None:
            app.close_session()
        self.reload(select=was_open)  # keep the session just left highlighted

    def on_resize(self) -> None:
        if self._wide is not None and self._wide != (self.size.width >= WIDE):
            self.reload()

    # -- data ---------------------------------------------------------------------------------

    @property
    def first_run(self) -> bool:
        return not self.sessions

    def reload(self, select: str | None = None) -> None:
        """Read the store again and redraw; keep (or move to) the highlighted session."""
        app: Any = self.app
        table = self.query_one(DataTable)
        keep = select or self.current_key()
        try:
            sessions = app.store.list()
        except (WorkshopError, OSError) as error:
            app.notify_error(error, title="Cannot list sessions")
            sessions = []
        self.sessions = sorted(sessions, key=lambda info: info.updated or "", reverse=True)
        if self.first_run and self._welcome is None:
            self._welcome = Welcome(id="first-run")  # focuses its first button once mounted
            self.mount(self._welcome, before="#sessions")
        self.set_class(self.first_run, "-first-run")
        self._fill(table)
        if keep is not None:
            for index, info in enumerate(self.sessions):
                if self._key(info) == keep or info.id == keep:
                    table.move_cursor(row=index)
                    break
        self._show_detail()
        if self.first_run:
            if self._welcome is not None and self._welcome.is_mounted:
                self._welcome.focus_first()
        else:
            table.focus()

    @staticmethod
    def _key(info: SessionInfo) -> str:
        return info.id if info.readable and info.id else str(info.file)  # ids of readable
        # sessions are unique (the store sets apart copies); unreadable files are told by name

    def _fill(self, table: DataTable) -> None:
        self._wide = self.size.width >= WIDE
        table.clear(columns=True)
        fixed = [("Status", 11), ("Done", 5), ("Open", 4), ("Last change", 16)]
        if self._wide:
            fixed = [("City", 16), ("Date", 10), *fixed]
        used = sum(width + 2 for _, width in fixed) + 4
        title_width = max(14, self.size.width - used - 2)
        table.add_column("Title", width=title_width, key="title")
        for label, width in fixed:
            table.add_column(label, width=width, key=label.lower())
        for info in self.sessions:
            table.add_row(*self._cells(info, title_width), key=self._key(info))
        unreadable = sum(1 for info in self.sessions if not info.readable)
        summary = f"{len(self.sessions)} session(s) in {app_folder(self)}"
        if unreadable:
            summary += f" · ⚠ {unreadable} cannot be read (highlight one to see why)"
        self.query_one("#summary", Static).update(literal(summary))

    def _cells(self, info: SessionInfo, title_width: int) -> list[FixedCell]:
        if not info.readable:
            cells = [
                FixedCell(f"⚠ {info.file.name}", title_width),
                FixedCell("unreadable"), FixedCell(""), FixedCell(""), FixedCell(""),
            ]
            if self._wide:
                cells[1:1] = [FixedCell(""), FixedCell("")]
            return cells
        cells = [
            FixedCell(info.title or "(untitled)", title_width),
            FixedCell(info.status),
            FixedCell(f"{info.parts_covered}/{info.parts_planned}"),
            FixedCell(str(info.open_actions)),
            FixedCell(format_changed(info.updated)),
        ]
        if self._wide:
            cells[1:1] = [FixedCell(info.city, 16), FixedCell(info.date)]
        return cells

    def current(self) -> SessionInfo | None:
        table = self.query_one(DataTable)
        if not self.sessions or table.row_count == 0:
            return None
        index = min(max(table.cursor_row, 0), len(self.sessions) - 1)
        return self.sessions[index]

    def current_key(self) -> str | None:
        info = self.current()
        return self._key(info) if info else None

    def _show_detail(self) -> None:
        info = self.current()
        detail = self.query_one("#detail", Static)
        if info is None:
            detail.update("")
        elif not info.readable:
            detail.update(literal(
                f"⚠ Cannot read {info.file}: {info.reason}\n"
                "Fix or remove that file; your other sessions are not affected."
            ))
        else:
            where = ", ".join(part for part in (info.city, info.date) if part)
            detail.update(literal(
                f"{one_line(info.title)}" + (f" — {where}" if where else "") + "\n"
                f"{info.status} · {info.parts_covered} of {info.parts_planned} part(s) covered · "
                f"{info.open_actions} open action(s) · {info.record_count} record(s) · "
                f"changed {format_changed(info.updated)}"
            ))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_resume()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "demo":
            self.action_demo()
        elif event.button.id == "guide":
            await self.action_guide()
        else:
            await self.action_new()

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("resume", "edit", "duplicate", "delete"):
            return not self.first_run  # hidden while there is nothing to act on
        return True

    def _readable_current(self) -> SessionInfo | None:
        info = self.current()
        if info is None:
            self.notify("There is no session yet: press n to create one.", markup=False)
            return None
        if not info.readable:
            self.app.notify(f"Cannot open {info.file.name}: {info.reason}", severity="error",
                            markup=False, timeout=10)
            return None
        return info

    async def action_new(self) -> None:
        from workshop.tui.screens.setup import SetupScreen

        await self.open_dialog(SetupScreen(), self._after_setup)

    def action_resume(self) -> None:
        info = self._readable_current()
        if info is not None:
            app: Any = self.app
            app.open_session(info.id)

    async def action_edit(self) -> None:
        info = self._readable_current()
        if info is None:
            return
        app: Any = self.app
        try:
            session = app.store.open(info.id)
        except (WorkshopError, OSError) as error:
            app.notify_error(error, title="Cannot open session")
            return
        from workshop.tui.screens.setup import SetupScreen

        await self.open_dialog(SetupScreen(session), self._after_setup)

    def _after_setup(self, saved_id: str | None) -> None:
        if saved_id:
            self.reload(select=saved_id)

    async def action_duplicate(self) -> None:
        info = self._readable_current()
        if info is None:
            return
        from workshop.tui.screens.confirm import TextPromptScreen

        def duplicate(title: str | None) -> None:
            if not title:
                return
            app: Any = self.app
            try:
                copy = app.store.duplicate(info.id, title)
                new_id = copy.id
                copy.close()
            except (WorkshopError, OSError) as error:
                app.notify_error(error, title="Copy failed")
                return
            self.notify(f"Created {title!r} from {info.title!r}: same agenda and participants, "
                        "no responses.", markup=False)
            self.reload(select=new_id)

        await self.open_dialog(
            TextPromptScreen(
                "Copy as a template",
                f"A new planned session with the agenda and participants of {info.title!r} "
                "and none of its responses. Title of the new session:",
                value=f"{info.title} (copy)",
            ),
            duplicate,
        )

    async def action_delete(self) -> None:
        info = self.current()
        if info is None:
            return
        if not info.readable:  # the store never touches such a file (see README)
            self.app.notify(f"{info.file.name} is left as it is ({info.reason}): move it out of "
                            "the sessions folder by hand.", severity="warning", markup=False,
                            timeout=10)
            return
        name = info.title
        from workshop.tui.screens.confirm import ConfirmScreen

        def delete(confirmed: bool | None) -> None:
            if not confirmed:
                return
            app: Any = self.app
            try:
                moved = app.store.delete(info.id if info.id else str(info.file))
            except (WorkshopError, OSError) as error:
                app.notify_error(error, title="Delete failed")
                return
            self.notify(f"Moved {name!r} to the trash: {moved}", markup=False, timeout=8)
            self.reload()

        await self.open_dialog(
            ConfirmScreen(
                f"Delete {one_line(name, 200)!r}?",
                "The session file is moved to the trash folder inside the sessions folder, "
                "so it can be recovered by hand.",
                yes="Delete",
            ),
            delete,
        )

    def action_demo(self) -> None:
        """Open the demo session, creating it (and its earlier kick-off session) the first time."""
        app: Any = self.app
        from workshop.store import demo

        demo_title = f"{demo.CITY} smart city operating model workshop"
        existing = [info for info in self.sessions
                    if info.readable and info.city == demo.CITY and info.title == demo_title]
        if existing:
            app.open_session(existing[0].id)
            return
        questions = {risk.id: tuple(risk.questions) for risk in app.guide.risks}
        try:
            session = demo.create_demo(app.store, questions)
        except (WorkshopError, OSError) as error:
            app.notify_error(error, title="Demo")
            return
        self.notify("Created the demo: a fictional city's second workshop, with its kick-off "
                    "session. Explore freely; delete both from Home when done.", markup=False,
                    timeout=8)
        app.start_session(session)

    async def action_guide(self) -> None:
        from workshop.tui.screens.guide import GuideScreen

        await self.open_dialog(GuideScreen())

    def action_refresh(self) -> None:
        self.reload()


def app_folder(screen: Screen) -> str:
    app: Any = screen.app
    return str(app.sessions_dir)
