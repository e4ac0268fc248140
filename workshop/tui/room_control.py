"""The open session's room, as the app holds it: one RoomServer at a time, started and stopped
on Textual's own event loop (no thread, no second process), writing through the app's open
Session, so the store stays single-writer.

Why a holder outside the screens: the room stays open while the facilitator moves between the
walkthrough, the room panel and the presenter view; it ends when the room is closed, when the
session is closed (Home, another session) or when the app quits (workshop.tui.app calls
`stop_room` / `drop_room`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workshop.guide.model import Guide
    from workshop.room import RoomServer
    from workshop.store import Session

log = logging.getLogger(__name__)
LOOPBACK = "127.0.0.1"


def reach_warning(host: str) -> str:
    """The one line said when the room listens on more than this laptop ("" for loopback)."""
    from workshop.room import is_loopback

    if is_loopback(host):
        return ""
    if host in ("0.0.0.0", ""):  # noqa: S104 - words about a bind, not a bind
        return ("Anyone on any network this laptop is on can now reach the room's join page "
                "(they still need the QR link or the code).")
    return (f"Anyone on the network of {host} (this Wi-Fi or hotspot) can now reach the "
            "room's join page; they still need the QR link or the code.")


def hold_still() -> None:
    """While the room is open, hide what already lives (the app's widgets, the guide, the
    session) from the cyclic garbage collector. Every request the phones send leaves garbage,
    and each full collection then walked all of the app: pauses of 80-300 ms in the
    facilitator's typing (bench/room_echo.py: keystroke echo p99 152 ms loaded vs 24 ms idle,
    67 ms with this). Collected first, so nothing dead is kept; `let_go` undoes it."""
    gc.collect()
    gc.freeze()


def let_go() -> None:
    """The room is closed: everything is the collector's again (see `hold_still`)."""
    gc.unfreeze()


class RoomControl:
    """The room of one open session: where it listens, and whether it is open."""

    def __init__(self, session: Session, guide: Guide) -> None:
        self.session = session
        self.guide = guide
        self.host = LOOPBACK
        self.port = 0  # any free port at first; the same one again when reopened
        self.listeners: list[Callable[[list[str]], None]] = []
        self.server: RoomServer = self._new_server()
        self._stopping: asyncio.Task[None] | None = None

    def _new_server(self) -> RoomServer:
        from workshop.room import RoomServer

        server = RoomServer(self.session, self.guide, host=self.host, port=self.port)
        server.on_change.append(self._changed)
        return server

    @property
    def running(self) -> bool:
        return bool(getattr(self.server, "running", False))

    @property
    def warning(self) -> str:
        return reach_warning(self.host)

    async def start(self, host: str | None = None) -> None:
        """Open the room on `host` (default: the one chosen before), with the session's kept
        join link and code (the same as last time until `rotate_secrets`).
        Raises WorkshopError (read-only session) or OSError (address not usable)."""
        await self.stop()
        if host is not None and host != self.host:
            self.host, self.port = host, 0
        self.server = self._new_server()
        try:
            await self.server.start()
        except OSError:
            if not self.port:
                raise
            self.port = 0  # the last port is taken now: any free one
            self.server = self._new_server()
            await self.server.start()
        self.port = self.server.port
        hold_still()

    async def stop(self) -> None:
        """Close the room (queued contributions are written first); safe to call twice."""
        if self._stopping is not None:
            await asyncio.shield(self._stopping)
        if self.running:
            await self.server.stop()
        let_go()

    def stop_soon(self) -> None:
        """Close the room from synchronous code (the session is being closed): stop listening
        now on the loop, and tell nobody about changes any more."""
        self.listeners.clear()
        if not self.running:
            return
        let_go()
        with contextlib.suppress(RuntimeError):  # (no running loop: nothing is listening)
            self._stopping = asyncio.get_running_loop().create_task(self.server.stop())

    def _changed(self, record_ids: list[str]) -> None:
        for listener in list(self.listeners):
            try:
                listener(list(record_ids))
            except Exception:  # a screen's bug must not stop the room
                log.exception("room: a screen's change listener failed")

    def rotate_secrets(self) -> None:
        """New join link, code and display link, kept for later openings; phones join again.
        Raises OSError when the key file cannot be written (the old link stays)."""
        self.server.rotate_secrets()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """One of the server's facilitator controls (open_activity, reveal, ...)."""
        return getattr(self.server, method)(*args, **kwargs)


def room_of(app: Any, session: Session | None = None) -> RoomControl | None:
    """The app's room (of `session`, when given), or None."""
    room = getattr(app, "room_control", None)
    if room is None or (session is not None and room.session is not session):
        return None
    return room


async def stop_room(app: Any) -> None:
    """Close the app's room and forget it (the app is quitting)."""
    room = getattr(app, "room_control", None)
    app.room_control = None
    if room is not None:
        room.listeners.clear()
        await room.stop()


def drop_room(app: Any) -> None:
    """Close the app's room from synchronous code (its session is being closed)."""
    room = getattr(app, "room_control", None)
    app.room_control = None
    if room is not None:
        room.stop_soon()
