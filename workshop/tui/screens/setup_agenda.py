"""Session setup, agenda tab: ready-made agendas, the agenda list's keys and what they do.

The list's keys are priority bindings (handled as they arrive, like the participants list's),
so a burst such as `+ + x y` is handled in the order typed even though `x` opens a question.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.widgets import DataTable, SelectionList, Static

from workshop.guide.model import display_part_id
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.widgets.early_keys import TABLE_CURSOR_BINDINGS
from workshop.tui.widgets.literal import literal_cell, one_line

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


class AgendaTab:
    """The agenda list's actions (mixed into SetupScreen, which provides agenda, guide and
    open_dialog; its @on handlers for the preset and the part ticks stay on the screen, where
    Textual collects them)."""

    agenda: list[dict[str, Any]]
    guide: Guide
    open_dialog: Callable[..., Awaitable[Any]]

    def _refresh_agenda(self, cursor: int | None = None) -> None:
        table = self.query_one(AgendaTable)
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        for index, item in enumerate(self.agenda, start=1):
            pid = item["part"]
            title = self.guide.part(pid).title if self.guide.has_part(pid) else "(not in guide)"
            table.add_row(
                literal_cell(str(index)), literal_cell(display_part_id(pid)),
                literal_cell(f"{item['timebox']} min"), literal_cell(title, 60),
                key=f"{index}:{pid}",
            )
        if self.agenda:
            table.move_cursor(row=min(max(row, 0), len(self.agenda) - 1))
        chosen = {item["part"] for item in self.agenda}
        parts = self.query_one("#parts", SelectionList)
        for pid in [p.id for p in self.guide.parts]:
            if pid in chosen:
                parts.select(pid)
            else:
                parts.deselect(pid)
        total = sum(int(item["timebox"]) for item in self.agenda)
        self.query_one("#agenda-summary", Static).update(
            f"{len(self.agenda)} part(s), {format_minutes(total)}" if self.agenda
            else "No parts yet: pick a ready-made agenda or tick parts on the left (space)."
        )

    def _current_item(self) -> int | None:
        if not self.agenda:
            return None
        return min(max(self.query_one(AgendaTable).cursor_row, 0), len(self.agenda) - 1)

    def action_agenda_move(self, step: int) -> None:
        index = self._current_item()
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.agenda):
            return
        self.agenda[index], self.agenda[target] = self.agenda[target], self.agenda[index]
        self._refresh_agenda(cursor=target)

    def action_agenda_time(self, direction: int) -> None:
        index = self._current_item()
        if index is None:
            return
        item = self.agenda[index]
        item["timebox"] = min(max(int(item["timebox"]) + direction * TIMEBOX_STEP, TIMEBOX_STEP),
                              TIMEBOX_MAX)
        self._refresh_agenda(cursor=index)

    async def action_agenda_remove(self) -> None:
        """Take the highlighted part off the agenda after asking (y removes; n or Esc keeps)."""
        index = self._current_item()
        if index is None:
            return
        item = self.agenda[index]
        pid = item["part"]
        title = self.guide.part(pid).title if self.guide.has_part(pid) else ""
        label = one_line(f"{display_part_id(pid)} {title}".strip(), 60)

        def answer(yes: bool | None) -> None:
            if yes and index < len(self.agenda) and self.agenda[index] is item:
                self.agenda.pop(index)
                self._refresh_agenda(cursor=index)
                self.notify(f"Removed {label} from the agenda (saved with ctrl+s).",
                            markup=False)
            self.query_one(AgendaTable).focus()

        await self.open_dialog(
            ConfirmScreen(f"Remove {label} from the agenda?",
                          f"Its {item['timebox']} min timebox goes; time already spent on it is "
                          "kept if you put it back before saving.",
                          yes="Remove (y)", no="Keep (n)"),
            answer,
        )
