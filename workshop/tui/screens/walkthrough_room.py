"""The walkthrough's room keys: the tally grid (and, with issue 12, the room and moderation).

Kept out of walkthrough.py so that screen only gains a base class, its bindings and palette
lines; everything the room adds to the walkthrough lives here.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from workshop import tally

if TYPE_CHECKING:
    from workshop.guide.model import Guide
    from workshop.store import Session

ROOM_BINDINGS = [
    Binding("V", "tally", "Tally grid", id="walkthrough.tally", show=False),
]


class RoomControls:
    """Mixin for the walkthrough screen: opens the tally grid on the part on screen."""

    session: Session
    guide: Guide

    def action_tally(self, mode: str = tally.DOTS) -> None:
        from workshop.tui.screens.tally import TallyScreen

        screen: Any = self
        part_id = screen.shown_part
        if not part_id or not self.guide.has_part(part_id):
            screen.notify("Open an agenda item first.", severity="warning")
            return
        screen.ensure_records()
        people = [str(p.get("name", "")) for p in self.session.participants
                  if p.get("name") and p.get("attended", True)
                  and p.get("kind", "person") in ("person", "group")]
        screen.app.push_screen(TallyScreen(self.session, self.guide, part_id, mode=mode,
                                           budget=screen.dot_budget, people=people))

    def room_palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Tally grid: dots", "Voters or tables as rows, ideas as columns; digits give dots",
             self.action_tally),
            ("Tally grid: ratings", "Voters or tables as rows, recommendations as columns; "
             "now and target digits", partial(self.action_tally, tally.RATINGS)),
        ]
