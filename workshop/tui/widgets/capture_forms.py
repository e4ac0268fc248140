"""The capture forms: one modal per record kind, for adding and editing.

A form validates as you type (the reason shows beside the field), saves through `on_save` (the store
call) and closes only when that succeeded: on a store error the message shows and everything typed
stays. While a form is open its fields are kept as a draft in the session (debounced), so a crash or
an Escape loses nothing; the draft comes back the next time the same form opens.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from workshop.dates import describe_due, parse_due
from workshop.errors import WorkshopError
from workshop.guide.model import Part
from workshop.records import (
    ACTION_STATUSES,
    DECISION_OUTCOMES,
    KIND_LABELS,
    MATURITY_LEVELS,
    PRIORITIES,
    record_title,
)
from workshop.tui.widgets.literal import literal, one_line

DRAFT_DELAY = 0.4  # seconds of quiet typing before the draft is written
WHOLE_PART = "part"


class PeopleInput(Input):
    """A name field completed from the participants: Tab or Enter accept the suggestion shown
    (Tab then moves on), so a half-typed "Mar" never saves when "Maria Lopez" was offered. A
    new name with no suggestion is kept as typed."""

    class Complete(Message, bubble=False):
        """Complete the name from the people list once the keys typed before Tab have landed."""

    def __init__(self, *args: Any, people: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people or [])

    @property
    def suggestion_shown(self) -> bool:
        return self.has_focus and len(self._suggestion) > len(self.value)

    def accept_suggestion(self) -> bool:
        if not self.suggestion_shown:
            return False
        self.value = self._suggestion
        self.cursor_position = len(self.value)
        return True

    def completed(self) -> str:
        """The name Tab accepts for the current value: an exact name, else the first that starts
        with it (what the suggester shows), else the value as typed."""
        typed = self.value
        folded = typed.strip().casefold()
        if not folded:
            return typed
        for name in self.people:
            if name.casefold() == folded:
                return typed
        for name in self.people:
            if name.casefold().startswith(folded):
                return name
        return typed

    def on_people_input_complete(self, message: Complete) -> None:
        name = self.completed()
        if name != self.value:
            self.value = name
            self.cursor_position = len(name)

    async def action_submit(self) -> None:
        if not self.accept_suggestion():
            await super().action_submit()


@dataclass
class FormContext:
    """What a form needs to know about the part and the room."""

    part: Part
    people: list[str] = field(default_factory=list)  # participant names, for owner/author/voter
    ideas: list[dict] = field(default_factory=list)  # ideas on this part (vote/decision targets)
    dot_budget: int = 3
    dots_used: dict[str, int] = field(default_factory=dict)  # voter -> dots on this part
    today: dt.date | None = None
    save_draft: Callable[[str, str], None] | None = None
    clear_draft: Callable[[str], None] | None = None
    drafts: dict[str, str] = field(default_factory=dict)


def about_options(
    part: Part, ideas: list[dict], *, whole: bool = True
) -> list[tuple[Content, str]]:
    """(label, value) for "what is this about": the whole part, a recommendation or an idea."""
    options: list[tuple[Content, str]] = []
    if whole:
        options.append((Content(f"The whole part {part.id}"), WHOLE_PART))
    for rec in part.recommendations:
        options.append((literal(one_line(f"{rec.id}  {rec.title}", 70)), f"rec:{rec.id}"))
    for idea in ideas:
        options.append((literal(one_line(f"Idea {idea['no']}: {idea.get('text', '')}", 70)),
                        f"idea:{idea['id']}"))
    return options


def about_value(record: dict | None, default_rec: str = "") -> str:
    if record:
        if record.get("target"):
            return f"idea:{record['target']}"
        if record.get("rec"):
            return f"rec:{record['rec']}"
        return WHOLE_PART
    return f"rec:{default_rec}" if default_rec else WHOLE_PART


def about_fields(value: str) -> dict[str, str]:
    """{"rec": ..., "target": ...} from an about-select value."""
    if value.startswith("rec:"):
        return {"rec": value[4:], "target": ""}
    if value.startswith("idea:"):
        return {"rec": "", "target": value[5:]}
    return {"rec": "", "target": ""}


def level_prompt(n: int, name: str, meaning: str, chosen: bool) -> Content:
    """One level line; the chosen one is marked with ▶ (visible without colour)."""
    return Content(f"{'▶' if chosen else ' '} {n}  {name}: {meaning}")


def level_options() -> list[Option]:
    return [
        Option(level_prompt(n, name, meaning, False), id=str(n))
        for n, name, meaning in MATURITY_LEVELS
    ]


class LevelList(OptionList):
    """The maturity levels: arrows or the digits 1-5 pick one; ▶ marks the one picked."""

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit() \
                and 1 <= int(event.character) <= self.option_count:
            event.stop()
            event.prevent_default()
            self.highlighted = int(event.character) - 1

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Move the ▶ marker (the event still reaches the form)."""
        for index, (n, name, meaning) in enumerate(MATURITY_LEVELS[: self.option_count]):
            self.replace_option_prompt_at_index(
                index, level_prompt(n, name, meaning, index == event.option_index))


