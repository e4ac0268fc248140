"""Form hints: how a kind's fields are typed, listed and shown in the app, declared beside them.

Why: the forms and register screens used to name every field of every kind by hand (a
benefit's target was spelled in its screen four times). A kind's `form_hints` says, per field, its
label, the widget that edits it, placeholder, help and whether it is required; plus the columns
of its register table and the lines of its details pane. One generic form
(workshop/tui/forms/) and one register screen read them; capture kinds read the same hints in
the walkthrough's capture form. Core module: no Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: The widgets a field can be edited with.
#: line: one line of text; text: several lines; date: a due date (YYYY-MM-DD, +2w, friday...);
#: person: a name, participants offered (the owner rule: any name allowed, said when not in the
#: room); choice: one of the field's declared choices; ticks: a tick list (options below);
#: levels: the 1-5 maturity levels.
WIDGETS = ("line", "text", "date", "person", "choice", "ticks", "levels")


@dataclass(frozen=True)
class Hint:
    """How one field is edited. `options` feeds a tick list: fixed values, or the name of a
    source the app fills ("parts": the guide's parts, "actions": the session's actions)."""

    widget: str = "line"
    label: str = ""  # default: the kind's label of the field
    placeholder: str = ""
    help: str = ""  # shown beside the field while its value is fine
    required: bool = False
    options: tuple[str, ...] | str = ()
    other: str = ""  # ticks: label of a line for values not among the options (comma separated)
    none: str = ""  # ticks: what shows when the source has nothing to tick
    id: str = ""  # the widget id's tail (default: the field name)

    def __post_init__(self) -> None:
        if self.widget not in WIDGETS:
            raise ValueError(f"unknown form widget {self.widget!r}: use one of {WIDGETS}")


@dataclass(frozen=True)
class ScreenColumn:
    """A column of a register screen's table: a field, its heading, a width (0: as it comes)."""

    field: str
    heading: str
    width: int = 0


@dataclass(frozen=True)
class FormHints:
    """A kind's form and register screen: its fields in form order, the register's table
    table's columns (after "No") and details lines ("{field}" is the field's shown value)."""

    fields: Mapping[str, Hint]
    table: tuple[ScreenColumn, ...] = ()
    detail: tuple[str, ...] = ()
    empty: str = ""  # what an empty register says (which key adds one)
    prefix: str = ""  # widget ids are "<prefix>-<field>" (default: the kind's name)
    sub_title: str = ""  # the register screen's sub-title (default: its section title)
    about: str = ""  # what the register is for, in a line (the palette's help for it)
    part_from: str = ""  # a list field whose first value is the part a new record is filed on
    default_part: str = ""  # else this part (when the guide has it), else the guide's first
    settle: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # derived values on save

    def hint(self, name: str) -> Hint:
        return self.fields[name]
