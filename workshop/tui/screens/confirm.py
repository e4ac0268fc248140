"""Small modals: a yes/no question, and a one-line text prompt. Mouse works too."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from workshop.tui.widgets.literal import literal


class ConfirmScreen(ModalScreen[bool]):
    """Dismisses with True (confirmed) or False. y confirms; n or escape cancels."""

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 64; max-width: 95%; height: auto; max-height: 90%;
        border: thick $warning; background: $surface; padding: 1 2;
    }
    ConfirmScreen #question { text-style: bold; margin-bottom: 1; }
    ConfirmScreen #detail {
        color: $text-muted; margin-bottom: 1; max-height: 10; overflow-y: auto;
    }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 2; }
    """
    BINDING_GROUP_TITLE = "Confirm"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "Cancel",
                 danger: bool = True) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question), id="question")
            if self.detail:
                yield Static(literal(self.detail), id="detail")
            with Horizontal():
                yield Button(self.no_label, id="no")
                yield Button(self.yes_label, id="yes",
                             variant="error" if self.danger else "primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextPromptScreen(ModalScreen[str | None]):
    """Ask for one line of text; enter accepts (not when empty), escape cancels with None."""

    DEFAULT_CSS = """
    TextPromptScreen { align: center middle; }
    TextPromptScreen > Vertical {
        width: 70; max-width: 95%; height: auto; border: thick $primary; background: $surface;
        padding: 1 2;
    }
    TextPromptScreen #question { text-style: bold; }
    TextPromptScreen #detail { color: $text-muted; margin: 1 0; }
    TextPromptScreen #error { color: $error; height: auto; }
    TextPromptScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    TextPromptScreen Button { margin-left: 2; }
    """
    BINDING_GROUP_TITLE = "Prompt"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, question: str, detail: str = "", *, value: str = "",
                 ok: str = "OK") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.value = value
        self.ok_label = ok

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question), id="question")
            if self.detail:
                yield Static(literal(self.detail), id="detail")
            yield Input(self.value, id="answer")
            yield Static("", id="error", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button(self.ok_label, id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _accept(self) -> None:
        text = self.query_one(Input).value.strip()
        if not text:
            self.query_one("#error", Static).update("Type something first (or escape to cancel).")
            return
        self.dismiss(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._accept()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