class RecordForm(ModalScreen[dict | None]):
    """Add or edit a record of `kind` on `context.part`; dismisses with the saved record or None."""

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
    RecordForm .row Select {
        width: 1fr;
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
        self._focus_time = 0.0  # when the first field got focus
        self._first_field: Widget | None = None  # the field focused on opening
        self._early_keys: list[events.Key] = []  # keys that came before the fields existed
        self._opened_values: dict[str, Any] | None = None
        self._quiet = record is None  # hide field reasons until touched (see _reason)
        self.restored_draft = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        part = self.context.part
        verb = "Edit" if self.record else "New"
        number = f" {self.record['no']}" if self.record else ""
        title = f"{verb} {KIND_LABELS[self.kind].lower()}{number} · {part.id} {part.title}"
        with Vertical():
            yield Static(literal(one_line(title, 86)), id="form-title")
            with VerticalScroll(id="form-body"):
                yield from getattr(self, f"_compose_{self.kind}")()
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
        yield Select(options, value=value, allow_blank=False, id="about")

    def _initial_about(self) -> dict | None:
        """An action made from a note keeps the note's recommendation."""
        return {"rec": self.initial.get("rec", ""), "target": ""} if "rec" in self.initial else None

    def _people_input(self, name: str, placeholder: str) -> Input:
        suggester = SuggestFromList(self.context.people, case_sensitive=False) \
            if self.context.people else None
        return PeopleInput(self._value(name, ""), placeholder=placeholder, id=name,
                           suggester=suggester, select_on_focus=False,
                           people=self.context.people)

    def _text_area(self, name: str) -> TextArea:
        return TextArea(self._value(name, ""), id=name, soft_wrap=True, tab_behavior="focus")

    def _compose_note(self) -> ComposeResult:
        yield self._label("Text (several lines allowed)")
        yield self._text_area("text")
        yield Static("", classes="reason", id="text-reason")
        yield from self._about(ideas=False)
        yield self._label("Author or table group (optional)")
        yield self._people_input("author", "e.g. Table 2 or a name")

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
        yield self._people_input("author", "e.g. Table 2")

    def _compose_vote(self) -> ComposeResult:
        yield self._label("Voter: participant or table")
        yield self._people_input("voter", "e.g. Table 1 or a name")
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
        yield self._label("Outcome")
        outcome = self._value("outcome", "agreed")
        yield Select([(Content(o), o) for o in DECISION_OUTCOMES], value=outcome,
                     allow_blank=False, id="outcome")
        yield self._label("What was decided")
        yield self._text_area("text")
        yield Static("", classes="reason", id="text-reason")
        yield self._label("Rationale: why")
        yield self._text_area("rationale")
        yield from self._about()

    def _compose_action(self) -> ComposeResult:
        yield self._label("Title")
        yield Input(self._value("title", ""), id="title", select_on_focus=False)
        yield Static("", classes="reason", id="title-reason")
        yield self._label("Description")
        yield self._text_area("description")
        yield self._label("Owner: pick a participant (type to complete) or type a name")
        yield self._people_input("owner", "who will do it")
        yield self._label("Due: YYYY-MM-DD, +3d, +2w, tomorrow, next friday")
        yield Input(self._value("due", ""), id="due", select_on_focus=False)
        yield Static("", classes="reason", id="due-reason")
        yield Static("", classes="hint", id="due-hint")
        with Horizontal(classes="row"):
            yield Select([(Content(p), p) for p in PRIORITIES], value=self._value("priority",
                         "medium"), allow_blank=False, id="priority")
            yield Select([(Content(s), s) for s in ACTION_STATUSES], value=self._value("status",
                         "open"), allow_blank=False, id="status")
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

    def _draft(self) -> dict[str, Any]:
        raw = self.context.drafts.get(self.draft_key, "")
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

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
        first = self.query("#form-body Input, #form-body TextArea, #form-body Select").first()
        if self.kind == "decision":  # typing goes into the text, not into the Outcome dropdown
            first = self.query_one("#text", TextArea)
        first.focus()
        self._first_field = first
        self._focus_time = events.Key("a", "a").time  # (the clock Textual stamps events with)
        self._opened_values = self.values()
        for key in self._early_keys:
            first.post_message(events.Key(key.key, key.character))
        self._early_keys.clear()
        self.call_after_refresh(self._loaded)

    def _loaded(self) -> None:
        self._loading = False

    def on_key(self, event: events.Key) -> None:
        """Keys sent before the form had a focused field (the form opened in the middle of a
        burst: "w", then typing) reach the screen: hand them to the field, in order."""
        if self._first_field is None:  # before on_mount: keep them for it
            event.stop()
            event.prevent_default()
            self._early_keys.append(event)
            return
        if event.time >= self._focus_time:
            return
        event.stop()
        event.prevent_default()
        self._first_field.post_message(events.Key(event.key, event.character))

    def action_next_field(self) -> None:
        focused = self.focused
        if isinstance(focused, PeopleInput):
            focused.post_message(PeopleInput.Complete())
        self.focus_next()

    def action_previous_field(self) -> None:
        self.focus_previous()

    def values(self) -> dict[str, Any]:
        """The raw field values as typed (also what a draft holds)."""
        out: dict[str, Any] = {}
        for widget in self.query("#form-body Input, #form-body TextArea, #form-body Select"):
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
        values = self.values()
        problems = 0
        fields: dict[str, Any] = {}
        kind = self.kind
        if kind in ("note", "idea", "decision"):
            text = values.get("text", "")
            ok = bool(text.strip())
            self._reason("text-reason", "" if ok else "Type some text first.")
            problems += not ok
            fields["text"] = text
        if kind in ("note", "idea", "rating"):
            fields["author"] = values.get("author", "").strip()
        if kind == "decision":
            fields["outcome"] = values.get("outcome") or "agreed"
            fields["rationale"] = values.get("rationale", "")
        if kind == "rating":
            current, target = values.get("current", 0), values.get("target_level", 0)
            reason = "" if current and target else "Pick both levels (current and target)."
            self._reason("level-reason", reason)
            problems += bool(reason)
            fields.update(current=current or 1, target_level=target or 1,
                          comment=values.get("comment", ""))
        if kind == "vote":
            problems += self._validate_vote(values, fields)
        if kind == "action":
            title = values.get("title", "")
            self._reason("title-reason", "" if title.strip() else "An action needs a title.")
            problems += not title.strip()
            due_text = values.get("due", "")
            try:
                due = parse_due(due_text, self.context.today)
                self._reason("due-reason", "")
                self._reason(
                    "due-hint", f"→ {due}  {describe_due(due, self.context.today)}" if due else ""
                )
            except WorkshopError as error:
                due = ""
                problems += 1
                self._reason("due-reason", str(error))
                self._reason("due-hint", "")
            fields.update(title=title.strip(), description=values.get("description", ""),
                          owner=values.get("owner", "").strip(), due=due,
                          priority=values.get("priority") or "medium",
                          status=values.get("status") or "open")
            if self.initial.get("target"):
                fields["target"] = self.initial["target"]
        about = values.get("about")
        if about:
            about_part = about_fields(about)
            if kind == "action":
                fields["rec"] = about_part["rec"]
            else:
                fields.update(about_part)
        return None if problems else fields

    def _validate_vote(self, values: dict[str, Any], fields: dict[str, Any]) -> int:
        problems = 0
        voter = values.get("voter", "").strip()
        self._reason("voter-reason", "" if voter else "Who is voting? A name or a table.")
        problems += not voter
        try:
            budget = int(values.get("budget", "3"))
            if not 1 <= budget <= 99:
                raise ValueError
            self._reason("budget-reason", "")
        except ValueError:
            budget = self.context.dot_budget
            problems += 1
            self._reason("budget-reason", "The budget is a whole number from 1 to 99.")
        try:
            dots = int(values.get("dots", "1"))
            if not 1 <= dots <= 99:
                raise ValueError
        except ValueError:
            self._reason("dots-reason", "Dots are a whole number from 1 to 99.")
            self._reason("dots-hint", "")
            return problems + 1
        used = self.context.dots_used.get(voter.casefold(), 0)
        if self.record and self.record.get("voter", "").casefold() == voter.casefold():
            used -= int(self.record.get("dots", 0))
        left = budget - used
        if voter and dots > left:
            dots_left = f"{max(left, 0)} dot{'' if left == 1 else 's'}"
            self._reason("dots-reason", f"{dots} is more than the {dots_left} {voter} has left "
                                        f"on this part (budget {budget}).")
            problems += 1
        else:
            self._reason("dots-reason", "")
        hint = f"{voter} will have {left - dots} of {budget} dots left." if voter and \
            dots <= left else ""
        self._reason("dots-hint", hint)
        fields.update(voter=voter, dots=dots, author=voter)
        fields["_budget"] = budget
        return problems

    # -- events -------------------------------------------------------------------------------

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(OptionList.OptionHighlighted)
    def _changed(self, event: Any) -> None:
        if self._loading:
            return
        self._touched = True
        self._quiet = False
        self._validate()
        self._schedule_draft()

    def _schedule_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)

    def write_draft(self) -> None:
        """Keep what is typed in the session (durable) so nothing is lost."""
        self._draft_timer = None
        if self.context.save_draft is None:
            return
        text = json.dumps(self.values())
        try:
            self.context.save_draft(self.draft_key, text)
            self.context.drafts[self.draft_key] = text
        except WorkshopError as error:
            self.query_one("#form-error", Static).update(literal(f"Draft not saved: {error}"))

    def _clear_draft(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self.context.clear_draft is not None and (self._touched or self.restored_draft):
            self.context.clear_draft(self.draft_key)
            self.context.drafts.pop(self.draft_key, None)

    def action_save(self) -> None:
        self._quiet = False
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
        with contextlib.suppress(WorkshopError):  # saved; a stale draft is harmless
            self._clear_draft()
        self.dismiss(saved)

    def save_now(self) -> None:
        """Write a pending draft at once (the app calls this before quitting or going Home).
        Compares the fields themselves: keys that landed just now have not been seen as changes."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        if self._touched or self.values() != self._opened_values:
            self.write_draft()

    def action_cancel(self) -> None:
        if self._touched:
            if self._draft_timer is not None:
                self._draft_timer.stop()
            self.write_draft()
        self.dismiss(None)

    def action_discard(self) -> None:
        try:
            self._clear_draft()
        except WorkshopError as error:
            self.query_one("#form-error", Static).update(literal(str(error)))
            return
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()


def describe(record: dict, width: int = 60) -> str:
    """One line for a record in lists: 'Note 3 · R2 · text…'."""
    kind = KIND_LABELS.get(record.get("kind", ""), record.get("kind", ""))
    about = record.get("rec", "").rsplit(".", 1)[-1] if record.get("rec") else ""
    extra = ""
    if record.get("kind") == "decision":
        extra = f"{record.get('outcome', '')}: "
    elif record.get("kind") == "vote":
        extra = f"{record.get('voter', '')}: "
    elif record.get("kind") == "action":
        bits = [record.get("owner", ""), record.get("due", ""), record.get("status", "")]
        extra = " · ".join(b for b in bits if b)
        extra = f"[{extra}] " if extra else ""
    head = f"{kind} {record.get('no', '')}" + (f" · {about}" if about else "")
    return one_line(f"{head} · {extra}{record_title(record)}", width)

