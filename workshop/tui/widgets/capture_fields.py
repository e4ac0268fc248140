"""The fields of the capture forms that are more than a plain Input: names, levels, "about"."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from workshop.guide.model import Part, display_part_id
from workshop.records import MATURITY_LEVELS
from workshop.tui.widgets.capture_rules import WHOLE_PART, person_match
from workshop.tui.widgets.literal import literal, one_line


class PeopleInput(Input):
    """A name field completed from the participants: Tab or Enter accept the name offered
    (Tab then moves on), so a half-typed "Mar" never saves when "Maria Lopez" was offered. Any
    word of a name finds it ("Li" offers "Prof. Li Wen", shown under the field, as the inline
    suggestion only shows names that start with what is typed). A new name is kept as typed."""

    class Complete(Message, bubble=False):
        """Complete the name from the people list once the keys typed before Tab have landed."""

    def __init__(self, *args: Any, people: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people or [])

    @property
    def suggestion_shown(self) -> bool:
        return self.has_focus and len(self._suggestion) > len(self.value)

    def accept_suggestion(self) -> bool:
        """Take the name offered (inline or under the field); False when none differs."""
        name = self._suggestion if self.suggestion_shown else self.completed()
        if name == self.value:
            return False
        self.value = name
        self.cursor_position = len(name)
        return True

    def completed(self) -> str:
        """The name Tab accepts for the current value: the participant it stands for, else
        the value as typed."""
        match = person_match(self.value, self.people)
        if not match or match.casefold() == " ".join(self.value.split()).casefold():
            return self.value
        return match

    def on_people_input_complete(self, message: Complete) -> None:
        self.accept_suggestion()

    async def action_submit(self) -> None:
        if not self.accept_suggestion():
            await super().action_submit()


def about_options(
    part: Part, ideas: list[dict], *, whole: bool = True
) -> list[tuple[Content, str]]:
    """(label, value) for "what is this about": the whole part, a recommendation or an idea."""
    options: list[tuple[Content, str]] = []
    if whole:
        options.append((Content(f"The whole part {part.display_id}"), WHOLE_PART))
    for rec in part.recommendations:
        options.append((literal(one_line(f"{display_part_id(rec.id)}  {rec.title}", 70)),
                        f"rec:{rec.id}"))
    for idea in ideas:
        options.append((literal(one_line(f"Idea {idea['no']}: {idea.get('text', '')}", 70)),
                        f"idea:{idea['id']}"))
    return options


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
