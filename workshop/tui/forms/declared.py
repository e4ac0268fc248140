"""The register form of any declared kind: its fields composed and read from its form hints.

Why: a register form used to spell out each field twice (compose and values), per kind. Here the
kind's declaration (workshop/kinds/<kind>.py, `form_hints`) says each field's label, widget,
placeholder, help and whether it is required; widget ids are "<prefix>-<field id>". What a field
holds goes back exactly as typed (text stripped, a due date resolved from the session's date).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Label, Static
from textual.widgets.selection_list import Selection

from workshop.kinds import REGISTRY, Kind
from workshop.kinds.forms import Hint
from workshop.tui.screens.register_forms import (
    ChoiceRow,
    DueValidator,
    FormField,
    RegisterForm,
    RequiredValidator,
    ticked,
)
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.tickbox import TickList

Options = list[tuple[str, str]]


def field_id(kind: Kind, name: str, hint: Hint) -> str:
    prefix = (kind.form_hints.prefix if kind.form_hints else "") or kind.name
    return f"{prefix}-{hint.id or name}"


class DeclaredForm(RegisterForm):
    """Add or edit one record of a declared kind (`KIND`, or the `kind` given)."""

    KIND: ClassVar[str] = ""

    def __init__(self, on_save: Callable[[dict[str, Any]], Any],
                 record: dict[str, Any] | None = None, *, kind: str = "",
                 people: list[str] | None = None,
                 options: Mapping[str, Options] | None = None) -> None:
        self.kind = REGISTRY[kind or self.KIND]
        title = (f"Edit {self.kind.singular} {record['no']}" if record
                 else f"Add {self.kind.a}")
        super().__init__(title, on_save)
        self.people = people  # participant names: the person pickers
        self.options = dict(options or {})  # field -> (label, value) of its tick list
        self.record_ = record or {}

    @property
    def hints(self) -> Mapping[str, Hint]:
        return self.kind.form_hints.fields if self.kind.form_hints else {}

    def _label(self, name: str, hint: Hint) -> str:
        return hint.label or self.kind.label_of(name)

    def compose_fields(self) -> ComposeResult:
        for name, hint in self.hints.items():
            yield from self._compose_field(name, hint)

    def _compose_field(self, name: str, hint: Hint) -> ComposeResult:
        fid, label = field_id(self.kind, name, hint), self._label(name, hint)
        declared = self.kind.fields[name]
        value = self.record_.get(name, declared.default)
        if hint.widget == "ticks":
            yield from self._compose_ticks(name, hint, fid, label, list(value))
        elif hint.widget == "choice":
            yield ChoiceRow(label, ChoiceSelect(
                [(Content(str(c)), c) for c in declared.choices or ()], value=value,
                allow_blank=False, id=fid))
        else:
            validators: list[Any] = [RequiredValidator(label)] if hint.required else []
            if hint.widget == "date":
                validators.append(DueValidator())
            yield FormField(label, str(value), field_id=fid, placeholder=hint.placeholder,
                            validators=validators, hint=hint.help,
                            people=self.people if hint.widget == "person" else None)

    def _compose_ticks(self, name: str, hint: Hint, fid: str, label: str,
                       chosen: list[str]) -> ComposeResult:
        yield Label(f"{label} (space to tick)", classes="sub")
        offered = self.options.get(name, [])
        if offered:
            yield TickList[str](*[Selection(Content(text), value, value in chosen)
                                  for text, value in offered], id=fid)
        else:
            yield Static(hint.none or "Nothing to tick yet.", markup=False, classes="sub")
        if hint.other:
            known = {value for _text, value in offered}
            others = [v for v in chosen if v not in known]
            yield FormField(hint.other, ", ".join(others), field_id=f"{fid}-other",
                            placeholder="comma separated", hint="comma separated")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, hint in self.hints.items():
            fid, label = field_id(self.kind, name, hint), self._label(name, hint)
            if hint.widget == "ticks":
                lists = self.query(f"#{fid}")
                values = ticked(lists.first(TickList)) if lists else []
                if hint.other:
                    for extra in self.field(f"{fid}-other").split(","):
                        if extra.strip() and extra.strip() not in values:
                            values.append(extra.strip())
                out[name] = values
            elif hint.widget == "choice":
                out[name] = self.query_one(f"#{fid}", ChoiceSelect).value
            elif hint.widget == "date":
                out[name] = self.due_field(fid, label.lower())
            else:
                out[name] = self.field(fid)
        settle = self.kind.form_hints.settle if self.kind.form_hints else None
        return settle(out) if settle else out
