"""Where a tick list's options come from, and how a ticked value reads in a register.

Why: a declaration names a source ("parts", "actions") instead of listing what only the open
session and guide know; the form offers its options and the details pane names what was ticked
(a part by its label, an action by number, title and status).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workshop.guide.model import Guide
from workshop.tui.widgets.part_view import one_line

if TYPE_CHECKING:
    from workshop.store import Session

Options = list[tuple[str, str]]  # (label, stored value)


def options(source: tuple[str, ...] | str, session: Session, guide: Guide) -> Options:
    """The (label, value) pairs a tick list offers: fixed values, or a named source."""
    if isinstance(source, tuple):
        return [(value, value) for value in source]
    if source == "parts":
        return [(one_line(p.label, 60), p.id) for p in guide.parts]
    if source == "actions":
        return [(one_line(f"{a['no']}. {a['title']} [{a['status']}]", 70), a["id"])
                for a in session.records("action")]
    raise LookupError(f"unknown option source {source!r}: use parts, actions or fixed values")


def shown(source: tuple[str, ...] | str, values: list[Any], session: Session,
          guide: Guide) -> str:
    """The ticked values as a register's details pane names them ("" when none)."""
    if source == "parts":
        return ", ".join(guide.part(p).label if guide.has_part(p) else str(p) for p in values)
    if source == "actions":
        actions = {a["id"]: a for a in session.records("action")}
        return "; ".join(f"{actions[a]['no']}. {actions[a]['title']} ({actions[a]['status']})"
                         for a in values if a in actions)
    return ", ".join(map(str, values))
