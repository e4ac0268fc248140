"""What a capture form checks: the rules per record kind, apart from the widgets.

`check(kind, values, context)` turns the raw field values of a form into the fields of a record,
or says why not: one reason per field, keyed by the id of the line shown under that field.
Nothing here draws anything, so the rules read in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workshop.dates import describe_due, parse_due
from workshop.errors import WorkshopError
from workshop.guide.model import Part
from workshop.kinds import REGISTRY, Kind

WHOLE_PART = "part"


@dataclass
class FormContext:
    """What a form needs to know about the part and the room."""

    part: Part
    people: list[str] = field(default_factory=list)  # participant names, for owner/author/voter
    ideas: list[dict] = field(default_factory=list)  # ideas on this part (vote/decision targets)
    dot_budget: int = 3
    dots_used: dict[str, int] = field(default_factory=dict)  # voter -> dots on this part
    today: dt.date | None = None
    due_base: dt.date | None = None  # relative due dates count from here: the session's date
    save_draft: Callable[[str, str], None] | None = None
    clear_draft: Callable[[str], None] | None = None
    drafts: dict[str, str] = field(default_factory=dict)


@dataclass
class Checked:
    """The record fields (None while something is wrong) and the line under each field."""

    fields: dict[str, Any] | None
    reasons: dict[str, str]


# -- people ------------------------------------------------------------------------------------

def person_match(typed: str, people: list[str]) -> str:
    """The participant a typed name stands for: the exact name, else the first starting with
    it, else the first with a word starting with it ("Li" → "Prof. Li Wen"); "" when none."""
    folded = " ".join(typed.split()).casefold()
    if not folded:
        return ""
    for name in people:
        if name.casefold() == folded:
            return name
    for name in people:
        if name.casefold().startswith(folded):
            return name
    word_start = re.compile(r"(?:^|[\s.\-'(])" + re.escape(folded))
    for name in people:
        if word_start.search(name.casefold()):
            return name
    return ""


def person_hint(typed: str, people: list[str], *, in_room_only: bool) -> str:
    """What the line under a name field says: the name Tab would pick, or (for an owner) that
    the name is not one of the participants (allowed: saved as typed)."""
    name = " ".join(typed.split())
    if not name:
        return ""
    match = person_match(name, people)
    if match and match.casefold() != name.casefold():
        return f"Tab: {match}"
    if not match and in_room_only and people:
        return f"{name} is not in the room: saved as typed."
    return ""


# -- about (the whole part, a recommendation or an idea) ------------------------------------------

def about_value(record: dict | None, default_rec: str = "") -> str:
    if record:
        if record.get("target"):
            return f"idea:{record['target']}"
        if record.get("rec"):
            return f"rec:{record['rec']}"
        return WHOLE_PART
    return f"rec:{default_rec}" if default_rec else WHOLE_PART


def about_fields(value: str) -> dict[str, str]:
    """{"rec": ..., "target": ...} from an about-choice value."""
    if value.startswith("rec:"):
        return {"rec": value[4:], "target": ""}
    if value.startswith("idea:"):
        return {"rec": "", "target": value[5:]}
    return {"rec": "", "target": ""}


# -- the rules per kind ---------------------------------------------------------------------------

#: Kinds whose forms have rules of their own (below); any other kind is checked by its declaration.
HAND_CHECKED = ("note", "idea", "rating", "vote", "decision", "action")


def _due(text: str, context: FormContext) -> tuple[str, str, str]:
    """(the date, what is wrong, what the typed text stands for) for a typed due date."""
    base = context.due_base or context.today
    try:
        due = parse_due(text, base)
    except WorkshopError as error:
        return "", str(error), ""
    return due, "", (f"→ {due}  {describe_due(due, context.today, base=base)}" if due else "")


def check_declared(kind: Kind, values: dict[str, Any], context: FormContext) -> Checked:
    """The record fields of a form composed from `kind`'s form hints, or the reasons why not:
    a required field must not be blank, a date must be one, a person may be anyone (the owner
    rule: said when not in the room); then the kind's own settling (an answer answers)."""
    assert kind.form_hints is not None
    reasons: dict[str, str] = {}
    fields: dict[str, Any] = {}
    for name, hint in kind.form_hints.fields.items():
        raw = values.get(name, kind.fields[name].default)
        label = (hint.label or kind.label_of(name)).lower()
        if hint.widget == "date":
            fields[name], reasons[f"{name}-reason"], reasons[f"{name}-hint"] = _due(raw, context)
            continue
        if hint.widget == "person":
            raw = raw.strip()
            reasons[f"{name}-hint"] = person_hint(raw, context.people, in_room_only=True)
        elif hint.widget == "choice":
            raw = raw or kind.fields[name].default
        elif hint.widget == "line":
            raw = raw.strip()
        if hint.required:
            reasons[f"{name}-reason"] = "" if str(raw).strip() else f"Type the {label} first."
        fields[name] = raw
    if values.get("about"):
        fields.update(about_fields(values["about"]))
    problems = any(text for key, text in reasons.items() if key.endswith("-reason"))
    if problems:
        return Checked(None, reasons)
    settle = kind.form_hints.settle
    return Checked(settle(fields) if settle else fields, reasons)


