"""Fields of the risk checklist: the 1-5 rating boxes, the side list of risks, the own-risk form.

A rating box takes one digit 1-5 and nothing else: a digit replaces the rating (no need to delete
first), any other key is refused as it is typed, and the line beside the box says what was
refused and why (so a sentence typed into the wrong box is visible, not silently half-taken).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from workshop.tui.screens.register_forms import (
    FormField,
    RatingValidator,
    RegisterForm,
    RequiredValidator,
)
from workshop.tui.widgets.literal import visible
from workshop.tui.widgets.part_view import one_line

OWN_QUESTION = "What could happen, and what would it cost the city?"
RATINGS = "12345"


class RatingInput(Input):
    """One digit 1-5; other keys (and pastes) are refused with a Refused message."""

    class Refused(Message):
        """`text` was typed or pasted into a rating box and not taken."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None:
            return  # editing keys (backspace, arrows...) work as in any Input
        event.stop()
        event.prevent_default()
        self._take(event.character)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        self._take(event.text.strip())

    def _take(self, text: str) -> None:
        if len(text) == 1 and text in RATINGS:
            self.value = text
            self.cursor_position = 1
        elif text:
            self.post_message(self.Refused(text))


class RatingField(FormField):
    """A FormField whose box is a RatingInput, explaining refused keys beside it."""

    def __init__(self, label: str, value: str = "", *, field_id: str, hint: str) -> None:
        super().__init__(label, value, field_id=field_id, placeholder="1-5",
                         validators=[RatingValidator()], hint=hint, short=True)
        self.input = RatingInput(
            value, placeholder="1-5", id=field_id, validators=[RatingValidator()],
            validate_on=["changed", "blur", "submitted"], valid_empty=False, compact=True,
        )
        self._refused = ""

    def on_rating_input_refused(self, event: RatingInput.Refused) -> None:
        event.stop()
        self._refused += event.text
        shown = one_line(visible(self._refused), 12)
        self.query_one(".reason", Static).update(
            Content(f"refused {shown!r}: type one digit 1-5"))
        self.query_one(".reason", Static).remove_class("-ok")

    def on_input_changed(self, event: Input.Changed) -> None:
        # FormField's own handler (called next by Textual) shows the hint or the problem
        self._refused = ""


class RiskList(OptionList):
    """The side list of risks: enter opens one; x or delete removes it (asking first)."""

    # priority (it applies only while the list has focus): handled as the key arrives, so the
    # y or n typed right after it goes to the question, not to the list (early_keys.py)
    BINDINGS = [
        Binding("x,delete", "screen.remove_risk", "Remove risk", id="risks.remove",
                tooltip="Remove the highlighted risk's record (asks first; ctrl+z brings it back)",
                priority=True),
    ]


class OwnRiskForm(RegisterForm):
    """Add a risk of the city's own."""

    def compose_fields(self) -> ComposeResult:
        yield FormField("Risk", "", field_id="own-title", placeholder="a short name",
                        validators=[RequiredValidator("a name")], hint="required")
        yield FormField("What could happen", "", field_id="own-what",
                        placeholder="and what it would cost the city")

    def values(self) -> dict[str, Any]:
        return {"title": self.field("own-title"), "what": self.field("own-what")}
