"""The walkthrough's room keys: the tally grid, the room panel, and the room following along.

Kept out of walkthrough.py so that screen only gains a base class, its bindings, palette lines
and two one-line hooks (the item changed; the banner). The room itself is the app's RoomControl
(workshop/tui/room_control.py): it outlives this screen's pushes (panel, presenter, forms).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding

from workshop import tally
from workshop.errors import WorkshopError

if TYPE_CHECKING:
    from workshop.guide.model import Guide
    from workshop.store import Session
    from workshop.tui.room_control import RoomControl

ROOM_BINDINGS = [
    Binding("V", "tally", "Tally grid", id="walkthrough.tally", show=False),
    Binding("o", "room", "Room", id="walkthrough.room", show=False),
]


ROOM_SHOW_EVERY = 0.25  # seconds: phones' contributions reach the panel well within 1 s

class RoomControls:
    """Mixin for the walkthrough screen: the tally grid and the room on the part on screen."""

    session: Session
    guide: Guide

    # -- tally grid ---------------------------------------------------------------------------

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
                                           budget=screen.dot_budget, people=people,
                                           room=self.room))

    # -- the room -----------------------------------------------------------------------------

    @property
    def room(self) -> RoomControl | None:
        from workshop.tui.room_control import room_of

        screen: Any = self
        return room_of(screen.app, self.session)

    def _room_control(self) -> RoomControl:
        """The app's room for this session (made, not opened, the first time)."""
        from workshop.tui.room_control import RoomControl

        screen: Any = self
        room = self.room
        if room is None:
            room = RoomControl(self.session, self.guide)
            screen.app.room_control = room
        if self._room_changed not in room.listeners:
            room.listeners.append(self._room_changed)
        return room

    async def action_room(self) -> None:
        """The room panel for the agenda item on screen (awaited: keys typed after o land in
        the panel)."""
        from workshop.tui.screens.room import RoomScreen

        screen: Any = self
        part_id = screen.item_part
        if not part_id or not self.guide.has_part(part_id):
            screen.notify("Open an agenda item first: the room follows the agenda.",
                          severity="warning")
            return
        if not screen._writable():
            return
        screen.ensure_records()
        await screen.app.push_screen(RoomScreen(self._room_control(), part_id),
                                     callback=lambda _result: screen._refresh_progress())

    _room_pending: list[str] | None = None  # ids committed since the panel last showed them

    def _room_changed(self, record_ids: list[str]) -> None:
        """Called by the room after each committed batch: shown within ROOM_SHOW_EVERY seconds,
        with every batch that lands meanwhile (one panel rebuild, not one per record or batch:
        under a room's load the facilitator's keys stay quick; bench/bench_room.py measures it)."""
        screen: Any = self
        if not screen.is_mounted:
            return
        if self._room_pending is None:
            self._room_pending = []
            screen.set_timer(ROOM_SHOW_EVERY, self._room_flush)
        self._room_pending.extend(record_ids)

    def _room_flush(self) -> None:
        screen: Any = self
        ids, self._room_pending = self._room_pending or [], None
        if ids:
            self._show_room_records(list(dict.fromkeys(ids)))
        screen._refresh_progress()  # devices joined, in the banner

    def _show_room_records(self, record_ids: list[str]) -> None:
        screen: Any = self
        if getattr(self.session, "closed", False) or not screen._records_loaded:
            return
        capture = screen.capture
        self._room_echoes += 1  # the panel's one Changed message this causes is the room's
        try:
            try:
                records = [self.session.record(record_id) for record_id in record_ids]
            except WorkshopError:  # withdrawn by its phone: read everything again
                capture.reloaded(self.session.records())
                return
            capture.applied(records)
        except WorkshopError as error:
            screen._report(error)

    _room_echoes = 0  # capture-panel changes that came from the room itself

    def on_capture_panel_changed(self, _event: Any) -> None:
        """Records changed here (a form, the tally grid, undo, moderation): live phones and the
        room display read them again. (The capture module's handler runs too.)"""
        if self._room_echoes:
            self._room_echoes -= 1
            return
        self.room_refresh([])

    def room_follow(self) -> None:
        """The walkthrough moved to another item: the phones and display follow."""
        room = self.room
        screen: Any = self
        part_id = screen.item_part
        if room is None or not part_id or not self.guide.has_part(part_id):
            return
        try:
            room.call("set_current_part", part_id)
        except WorkshopError as error:
            screen._report(error)

    def room_refresh(self, record_ids: list[str]) -> None:
        """The facilitator changed room records (hid, merged, approved): tell live pages."""
        room = self.room
        if room is not None and room.running:
            room.call("refresh", record_ids)

    def room_banner(self) -> str:
        room = self.room
        if room is None or not room.running:
            return ""
        server = room.server
        return (f"Room open: {server.join_address} code {server.join_code} · "
                f"{server.devices_joined} joined · o: room panel")

    def room_join(self) -> RoomControl | None:
        """The open room, for the presenter view's QR code (None when closed)."""
        room = self.room
        return room if room is not None and room.running else None

    def room_palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Tally grid: dots", "Voters or tables as rows, ideas as columns; digits give dots",
             self.action_tally),
            ("Tally grid: ratings", "Voters or tables as rows, recommendations as columns; "
             "now and target digits", partial(self.action_tally, tally.RATINGS)),
            ("Room: open the room panel", "Phones join by QR code: ideas, dots, ratings, polls",
             self.action_room),
        ]
