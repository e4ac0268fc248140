"""Export screen: choose a format and options, write the file, show where it went.

In a browser (`workshop serve`, Textual's `App.is_web`) the same export is handed to Textual's
`deliver_binary`, so it downloads on the browser user's computer instead of landing on the
server's disk; the File box then holds only a file name.

The facilitator can export at any moment (also mid-workshop, without notifying anyone): it reads a
snapshot of the open session and writes through `workshop.export.write_export` (temp file, fsync,
replace), so a failed export never leaves a half-written file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from workshop.errors import WorkshopError
from workshop.export.formats import EXPORT_FORMATS
from workshop.kinds import REGISTERS
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.literal import literal
from workshop.tui.widgets.tickbox import TickBox

if TYPE_CHECKING:
    from workshop.guide.model import Guide
    from workshop.store import Session

FORMAT_CHOICES = tuple((f.name, f.label) for f in EXPORT_FORMATS)  # workshop.export.formats
CSV_REGISTERS = REGISTERS  # declared by the record kinds (workshop/kinds/), as the CLI's --what


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the path written last (None if nothing was exported)."""

    # Compact on purpose: at 80x24 the file path, the result line and the buttons must stay on
    # screen (a tall radio list pushed them out of sight, so a second ctrl+s seemed to do nothing).
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ExportScreen #export-title { text-style: bold; margin-bottom: 1; }
    ExportScreen VerticalScroll { height: auto; max-height: 1fr; }
    ExportScreen .row { height: auto; margin-bottom: 1; }
    ExportScreen .row Label { width: 10; }
    ExportScreen #format, ExportScreen #register, ExportScreen #path { width: 1fr; }
    ExportScreen Checkbox { margin-bottom: 0; }
    ExportScreen #result { height: auto; }
    ExportScreen #result.error { color: $error; }
    ExportScreen #result.ok { color: $success; }
    ExportScreen #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    ExportScreen Button { margin-left: 2; }
    """
    BINDING_GROUP_TITLE = "Export"
    BINDINGS = [
        Binding("ctrl+s", "export", "Write file", id="export.write", priority=True),
        Binding("escape", "close", "Close", id="export.close"),
    ]

    def __init__(self, session: Session, guide: Guide, sessions_dir: Path) -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self.sessions_dir = Path(sessions_dir)
        self.written: Path | None = None
        self.delivered: str | None = None  # the last download's name, in a browser
        self._path_edited = False
        self._suggested = ""

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Export the session summary", id="export-title")
            with VerticalScroll():
                with Horizontal(classes="row"):
                    yield Label("Format")
                    yield ChoiceSelect([(text, fmt) for fmt, text in FORMAT_CHOICES], value="md",
                                 allow_blank=False, id="format", compact=True)
                with Horizontal(classes="row", id="register-row"):
                    yield Label("Register")
                    yield ChoiceSelect([(name, name) for name in CSV_REGISTERS], value="actions",
                                 allow_blank=False, id="register", compact=True)
                yield TickBox("Include parked and rejected decisions (--all)", id="all",
                              compact=True)
                yield TickBox("Leave participants' names out, for publishing (--no-names)",
                              id="no-names", compact=True)
                yield TickBox("Overwrite the file if it exists", id="force", compact=True)
                with Horizontal(classes="row"):
                    yield Label("File")
                    yield Input(id="path", select_on_focus=False, compact=True)
            yield Static("", id="result")
            with Horizontal(id="buttons"):
                yield Button("Close", id="close", compact=True)
                yield Button("Write file (ctrl+s)", id="write", variant="primary",
                             compact=True)

    def on_mount(self) -> None:
        self.query_one("#register-row").display = False  # only CSV has registers
        self.query_one("#force", Checkbox).display = not self.app.is_web  # the browser asks
        self._suggest_path()
        self.query_one("#format", Select).focus()

    # -- state ------------------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.query_one("#format", Select).value)

    @property
    def register(self) -> str:
        return str(self.query_one("#register", Select).value)

    def _suggest_path(self) -> None:
        """Fill the default file name unless the facilitator typed a path of their own."""
        if self._path_edited:
            return
        from workshop.export import default_file_name
        from workshop.paths import exports_dir

        name = default_file_name(self.session.meta, self.fmt, self.register)
        self._suggested = name if self.app.is_web else str(exports_dir(self.sessions_dir) / name)
        self.query_one("#path", Input).value = self._suggested

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "format":
            self.query_one("#register-row").display = self.fmt == "csv"
            self.query_one("#no-names", Checkbox).disabled = self.fmt == "json"
        self._suggest_path()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "path" and event.value != self._suggested:
            self._path_edited = True  # Changed arrives later for our own suggestions too

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "write":
            self.action_export()
        else:
            self.action_close()

    # -- actions ----------------------------------------------------------------------------------

    def _show(self, text: str, ok: bool) -> None:
        result = self.query_one("#result", Static)
        result.update(literal(text))
        result.set_class(ok, "ok")
        result.set_class(not ok, "error")

    def _content(self) -> str | bytes:
        """The chosen format rendered from a snapshot of the open session."""
        from workshop.export import render

        return render(
            self.session.snapshot(),
            self.fmt,
            guide=self.guide,
            what=self.register,
            include_all=self.query_one("#all", Checkbox).value,
            no_names=self.fmt != "json" and self.query_one("#no-names", Checkbox).value,
        )

    def action_export(self) -> None:
        """Render the open session and write it; errors stay on screen, one line each."""
        from workshop.export import write_export

        raw_path = self.query_one("#path", Input).value.strip()
        if not raw_path:
            self._show("Give a file name to write to.", ok=False)
            return
        if self.app.is_web:
            self._download(raw_path)
            return
        path = Path(raw_path).expanduser()
        if path.is_dir():
            from workshop.export import default_file_name

            path = path / default_file_name(self.session.meta, self.fmt, self.register)
        try:
            content = self._content()
            from workshop.paths import exports_dir

            written = write_export(
                path, content, force=self.query_one("#force", Checkbox).value,
                make_folder=path.parent.resolve() == exports_dir(self.sessions_dir),
            )
        except WorkshopError as error:
            message = str(error).replace("use --force", "tick 'Overwrite'").replace(
                "-o another path", "another file name").replace("with -o", "in File")
            self._show(message, ok=False)
            return
        self.written = written
        self._show(f"Written: {written}", ok=True)  # a toast would cover the buttons here

    def _download(self, typed: str) -> None:
        """Hand the export to the browser as a download (nothing is written on the server).

        Only the last part of what was typed names the download: the server's folders mean
        nothing to the browser user, whose browser picks the folder and asks before replacing.
        """
        import io

        from workshop.export import default_file_name

        name = typed.replace("\\", "/").rsplit("/", 1)[-1].strip()
        if name in ("", ".", ".."):
            name = default_file_name(self.session.meta, self.fmt, self.register)
        if any(ch < " " or ch == "\x7f" for ch in name):
            self._show("The file name holds control characters: type a plain file name.",
                       ok=False)
            return
        try:
            content = self._content()
        except WorkshopError as error:
            self._show(str(error), ok=False)
            return
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.app.deliver_binary(io.BytesIO(data), save_filename=name)
        self.delivered = name
        self._show(f"Downloading {name}", ok=True)

    def action_close(self) -> None:
        if self.written is not None:
            self.app.notify(f"Exported to {self.written}", title="Export", markup=False,
                            timeout=8)
        self.dismiss(self.written)

    def palette_commands(self) -> list[tuple[str, str, object]]:
        return [("Write the export file", "Write the chosen format now", self.action_export)]
