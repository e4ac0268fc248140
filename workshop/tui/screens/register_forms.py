"""Form pieces shared by the engagement, risk, benefit and follow-up screens.

A `FormField` is a labelled input whose problem is shown beside it as you type; `RegisterForm` is
a modal that saves through a callback and stays open (with the typed text) when the store
refuses. It shares `FormBase` with the walkthrough's capture forms; the generic form of a declared
kind (workshop/tui/forms/declared.py) and the specialised forms (risk, stakeholder, engagement,
follow-up) extend it. User and content text is always rendered literally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
)

from workshop.dates import accepted_forms, parse_due, session_base, short_date
from workshop.errors import WorkshopError
from workshop.records import check_date
from workshop.tui.forms.base import FormBase
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.widgets.capture_fields import PeopleInput
from workshop.tui.widgets.capture_rules import person_hint
from workshop.tui.widgets.early_keys import TABLE_CURSOR_BINDINGS
from workshop.tui.widgets.literal import visible as literal_text
from workshop.tui.widgets.part_view import one_line

if TYPE_CHECKING:
    from workshop.store import Session


def cell(text: object, width: int = 0) -> Text:
    """A DataTable cell that shows `text` literally on one line (DataTable parses str markup)."""
    return Text(one_line(str(text), width))


def show_error(screen: Any, error: Exception) -> None:
    """Show a one-line error notification (the app's helper when it has one)."""
    notify_error = getattr(screen.app, "notify_error", None)
    if callable(notify_error):
        notify_error(error)
    else:
        screen.notify(str(error), severity="error", markup=False, timeout=8)


def store_call(screen: Any, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a store change; on a WorkshopError notify and return None (nothing else changes)."""
    try:
        return fn(*args, **kwargs)
    except WorkshopError as error:
        show_error(screen, error)
        return None


def undo_and_notify(screen: Any, session: Session, steps: int = 1, *,
                    about: str = "") -> list[str] | None:
    """Undo the session's last change(s) and say what was undone ("Nothing to undo." when none);
    `about` names what came back, e.g. a risk's title.

    Returns the undone labels, or None when the store refused (the error is shown): the caller
    refreshes its views either way it got a list.
    """
    try:
        undone = list(session.undo(steps))
    except WorkshopError as error:
        show_error(screen, error)
        return None
    about = f" ({about})" if about and undone else ""
    screen.notify(f"Undone: {', '.join(undone)}{about}" if undone else "Nothing to undo.",
                  markup=False)
    return undone


class DateValidator(Validator):
    """YYYY-MM-DD or empty."""

    def validate(self, value: str) -> ValidationResult:
        try:
            check_date(value.strip(), "date")
        except WorkshopError:
            return self.failure("use YYYY-MM-DD, e.g. 2026-12-01")
        return self.success()


class DueValidator(Validator):
    """A due date as people type it (YYYY-MM-DD, +2w, tomorrow, next friday), or empty.

    `future=True` refuses dates before today (a still-open action needs a date ahead).
    """

    def __init__(self, *, future: bool = False, today: Any = None) -> None:
        super().__init__()
        self.future = future
        self.today = today

    def validate(self, value: str) -> ValidationResult:
        try:
            due = parse_due(value, self.today)
        except WorkshopError:
            return self.failure("try 15/12/2026, YYYY-MM-DD, +2w, friday")
        if due and self.future and due < _today(self.today):
            return self.failure(f"{due} is in the past: give a date from today on")
        return self.success()


def _today(today: Any = None) -> str:
    import datetime as dt

    return (today or dt.date.today()).isoformat()


def due_or_raise(value: str, what: str = "due date", today: Any = None) -> str:
    """The typed due date as YYYY-MM-DD ("" when empty); WorkshopError naming `what`.

    `today` is the day relative dates count from (the session's date, see `due_base`).
    """
    try:
        return parse_due(value, today)
    except WorkshopError:
        raise WorkshopError(f"{what} {value.strip()!r} not understood: "
                            f"{accepted_forms()}") from None


def due_base(node: Any) -> Any:
    """The day relative due dates count from: the open session's date when it is not today."""
    meta = getattr(getattr(node.app, "session", None), "meta", None) or {}
    return session_base(str(meta.get("date", "")))


class RatingValidator(Validator):
    """A whole number 1-5, or empty (not rated yet)."""

    def validate(self, value: str) -> ValidationResult:
        value = value.strip()
        if value == "":
            return self.success()
        if value.isdigit() and 1 <= int(value) <= 5:
            return self.success()
        return self.failure("a whole number 1-5")


class RequiredValidator(Validator):
    def __init__(self, what: str) -> None:
        super().__init__()
        self.what = what

    def validate(self, value: str) -> ValidationResult:
        if value.strip():
            return self.success()
        return self.failure(f"{self.what} is required")


def parse_rating(value: str) -> int:
    value = value.strip()
    return int(value) if value.isdigit() else 0


class FormField(Horizontal):
    """Label, input, and the reason the value is not accepted, side by side.

    With `people` (participant names) it is an owner field: any word of a name finds the
    participant (Tab takes it), and a name not among them is allowed but said so beside it.
    """

    DEFAULT_CSS = """
    FormField { height: auto; margin: 0 0 1 0; }
    FormField > Label { width: 16; padding: 0 1 0 0; }
    FormField > Input { width: 1fr; }
    FormField > .reason { width: 24; color: $error; padding: 0 0 0 1; height: auto; }
    FormField > .reason.-ok { color: $text-muted; }
    FormField.-short > Input { width: 8; }
    FormField.-short > .reason { width: 1fr; }
    """

    def __init__(
        self,
        label: str,
        value: str = "",
        *,
        field_id: str,
        placeholder: str = "",
        validators: Iterable[Validator] = (),
        hint: str = "",
        short: bool = False,
        people: list[str] | None = None,
    ) -> None:
        super().__init__(id=f"field-{field_id}", classes="-short" if short else "")
        self.label = label
        self.hint = hint
        self.people = [p for p in people or [] if p.strip()] if people is not None else None
        options: dict[str, Any] = {
            "placeholder": placeholder, "id": field_id, "validators": list(validators),
            "validate_on": ["changed", "blur", "submitted"], "valid_empty": False,
            "compact": True,
        }
        if self.people is None:
            self.input = Input(value, **options)
        else:
            suggester = SuggestFromList(self.people, case_sensitive=False) if self.people \
                else None
            self.input = PeopleInput(value, people=self.people, suggester=suggester,
                                     select_on_focus=False, **options)

    def compose(self) -> ComposeResult:
        yield Label(self.label)
        yield self.input
        yield Static(Content(self.hint), classes="reason -ok", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        reason = self.query_one(".reason", Static)
        result = event.validation_result
        if result is not None and not result.is_valid:
            reason.update(Content(literal_text("; ".join(result.failure_descriptions))))
            reason.remove_class("-ok")
        else:
            said = person_hint(event.value, self.people, in_room_only=True) \
                if self.people is not None else ""
            reason.update(Content(literal_text(said) or self._resolved_due(event.value)
                                  or self.hint))
            reason.add_class("-ok")

    def _resolved_due(self, value: str) -> str:
        """For a due-date field, the date typed text stands for ("→ Fri 13 Nov 2026"), shown
        as you type; "" when the text already is that YYYY-MM-DD date, or not a due field."""
        validator = next((v for v in self.input.validators if isinstance(v, DueValidator)), None)
        if validator is None or not value.strip():
            return ""
        # a follow-up review sets new dates from today on; everything else counts from the
        # session's date
        base = validator.today if validator.future else validator.today or due_base(self)
        try:
            due = parse_due(value, base)
        except WorkshopError:
            return ""
        if due == value.strip():
            return ""
        import datetime as dt

        return f"→ {short_date(dt.date.fromisoformat(due))}"

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def problem(self) -> str:
        """Why the current value is refused, or ""."""
        result = self.input.validate(self.input.value)
        if result is None or result.is_valid:
            return ""
        return f"{self.label}: {'; '.join(result.failure_descriptions)}"


def ticked(selection_list: SelectionList[Any]) -> list[Any]:
    """The ticked values in the order they are listed (not the order they were ticked)."""
    chosen = set(selection_list.selected)
    values = [selection_list.get_option_at_index(i).value
              for i in range(selection_list.option_count)]
    return [v for v in values if v in chosen]


class RowTable(DataTable):
    """A row-cursor table where Home and End move the cursor to the first and last row."""

    BINDINGS = [
        Binding("home", "first_row", "First", show=False, priority=True),
        Binding("end", "last_row", "Last", show=False, priority=True),
        *TABLE_CURSOR_BINDINGS,  # in step with the screens' priority letters (early_keys)
    ]

    def action_first_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last_row(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)


def refuse_if_readonly(screen: Any, session: Session, what: str) -> bool:
    """True (and say why) when `session` is open read-only, so a form must not open."""
    if getattr(session, "readonly", False):
        screen.notify(
            f"Cannot {what}: this session is open read-only in this window "
            "(another window has it open for editing).",
            severity="warning", markup=False, timeout=6,
        )
        return True
    return False


class ChoiceRow(Horizontal):
    """A label beside a compact Select (one line)."""

    def __init__(self, label: str, select: Select[Any]) -> None:
        super().__init__()
        self.label = label
        self.select = select
        select.compact = True

    def compose(self) -> ComposeResult:
        yield Label(self.label)
        yield self.select


class RegisterForm(FormBase):
    """A modal form: ctrl+s saves through `on_save(values)`, escape cancels.

    `on_save` returns the saved record or raises WorkshopError; on error the form stays open
    with everything typed, and the error is shown as a notification. It opens on its first
    field in reading order, and keys typed while it opens land there (EarlyKeys).
    """

    DEFAULT_CSS = """
    RegisterForm { align: center middle; }
    RegisterForm > Vertical {
        width: 96; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    RegisterForm .form-title { text-style: bold; color: $accent; }
    RegisterForm VerticalScroll { height: auto; max-height: 70vh; }
    RegisterForm .form-buttons { height: auto; align-horizontal: right; margin-top: 1; }
    RegisterForm .form-buttons Button { margin-left: 2; }
    RegisterForm ChoiceRow { height: auto; margin: 0 0 1 0; }
    RegisterForm ChoiceRow > Label { width: 16; padding: 0 1 0 0; }
    RegisterForm ChoiceRow > Select { width: 1fr; }
    RegisterForm .sub { color: $text-muted; }
    RegisterForm SelectionList { height: auto; max-height: 8; margin: 0 0 1 0; }
    RegisterForm Checkbox { margin: 0 0 1 0; }
    RegisterForm #form-problem { height: auto; color: $error; text-style: bold; display: none; }
    RegisterForm #form-problem.-shown { display: block; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
        # Tab moves focus as the key arrives: as an ordinary binding it would only run after
        # the keys typed behind it in a burst had gone into the field it leaves
        Binding("tab", "next_field", "Next field", show=False, priority=True,
                id="form.next-field"),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True,
                id="form.previous-field"),
    ]

    def __init__(self, title: str, on_save: Callable[[dict[str, Any]], Any]) -> None:
        super().__init__()
        self.form_title = title
        self.title = title  # named by the app's "quit without saving?" question
        self.on_save = on_save
        self._opened_with: tuple[Any, ...] | None = None

    def compose_fields(self) -> ComposeResult:  # pragma: no cover - overridden
        yield from ()

    def values(self) -> dict[str, Any]:  # pragma: no cover - overridden
        return {}

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.form_title), classes="form-title", markup=False)
            with VerticalScroll(can_focus=False):
                yield from self.compose_fields()
            # why ctrl+s was refused; it follows the fields and goes once they are fixed (a
            # toast would stay up naming a problem already solved)
            yield Static("", id="form-problem", markup=False)
            with Horizontal(classes="form-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="form-save", compact=True)
                yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        self._opened_with = self.field_state()
        self.early_keys_ready(self.first_field())

    def field_state(self) -> tuple[Any, ...]:
        """Everything typed, chosen and ticked in the form, to tell whether anything changed."""
        state: list[Any] = []
        for widget in self.query_one(VerticalScroll).query("*"):
            if isinstance(widget, SelectionList):
                state.append((widget.id, tuple(sorted(map(str, widget.selected)))))
            elif isinstance(widget, (Input, Select, Checkbox)):
                state.append((widget.id, widget.value))
        return tuple(state)

    def has_unsaved_changes(self) -> bool:
        """Whether something was typed, chosen or ticked since the form opened (asked on quit)."""
        return self._opened_with is not None and self.field_state() != self._opened_with

    def first_field(self) -> Widget | None:
        """The first field in reading order (forms put the field people type first on top)."""
        scroll = self.query_one(VerticalScroll)
        return next((w for w in scroll.query("*") if w.focusable), None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "form-save":
            event.stop()
            self.action_save()
        elif event.button.id == "form-cancel":
            event.stop()
            self.action_cancel()

    def problems(self) -> list[str]:
        return [f.problem for f in self.query(FormField) if f.problem]

    def _show_problems(self, *, refused: bool) -> list[str]:
        """Show why saving is refused below the fields (only once a save was tried)."""
        line = self.query_one("#form-problem", Static)
        problems = self.problems()
        if refused or line.has_class("-shown"):
            line.update(Content(literal_text("Not saved yet. " + "; ".join(problems)))
                        if problems else "")
            line.set_class(bool(problems), "-shown")
        return problems

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show_problems(refused=False)

    def action_save(self) -> None:
        self.commit_choices()  # an open list saves the option it shows highlighted
        if self._show_problems(refused=True):
            return
        try:
            saved = self.on_save(self.values())
        except WorkshopError as error:
            show_error(self, error)
            return
        self.dismiss(saved)

    def action_cancel(self) -> None:
        """Close the form; when something changed, ask first (nothing typed is dropped silently)."""
        if not self.has_unsaved_changes():
            self.dismiss(None)
            return
        self.app.push_screen(
            ConfirmScreen("Discard changes?",
                          f"{self.form_title}: what you changed here is not saved. "
                          "y discards it; n goes back to the form (ctrl+s saves).",
                          yes="Discard (y)", no="Keep editing (n)"),
            lambda discard: self.dismiss(None) if discard else None,
        )

    def field(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def due_field(self, field_id: str, what: str = "due date") -> str:
        """A due-date field as YYYY-MM-DD (relative dates count from the session's date)."""
        return due_or_raise(self.field(field_id), what, due_base(self))
