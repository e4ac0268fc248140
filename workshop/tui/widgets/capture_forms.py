"""The capture forms: one modal per record kind, for adding and editing.

A form validates as you type (the reason shows beside the field; the rules are in
capture_rules), saves through `on_save` (the store call) and closes only when that succeeded: on a
store error the message shows and everything typed stays. While a form is open its fields are
kept as a draft in the session (debounced), so a crash or an Escape loses nothing; the draft comes
back the next time the same form opens.

Keys are handled in the order typed: ctrl+s (a priority key, so it is read as soon as it
arrives) first waits until the keys typed before it have reached their fields. Once a form has
saved, cancelled or discarded it is finished: no draft can be written by it any more (a draft
timer or a late change event of a closing form once re-created the draft of a saved note, which
the next new form then opened with).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea

from workshop.dates import due_forms
from workshop.errors import WorkshopError
from workshop.kinds import REGISTRY
from workshop.records import (
    ACTION_STATUSES,
    DECISION_OUTCOMES,
    KIND_LABELS,
    MATURITY_LEVELS,
    PRIORITIES,
)
from workshop.tui.forms.base import FormBase
from workshop.tui.widgets.capture_declared import compose_declared
from workshop.tui.widgets.capture_drafts import DraftKeeper
from workshop.tui.widgets.capture_fields import (
    LevelList,
    PeopleInput,
    about_options,
    level_options,
)
from workshop.tui.widgets.capture_rules import WHOLE_PART, FormContext, about_value, check
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.key_order import keys_landed
from workshop.tui.widgets.literal import literal, one_line

__all__ = ["FormContext", "PeopleInput", "RecordForm"]

FIELDS = "#form-body Input, #form-body TextArea, #form-body Select"


class RecordForm(DraftKeeper, FormBase):
    """Add or edit a record of `kind` on `context.part`; dismisses with the saved record or None.

    The kinds with rules of their own (note, idea, rating, vote, decision, action) compose their
    fields below; any other capture kind is composed from its declared form hints.
    """

    BINDING_GROUP_TITLE = "Capture form"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (40, "-tall")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="capture.save", priority=True),
        Binding("escape", "cancel", "Close (draft kept)", id="capture.cancel"),
        Binding("ctrl+d", "discard", "Discard draft", id="capture.discard-draft", priority=True),
        # Tab is handled as the key arrives (priority), not after it has gone through the field's
        # queue: in a burst (paste, SSH) the keys after a Tab then go to the next field.
        Binding("tab", "next_field", "Next field", show=False, priority=True,
                id="capture.next-field"),
        Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True,
                id="capture.previous-field"),
    ]

    DEFAULT_CSS = """
    RecordForm {
        align: center middle;
    }
    RecordForm > Vertical {
        width: 90;
        max-width: 100%;
        height: 100%;
        border: thick $accent;
        background: $surface;
        padding: 0 1;
    }
    RecordForm #form-title {
        text-style: bold;
        color: $accent;
    }
    RecordForm #form-body {
        height: 1fr;
    }
    RecordForm.-tall > Vertical {
        height: auto;
        max-height: 100%;
    }
    RecordForm.-tall #form-body {
        height: auto;
        max-height: 40;
    }
    RecordForm .label {
        color: $text-muted;
    }
    RecordForm.-tall .label {
        margin-top: 1;
    }
    RecordForm .reason {
        color: $error;
        height: auto;
        display: none;
    }
    RecordForm .hint {
        color: $success;
        height: auto;
        display: none;
    }
    RecordForm TextArea {
        height: 5;
    }
    RecordForm OptionList {
        height: auto;
        max-height: 7;
    }
    RecordForm OptionList.levels {
        max-height: 12;
        background: $boost;
    }
    RecordForm OptionList.levels:focus {
        background: $boost;
        background-tint: $foreground 8%;
    }
    RecordForm #form-error {
        color: $error;
        text-style: bold;
        height: auto;
    }
    RecordForm .row {
        height: auto;
    }
    RecordForm .row .row-label {
        width: auto;
        padding: 0 1 0 0;
        color: $text-muted;
    }
    RecordForm .row Select {
        width: 1fr;
        margin-right: 1;
    }
    RecordForm #form-buttons {
        height: auto;
        align-horizontal: right;
    }
    RecordForm #form-buttons Button {
        margin-left: 1;
        width: auto;
    }
    RecordForm #form-keys {
        width: 1fr;
        height: 3;
        content-align: left middle;
        color: $text-muted;
    }
    """

    def __init__(
        self,
        kind: str,
        context: FormContext,
        on_save: Callable[[dict[str, Any]], dict],
        *,
        record: dict | None = None,
        initial: dict[str, Any] | None = None,
        default_rec: str = "",
    ) -> None:
        super().__init__()
        self.kind = kind
        self.context = context
        self.on_save = on_save
        self.record = record
        self.initial = dict(initial or {})
        self.default_rec = default_rec
        if record:
            self.draft_key = f"edit:{record['id']}"
        elif self.initial.get("target"):
            self.draft_key = f"{kind}:{context.part.id}:from:{self.initial['target']}"
        else:
            self.draft_key = f"{kind}:{context.part.id}"
        self._draft_timer: Timer | None = None
        self._loading = True
        self._touched = False  # changed since the form opened
        self._finished = False  # saved, cancelled or discarded: writes no draft any more
        self._saving = False
        self._opened_values: dict[str, Any] | None = None
        self._quiet = record is None  # hide field reasons until touched (see _reason)
        self.restored_draft = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        part = self.context.part
        verb = "Edit" if self.record else "New"
        number = f" {self.record['no']}" if self.record else ""
        title = f"{verb} {KIND_LABELS[self.kind].lower()}{number} · {part.display_id} {part.title}"
        with Vertical():
            yield Static(literal(one_line(title, 86)), id="form-title")
            with VerticalScroll(id="form-body"):
                compose = getattr(self, f"_compose_{self.kind}", None)
                yield from compose() if compose else compose_declared(self, REGISTRY[self.kind])
            yield Static("", id="form-error")
            with Horizontal(id="form-buttons"):
                yield Static("ctrl+s save · Esc close (draft kept) · ctrl+d discard draft",
                             id="form-keys")
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def _label(self, text: str) -> Static:
        return Static(text, classes="label")

    def _about(self, *, whole: bool = True, ideas: bool = True) -> ComposeResult:
        options = about_options(self.context.part, self.context.ideas if ideas else [], whole=whole)
        value = self._value("about", about_value(self.record or self._initial_about(),
                                                 self.default_rec))
        values = [v for _label, v in options]
        if value not in values:
            value = values[0] if values else WHOLE_PART
        yield self._label("About")
        yield ChoiceSelect(options, value=value, allow_blank=False, id="about")

    def _initial_about(self) -> dict | None:
        """An action made from a note keeps the note's recommendation."""
        return {"rec": self.initial.get("rec", ""), "target": ""} if "rec" in self.initial else None

    def _people_input(self, name: str, placeholder: str) -> ComposeResult:
        suggester = SuggestFromList(self.context.people, case_sensitive=False) \
            if self.context.people else None
        yield PeopleInput(self._value(name, ""), placeholder=placeholder, id=name,
                          suggester=suggester, select_on_focus=False,
                          people=self.context.people)
        yield Static("", classes="hint", id=f"{name}-hint")

    def _text_area(self, name: str) -> TextArea:
        return TextArea(self._value(name, ""), id=name, soft_wrap=True, tab_behavior="focus")

    def _compose_note(self) -> ComposeResult:
        yield self._label("Text (several lines allowed)")
        yield self._text_area("text")
        yield Static("", classes="reason", id="text-reason")
        yield from self._about(ideas=False)
        yield self._label("Author or table group (optional)")
        yield from self._people_input("author", "e.g. Table 2 or a name")

    _compose_idea = _compose_note

    def _compose_rating(self) -> ComposeResult:
        yield from self._about(whole=False, ideas=False)
        yield self._label("Where the city is now (current level)")
        yield LevelList(*level_options(), id="current", compact=True, classes="levels")
        yield self._label("Where the city wants to be (target level)")
        yield LevelList(*level_options(), id="target_level", compact=True,
                        classes="levels")
        yield Static("", classes="reason", id="level-reason")
        yield self._label("Comment (optional)")
        yield Input(self._value("comment", ""), id="comment", select_on_focus=False)
        yield self._label("Table group or author (optional)")
        yield from self._people_input("author", "e.g. Table 2")

    def _compose_vote(self) -> ComposeResult:
        yield self._label("Voter: participant or table")
        yield from self._people_input("voter", "e.g. Table 1 or a name")
        yield Static("", classes="reason", id="voter-reason")
        yield from self._about(whole=False)
        yield self._label("Dots")
        # selected on focus: typing 3 replaces the default 1 instead of making 13
        yield Input(str(self._value("dots", 1)), id="dots", select_on_focus=True)
        yield Static("", classes="reason", id="dots-reason")
        yield Static("", classes="hint", id="dots-hint")
        yield self._label("Dot budget per voter per part (for this session)")
        yield Input(str(self._value("budget", self.context.dot_budget)), id="budget",
                    select_on_focus=False)
        yield Static("", classes="reason", id="budget-reason")

    def _compose_decision(self) -> ComposeResult:
        # what was decided comes first, drawn and focused: typing goes into the text, and the
        # outcome is picked under it (a letter picks: p parked, r rejected...)
        yield self._label("What was decided")
        yield self._text_area("text")
        yield Static("", classes="reason", id="text-reason")
        yield self._label("Outcome (type its first letter)")
        outcome = self._value("outcome", "agreed")
        yield ChoiceSelect([(Content(o), o) for o in DECISION_OUTCOMES], value=outcome,
                           allow_blank=False, id="outcome")
        yield self._label("Rationale: why")
        yield self._text_area("rationale")
        yield from self._about()

    def _compose_action(self) -> ComposeResult:
        yield self._label("Title")
        yield Input(self._value("title", ""), id="title", select_on_focus=False)
        yield Static("", classes="reason", id="title-reason")
        yield self._label("Description")
        yield self._text_area("description")
        yield self._label("Owner: a participant (any word of the name finds it) or any name")
        yield from self._people_input("owner", "who will do it")
        yield self._label(f"Due: {due_forms()}")
        yield Input(self._value("due", ""), id="due", select_on_focus=False)
        yield Static("", classes="reason", id="due-reason")
        yield Static("", classes="hint", id="due-hint")
        # one line each (compact): a bordered Select in a short form was drawn without its value
        with Horizontal(classes="row"):
            yield Static("Priority", classes="row-label")
            yield ChoiceSelect([(Content(p), p) for p in PRIORITIES],
                               value=self._value("priority", "medium"), allow_blank=False,
                               id="priority", compact=True)
            yield Static("Status", classes="row-label")
            yield ChoiceSelect([(Content(s), s) for s in ACTION_STATUSES],
                               value=self._value("status", "open"), allow_blank=False,
                               id="status", compact=True)
        yield from self._about(ideas=False)

    # -- values -------------------------------------------------------------------------------

    def _value(self, name: str, default: Any) -> Any:
        """Field value: draft first, then the record being edited, then initial values."""
        draft = self._draft()
        if name in draft:
            return draft[name]
        if self.record and name in self.record:
            return self.record[name]
        if name in self.initial:
            return self.initial[name]
        return default

    @property
    def opened_values(self) -> dict[str, Any]:
        """The field values the form opened with (before any key reached it)."""
        return dict(self._opened_values or {})

    def on_mount(self) -> None:
        for name in ("current", "target_level"):
            lists = self.query(f"#{name}")
            if lists:
                level = self._value(name, 0)
                option_list = lists.first(OptionList)
                valid = isinstance(level, int) and 0 < level <= len(MATURITY_LEVELS)
                option_list.highlighted = level - 1 if valid else None
        self.restored_draft = bool(self._draft())
        self._quiet = self._quiet and not self.restored_draft and not self.initial
        if self.restored_draft:
            self.query_one("#form-error", Static).update(
                Content("Draft restored: what you typed last time is back (ctrl+d discards it).")
            )
        for area in self.query("#form-body TextArea").results(TextArea):
            area.move_cursor(area.document.end)  # restored or edited text: typing continues it
        self._validate()
        # the first field drawn is the first focused (reading order; the decision text is
        # drawn first for that reason); keys typed while the form opened go to it, in order
        first = self.query(FIELDS).first()
        self._opened_values = self.values()
        self.early_keys_ready(first)
        self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False
        # the first field is at the top: show its label too (focusing it scrolled just to it)
        if self.focused is self.query(FIELDS).first():
            self.query_one("#form-body", VerticalScroll).scroll_home(animate=False)

    def values(self) -> dict[str, Any]:
        """The raw field values as typed (also what a draft holds)."""
        out: dict[str, Any] = {}
        for widget in self.query(FIELDS):
            if widget.id is None:
                continue
            if isinstance(widget, TextArea):
                out[widget.id] = widget.text
            elif isinstance(widget, Input):
                out[widget.id] = widget.value
            elif isinstance(widget, Select):
                out[widget.id] = widget.value if widget.value is not Select.NULL else ""
        for option_list in self.query("#form-body OptionList").results(OptionList):
            if option_list.id:
                highlighted = option_list.highlighted
                out[option_list.id] = highlighted + 1 if highlighted is not None else 0
        return out

    # -- validation ---------------------------------------------------------------------------

    def _reason(self, widget_id: str, text: str) -> None:
        found = self.query(f"#{widget_id}")
        if found:
            static = found.first(Static)
            static.update(literal(text))
            # a new, untouched form does not scold: reasons show once something is typed, a
            # save is tried, or a draft or record with values is open
            static.display = bool(text) and not self._quiet

    def _validate(self) -> dict[str, Any] | None:
        """Show reasons beside fields; return the record fields when everything is valid."""
        checked = check(self.kind, self.values(), self.context, record=self.record,
                        initial=self.initial)
        for widget_id, text in checked.reasons.items():
            self._reason(widget_id, text)
        for name in ("author", "voter"):  # name fields other than the owner: Tab's pick
            field = self.query(f"#{name}").results(PeopleInput)
            for people_input in field:
                completed = people_input.completed()
                self._reason(f"{name}-hint", f"Tab: {completed}"
                             if completed != people_input.value else "")
        return checked.fields

    # -- events -------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(OptionList.OptionHighlighted)
    def _changed(self, event: Any) -> None:
        if self._loading or self._finished:
            return
        self._touched = True
        self._quiet = False
        self._validate()
        self._schedule_draft()
        if getattr(getattr(event, "input", None), "id", "") == "due":  # the resolved date, in view
            self.query_one("#due-hint").scroll_visible(animate=False)

    async def _typed_keys_landed(self) -> None:
        """Let the keys typed before ctrl+s reach the form (held while it opened), then its
        fields, then the changes they make reach the form again."""
        await keys_landed(self)
        fields = [w for w in self.query("#form-body *") if w.can_focus]
        await keys_landed(*fields, self.focused)
        await keys_landed(self)

    async def action_save(self) -> None:
        if self._saving or self._finished:
            return
        self._saving = True
        try:
            await self._typed_keys_landed()
            if not self._finished and self.is_attached:
                self._save()
        finally:
            self._saving = False

    def _save(self) -> None:
        self._quiet = False
        self.commit_choices()
        fields = self._validate()
        if fields is None:
            self.query_one("#form-error", Static).update(Content("Fix the fields marked in red."))
            return
        try:
            saved = self.on_save(fields)
        except WorkshopError as error:
            # nothing typed is lost: the form stays open with the message
            self.query_one("#form-error", Static).update(literal(str(error)))
            return
        self._finish()
        try:
            self._clear_draft()
        except WorkshopError as error:  # saved; say that the old draft is still kept
            self.app.notify(f"Saved, but its draft could not be removed: {error}",
                            severity="warning", markup=False)
        self.dismiss(saved)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.run_worker(self.action_save(), exclusive=True)
        else:
            self.action_cancel()

