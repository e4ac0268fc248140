"""The one choice list of the app: a Select where typing a letter picks an option.

Textual's Select only searches its open list, and only options given as str or Text, so a letter
typed on a closed list (or on an open one whose options are Content) did nothing and Enter then
saved the old value ("parked" saved as "agreed"). Here a letter picks the first option whose
label starts with it, whether the list is closed or open; letters typed quickly extend the
prefix ("ne" → "needs more work") and the same letter again moves to the next option starting
with it. In a burst (paste, SSH) the keys after Enter still reach the Select before the open list
has focus, so the Select also handles a letter, the arrows, Enter and Esc for its open list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.text import Text
from textual import events
from textual.content import Content
from textual.widgets import Select
from textual.widgets._select import SelectCurrent, SelectOverlay

PREFIX_GAP = 1.0  # seconds between letters that still extend the typed prefix


def label_text(prompt: Any) -> str:
    """The plain text of an option's label (str, Text or Content)."""
    if isinstance(prompt, (Content, Text)):
        return prompt.plain
    return str(prompt)


def _folded(label: str) -> str:
    """Casefolded, without the leading marks or spaces a label may start with."""
    return label.casefold().lstrip(" ▶•·-*([")


def first_match(labels: Sequence[str], prefix: str, start: int = 0) -> int | None:
    """Index of the first label starting with `prefix`, looking from `start` and wrapping."""
    wanted = prefix.casefold()
    count = len(labels)
    for step in range(count):
        index = (start + step) % count
        if wanted and _folded(labels[index]).startswith(wanted):
            return index
    return None


class _TypedPrefix:
    """The letters typed so far (a pause of PREFIX_GAP starts a new prefix)."""

    def __init__(self) -> None:
        self.text = ""
        self.time = 0.0

    def next_index(self, labels: Sequence[str], char: str, current: int | None,
                   time: float) -> int | None:
        if self.text and time - self.time <= PREFIX_GAP:
            longer = first_match(labels, self.text + char)
            if longer is not None and self.text + char != char * (len(self.text) + 1):
                self.text += char
                self.time = time
                return longer
        self.text, self.time = char, time
        here = current is not None and _folded(labels[current]).startswith(char.casefold())
        return first_match(labels, char, (current + 1) if here and current is not None else 0)


def _typed_letter(event: events.Key) -> str | None:
    character = event.character
    if character and event.is_printable and not character.isspace():
        return character
    return None


class ChoiceOverlay(SelectOverlay):
    """The open list: a letter moves the highlight to the first option starting with it."""

    def __init__(self, type_to_search: bool = True) -> None:
        super().__init__(type_to_search=type_to_search)
        self._typed = _TypedPrefix()

    def _labels(self) -> list[str]:
        return [label_text(self.get_option_at_index(i).prompt) for i in range(self.option_count)]

    async def _on_key(self, event: events.Key) -> None:
        letter = _typed_letter(event)
        if letter is None:
            return
        event.stop()
        event.prevent_default()
        index = self._typed.next_index(self._labels(), letter, self.highlighted, event.time)
        if index is not None:
            self.select(index)


class ChoiceSelect(Select):
    """A Select with type-to-select, closed or open (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed = _TypedPrefix()

    def compose(self):  # type: ignore[override]
        yield SelectCurrent(self.prompt)
        yield ChoiceOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact
        )

    def _labels(self) -> list[str]:
        return [label_text(prompt) if value is not self.NULL else ""
                for prompt, value in self._options]

    @property
    def _overlay(self) -> SelectOverlay:
        return self.query_one(SelectOverlay)

    def _choose_highlighted(self) -> None:
        """Take the open list's highlighted option and close it (focus stays here)."""
        index = self._overlay.highlighted
        if index is not None:
            value = self._options[index][1]
            if value != self.value:
                self.value = value
        self.expanded = False
        self.focus()

    def commit_open_list(self) -> None:
        """Saving a form while this list is open takes the option the list shows highlighted,
        as the facilitator sees it (`d`, Tab, Enter, `p`, ctrl+s saves "parked")."""
        if self.expanded:
            self._choose_highlighted()

    def on_key(self, event: events.Key) -> None:
        letter = _typed_letter(event)
        if letter is not None:
            event.stop()
            event.prevent_default()
            current = self._overlay.highlighted if self.expanded else next(
                (i for i, (_p, v) in enumerate(self._options) if v == self.value), None)
            index = self._typed.next_index(self._labels(), letter, current, event.time)
            if index is None:
                return
            if self.expanded:
                self._overlay.select(index)
            else:
                self.value = self._options[index][1]
            return
        if not self.expanded:
            return
        # the list is open but these keys reached the Select (sent in the same burst as Enter)
        if event.key in ("enter", "space"):
            self._choose_highlighted()
        elif event.key == "down":
            self._overlay.action_cursor_down()
        elif event.key == "up":
            self._overlay.action_cursor_up()
        elif event.key == "escape":
            self.expanded = False
            self.focus()
        else:
            return
        event.stop()
        event.prevent_default()