def check(kind: str, values: dict[str, Any], context: FormContext, *,
          record: dict | None = None, initial: dict | None = None) -> Checked:
    """The record fields for `values` typed in a `kind` form, or the reasons why not."""
    declared = REGISTRY.get(kind)
    if kind not in HAND_CHECKED and declared is not None and declared.form_hints is not None:
        return check_declared(declared, values, context)
    reasons: dict[str, str] = {}
    fields: dict[str, Any] = {}
    initial = initial or {}
    if kind in ("note", "idea", "decision"):
        text = values.get("text", "")
        reasons["text-reason"] = "" if text.strip() else "Type some text first."
        fields["text"] = text
    if kind in ("note", "idea", "rating"):
        fields["author"] = values.get("author", "").strip()
    if kind == "decision":
        fields["outcome"] = values.get("outcome") or "agreed"
        fields["rationale"] = values.get("rationale", "")
    if kind == "rating":
        current, target = values.get("current", 0), values.get("target_level", 0)
        reasons["level-reason"] = "" if current and target else \
            "Pick both levels (current and target)."
        fields.update(current=current or 1, target_level=target or 1,
                      comment=values.get("comment", ""))
    if kind == "vote":
        _check_vote(values, context, record, fields, reasons)
    if kind == "action":
        _check_action(values, context, initial, fields, reasons)
    about = values.get("about")
    if about:
        about_part = about_fields(about)
        if kind == "action":
            fields["rec"] = about_part["rec"]
        else:
            fields.update(about_part)
    problems = any(text for key, text in reasons.items() if key.endswith("-reason"))
    return Checked(None if problems else fields, reasons)


def _check_action(values: dict[str, Any], context: FormContext, initial: dict,
                  fields: dict[str, Any], reasons: dict[str, str]) -> None:
    title = values.get("title", "")
    reasons["title-reason"] = "" if title.strip() else "An action needs a title."
    due_text = values.get("due", "")
    try:
        base = context.due_base or context.today
        due = parse_due(due_text, base)
        reasons["due-reason"] = ""
        reasons["due-hint"] = (f"→ {due}  {describe_due(due, context.today, base=base)}"
                               if due else "")
    except WorkshopError as error:
        due = ""
        reasons["due-reason"] = str(error)
        reasons["due-hint"] = ""
    owner = values.get("owner", "").strip()
    reasons["owner-hint"] = person_hint(owner, context.people, in_room_only=True)
    fields.update(title=title.strip(), description=values.get("description", ""),
                  owner=owner, due=due,
                  priority=values.get("priority") or "medium",
                  status=values.get("status") or "open")
    if initial.get("target"):
        fields["target"] = initial["target"]


def _check_vote(values: dict[str, Any], context: FormContext, record: dict | None,
                fields: dict[str, Any], reasons: dict[str, str]) -> None:
    voter = values.get("voter", "").strip()
    reasons["voter-reason"] = "" if voter else "Who is voting? A name or a table."
    try:
        budget = int(values.get("budget", "3"))
        if not 1 <= budget <= 99:
            raise ValueError
        reasons["budget-reason"] = ""
    except ValueError:
        budget = context.dot_budget
        reasons["budget-reason"] = "The budget is a whole number from 1 to 99."
    try:
        dots = int(values.get("dots", "1"))
        if not 1 <= dots <= 99:
            raise ValueError
    except ValueError:
        reasons["dots-reason"] = "Dots are a whole number from 1 to 99."
        reasons["dots-hint"] = ""
        return
    used = context.dots_used.get(voter.casefold(), 0)
    if record and record.get("voter", "").casefold() == voter.casefold():
        used -= int(record.get("dots", 0))
    left = budget - used
    if voter and dots > left:
        dots_left = f"{max(left, 0)} dot{'' if left == 1 else 's'}"
        reasons["dots-reason"] = (f"{dots} is more than the {dots_left} {voter} has left "
                                  f"on this part (budget {budget}).")
    else:
        reasons["dots-reason"] = ""
    reasons["dots-hint"] = f"{voter} will have {left - dots} of {budget} dots left." \
        if voter and dots <= left else ""
    fields.update(voter=voter, dots=dots, author=voter)
    fields["_budget"] = budget
