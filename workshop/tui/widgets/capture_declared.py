"""A capture form's fields composed from a kind's declared form hints (workshop/kinds/forms.py).

Why: a new capture kind (the parking lot's question) needs no `_compose_<kind>` of its own; its
declaration says each field's label and widget, and `capture_rules.check_declared` applies the
same declaration when the form is checked. Ids are the field names, with "-reason" (what is
wrong) and "-hint" (the date or the participant a typed text stands for) lines under them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Static

from workshop.dates import due_forms
from workshop.kinds import Kind
from workshop.tui.widgets.choice import ChoiceSelect

if TYPE_CHECKING:
    from workshop.tui.widgets.capture_forms import RecordForm


def compose_declared(form: RecordForm, kind: Kind) -> ComposeResult:
    """The widgets of `kind`'s form in declared order, then what the record is about."""
    hints = kind.form_hints
    if hints is None:
        raise LookupError(f"{kind.name} declares no form hints (workshop/kinds/{kind.name}.py)")
    for name, hint in hints.fields.items():
        label = hint.label or kind.label_of(name)
        help_text = f" ({hint.help})" if hint.help else ""
        if hint.widget == "choice":
            choices = kind.fields[name].choices or ()
            with Horizontal(classes="row"):
                yield Static(label, classes="row-label")
                yield ChoiceSelect([(Content(str(c)), c) for c in choices],
                                   value=form._value(name, kind.fields[name].default),
                                   allow_blank=False, id=name, compact=True)
            continue
        if hint.widget == "person":
            yield form._label(f"{label}: a participant (any word of the name finds it) or "
                              f"any name{help_text}")
            yield from form._people_input(name, hint.placeholder)
            continue
        if hint.widget == "date":
            yield form._label(f"{label}: {due_forms()}{help_text}")
        else:
            yield form._label(f"{label}{help_text}")
        if hint.widget == "text":
            yield form._text_area(name)
        else:
            yield Input(form._value(name, ""), id=name, select_on_focus=False,
                        placeholder=hint.placeholder)
        if hint.required or hint.widget == "date":
            yield Static("", classes="reason", id=f"{name}-reason")
        if hint.widget == "date":
            yield Static("", classes="hint", id=f"{name}-hint")
    yield from form._about(ideas=False)
