"""The kinds registry: every record kind, declared once (one module each, see model.Kind).

Why: the store, `workshop import`, the JSON Schema, `--no-names`, the follow-up, the CSV
registers, the CLI and the app read a kind's fields, names and behaviour from here, so adding a
kind is one new module and one line below. Core: no Textual, no TinyDB, no store.

Adding a kind (copy workshop/kinds/benefit.py, name it in REGISTRY below) gives, with no other
edit: store and import validation, its JSON Schema entry (rewrite the shipped file with
`python -m workshop.export.json_schema`), its records in the JSON export, `--no-names` over its
person fields, carry-over by its `carry` rule, and, for a capture kind, its walkthrough key and
palette entry. A kind with a `register` also gets, from its `columns` (model.Column: field,
document heading, width, long text, what its ids name; none declared: each own field):
- its CSV register (`workshop export --format csv --what <register>`, the export screen's list),
  laid out Number, its columns under their labels, part and recommendation, record id;
- its rows in the summary (`Summary.registers`, `Summary.register(name)`), people shown as the
  summary shows people;
- its section in every document (Markdown, HTML, Word): a table under its `title`, placed by
  its `register_rank` among the hand-made sections (actions 1, decisions 2, maturity 3,
  discussion 4, engagement 6, risks 7, benefits 8), before the next steps; no rows, no section.
Kinds with `layout="own"` (actions, decisions, ratings, notes and ideas, engagement, risks) have
hand-made summaries and sections (workshop/summary*.py, workshop/export/build.py). With `form_hints`
(workshop/kinds/forms.py) it also gets its form, in the walkthrough's capture panel or in the
generic register screen (workshop/tui/forms/). Still by hand: the demo.
"""

from __future__ import annotations

from collections.abc import Iterable

from workshop.kinds import (
    action,
    benefit,
    decision,
    engagement,
    idea,
    note,
    question,
    rating,
    risk,
    vote,
)
from workshop.kinds.model import COMMON_RULES, Carry, Kind

#: Every record kind, in the order the store, the schema and the exports list them.
REGISTRY: dict[str, Kind] = {
    k.name: k for k in (note.KIND, idea.KIND, rating.KIND, vote.KIND, decision.KIND, action.KIND,
                        engagement.KIND, risk.KIND, benefit.KIND, question.KIND)
}
#: The one CSV register that lists no record kind: the participants (stakeholder register).
PARTICIPANT_REGISTER = ("stakeholders", 5)


def register_names(kinds: Iterable[Kind] | None = None) -> tuple[str, ...]:
    """The CSV registers (the CLI's `--what`, the export screen), ordered by declared rank."""
    kinds = REGISTRY.values() if kinds is None else kinds
    ranked: dict[str, int] = {PARTICIPANT_REGISTER[0]: PARTICIPANT_REGISTER[1]}
    for k in kinds:
        if k.register:
            ranked.setdefault(k.register, k.register_rank)
    return tuple(sorted(ranked, key=lambda name: ranked[name]))  # stable: ties keep kind order


REGISTERS: tuple[str, ...] = register_names()
#: Kinds carried over into the next session, in the order the follow-up offers them.
CARRY_KINDS: tuple[str, ...] = tuple(sorted(
    (name for name, k in REGISTRY.items() if k.carry), key=lambda name: REGISTRY[name].carry.rank))

#: Kinds typed in the walkthrough's capture panel (the rest have a register screen of their own).
CAPTURE_KINDS: tuple[str, ...] = tuple(n for n, k in REGISTRY.items() if k.form == "capture")


def kind(name: str) -> Kind:
    """The declaration of a stored kind (KeyError for an unknown one: validate first)."""
    return REGISTRY[name]


__all__ = ["CAPTURE_KINDS", "CARRY_KINDS", "COMMON_RULES", "PARTICIPANT_REGISTER", "REGISTERS",
           "REGISTRY", "Carry", "Kind", "kind", "register_names"]
