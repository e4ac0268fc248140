"""Session setup, agenda tab: ready-made agendas and the agenda list's keys.

The list's keys are priority bindings (handled as they arrive, like the participants list's),
so a burst such as `+ + x y` is handled in the order typed even though `x` opens a question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.widgets import DataTable

from workshop.tui.widgets.early_keys import TABLE_CURSOR_BINDINGS

if TYPE_CHECKING:
    from workshop.guide.model import Guide

# (key, label, part ids or None for every part, minutes per part)
PRESETS: tuple[tuple[str, str, tuple[str, ...] | None, int], ...] = (
    ("full", "Full operating-model review (all parts)", None, 20),
    ("strategy", "Strategy day (A, B1-B7)", ("A", "B1", "B2", "B3", "B4", "B5", "B6", "B7"), 30),
    ("citizen", "Citizen services (B8-B11)", ("B8", "B9", "B10", "B11"), 30),
    ("data", "Data and infrastructure (B12-B14)", ("B12", "B13", "B14"), 30),
    ("benefits", "Benefits and risks (C, D, Annex B)", ("C", "D", "AnnexB"), 30),
)
DEFAULT_TIMEBOX = 20
TIMEBOX_STEP = 5
TIMEBOX_MAX = 480


def preset_agenda(guide: Guide, key: str) -> list[dict[str, Any]]:
    """The agenda of a ready-made preset, keeping only parts this guide has."""
    for preset_key, _label, parts, minutes in PRESETS:
        if preset_key == key:
            ids = [p.id for p in guide.parts] if parts is None else list(parts)
            return [{"part": pid, "timebox": minutes, "spent": 0}
                    for pid in ids if guide.has_part(pid)]
    raise KeyError(key)


def format_minutes(minutes: int) -> str:
    hours, rest = divmod(int(minutes), 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


class AgendaTable(DataTable):
    """The agenda in running order; keys move items and change their timebox."""

    BINDING_GROUP_TITLE = "Setup: agenda"
    BINDINGS = [
        Binding("shift+up,ctrl+up", "screen.agenda_move(-1)", "Move up", id="setup.agenda-up",
                priority=True),
        Binding("shift+down,ctrl+down", "screen.agenda_move(1)", "Move down",
                id="setup.agenda-down", priority=True),
        Binding("plus,equals_sign,right", "screen.agenda_time(1)", "+5 min",
                id="setup.agenda-longer", priority=True),
        Binding("minus,left", "screen.agenda_time(-1)", "-5 min", id="setup.agenda-shorter",
                priority=True),
        Binding("x,delete", "screen.agenda_remove", "Remove", id="setup.agenda-remove",
                priority=True),
        *TABLE_CURSOR_BINDINGS,
    ]
