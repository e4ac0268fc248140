"""RoomServer: the participant server, run on the caller's event loop, writing through the open
session. See workshop/room/__init__.py for the API the app and the CLI use.

Why it runs inside the caller's loop (aiohttp's AppRunner and TCPSite, no thread, no second
process): the session stays single-writer, the facilitator's app sees each contribution the
moment it is committed, and closing the app closes the room.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import Callable
from typing import Any

import segno
from aiohttp import web

from workshop.errors import WorkshopError
from workshop.guide.model import Guide
from workshop.store import Session
from workshop.store.room_settings import (
    ACTIVITIES,
    NAME_MODES,
    activity,
    add_room_devices,
    room_devices,
    room_settings,
    save_room_device,
    save_room_settings,
    with_activity,
)

from . import pages
from .keys import load_secrets, save_secrets
from .security import Device, Limits, RateLimits, Secrets
from .writer import Writer

log = logging.getLogger(__name__)


class RoomServer:
    """The room: participant pages, the room display, live updates and the one writer."""

    def __init__(self, session: Session, guide: Guide, *, host: str = "127.0.0.1",
                 port: int = 0, limits: Limits | None = None, new_secrets: bool = False
                 ) -> None:
        self.session = session
        self.guide = guide
        self.host = host
        self.port = port
        self.limits = limits or Limits()
        #: The session's secrets from its key file (the same link after a restart); at most one
        #: line for the facilitator when the file was damaged or could not be written.
        self.secrets: Secrets
        self.secrets, self._last_port, self.warnings = load_secrets(session.id,
                                                                    renew=new_secrets)
        #: Called on the loop after each committed change with the record ids it touched (new,
        #: changed or removed) and after each facilitator change with [] .
        self.on_change: list[Callable[[list[str]], None]] = []
        self.devices: dict[str, Device] = {
            d: Device(d, v["name"], v["sector"]) for d, v in room_devices(session).items()}
        self._unsaved_devices: set[str] = set()  # joined, not yet in the session
        self.writer = Writer(session, self._committed)
        self.device_limits = RateLimits(self.limits.device_burst, self.limits.device_rate)
        self.address_limits = RateLimits(self.limits.address_burst, self.limits.address_rate)
        self.code_limits = RateLimits(self.limits.code_burst, self.limits.code_rate)
        self.version = 0  # bumped on every change; live pages compare it
        self._changed: asyncio.Condition | None = None  # made on the loop in start()
        self._streams: dict[str, int] = {}  # address -> open live-update streams
        self._runner: web.AppRunner | None = None
        self._closing: asyncio.Event | None = None
        self._watchdog: asyncio.Task[None] | None = None
        self._settings = room_settings(session)
        if not self._settings["current"]:
            self._settings["current"] = self._default_part()

    # lifecycle ------------------------------------------------------------------------------------
    async def start(self) -> None:
        """Listen on host:port (port 0: a free one) on the running loop; StoreError-free."""
        if self.session.readonly:
            raise WorkshopError(self.session.lock_message or "the session is open read-only; "
                                "the room needs to write contributions")
        self._changed = asyncio.Condition()
        self._closing = asyncio.Event()
        app = pages.build_app(self)
        runner = web.AppRunner(app, access_log=None, handle_signals=False,
                               keepalive_timeout=15, shutdown_timeout=2.0)
        await runner.setup()
        try:
            site = await self._listen(runner)
        except OSError:
            await runner.cleanup()
            raise
        self._runner = runner
        self._watchdog = asyncio.get_running_loop().create_task(self._watch_connections())
        server = site._server  # the bound port, when 0 was asked for
        sockets = getattr(server, "sockets", None) or []
        if sockets:
            self.port = sockets[0].getsockname()[1]
        if self.port != self._last_port:
            try:
                self._keep_secrets(self.secrets, self.port)
            except OSError as error:
                self.warnings[:] = [f"the room's key file could not be written "
                                    f"({error.strerror or error}); the join link will change "
                                    "when the room restarts"]
        self.writer.start()

    async def _listen(self, runner: web.AppRunner) -> web.TCPSite:
        """Any free port (port 0) is first the one this session's room last used, so a restart
        keeps the link and the printed QR code; another program holding it costs a new port."""
        if self.port == 0 and self._last_port:
            site = web.TCPSite(runner, self.host, self._last_port, backlog=256)
            try:
                await site.start()
                return site
            except OSError:
                pass
        site = web.TCPSite(runner, self.host, self.port, backlog=256)
        await site.start()
        return site

    def _keep_secrets(self, fresh: Secrets, port: int) -> None:
        save_secrets(self.session.id, fresh, port)
        self._last_port = port

    async def stop(self) -> None:
        """Answer what is queued, close live streams and the port; safe to call twice."""
        if self._runner is None:
            return
        runner, self._runner = self._runner, None
        if self._closing is not None:
            self._closing.set()
        if self._watchdog is not None:
            self._watchdog.cancel()
        await self._notify()
        await self.keep_devices()
        await self.writer.stop()
        await runner.cleanup()

    async def _watch_connections(self) -> None:
        """Slow clients: a connection with no request in hand for `idle_timeout` seconds (one
        that dribbles its headers, or never sends any) is closed, and one address keeps at most
        `max_connections_per_address` connections. aiohttp closes idle keep-alive connections
        itself; this covers the time before a first request."""
        busy_at: dict[int, float] = {}
        loop = asyncio.get_running_loop()
        while self._runner is not None:
            await asyncio.sleep(1.0)
            runner = self._runner
            if runner is None or runner.server is None:
                return
            now = loop.time()
            per_address: dict[str, int] = {}
            alive = set()
            for handler in list(runner.server.connections):
                key = id(handler)
                alive.add(key)
                if getattr(handler, "_current_request", None) is not None:
                    busy_at[key] = now
                transport = handler.transport
                peer = transport.get_extra_info("peername") if transport else None
                address = str(peer[0]) if peer else "?"
                per_address[address] = per_address.get(address, 0) + 1
                idle = now - busy_at.setdefault(key, now)
                if idle > self.limits.idle_timeout or (
                        per_address[address] > self.limits.max_connections_per_address):
                    handler.force_close()
            for key in set(busy_at) - alive:
                del busy_at[key]

    @property
    def running(self) -> bool:
        return self._runner is not None

    # addresses and codes --------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if self.host in ("0.0.0.0", "::", ""):  # noqa: S104 - a name for phones, not a bind
            from .net import addresses

            host = next((a for a in addresses() if not a.startswith("127.")), "127.0.0.1")
        return f"http://{host}:{self.port}"

    @property
    def participant_url(self) -> str:
        return f"{self.base_url}/j/{self.secrets.join}"

    @property
    def display_url(self) -> str:
        return f"{self.base_url}/d/{self.secrets.display}"

    @property
    def join_address(self) -> str:
        """What people type when they cannot scan: the address, then the code."""
        return f"{self.base_url}/"

    @property
    def join_code(self) -> str:
        return self.secrets.code

    @property
    def devices_joined(self) -> int:
        return len(self.devices)

    def admit(self, device: str) -> bool:
        """Count a device this room's key signed (a new phone, or one from before a restart);
        False when the room is full."""
        if device in self.devices:
            return True
        if len(self.devices) >= self.limits.max_devices:
            return False
        self.devices[device] = Device(device)
        self._unsaved_devices.add(device)
        self._changed_now([])
        return True

    async def keep_devices(self) -> None:
        """Write the phones that joined since the last call into the session, through the one
        writer (phones joining together cost one write). A failed save is tried again later."""
        if not self._unsaved_devices:
            return
        joined = sorted(self._unsaved_devices)

        def change() -> list[str]:
            add_room_devices(self.session, joined)
            return []

        with contextlib.suppress(WorkshopError):  # closed, or not saved: kept for next time
            await self.writer.submit(change)
            self._unsaved_devices.difference_update(joined)

    def name_device(self, device: str, name: str, sector: str) -> None:
        """A phone's name and sector, kept in the session (named rooms only) so a restart and
        the exports know them. Raises WorkshopError when they break the participant rules."""
        if self._settings["names"] == "off":
            raise WorkshopError("this room does not ask for names")
        save_room_device(self.session, device, name, sector)
        me = self.devices.setdefault(device, Device(device))
        me.name, me.sector = name, sector
        self._changed_now([])

    def rotate_secrets(self) -> None:
        """New join link, code, display link and cookie key (stored for later restarts): old
        links and every phone's cookie stop working; phones join again with the new code.
        Raises OSError when the key file cannot be written (the old secrets stay)."""
        fresh = Secrets()
        self._keep_secrets(fresh, self.port if self.running else self._last_port)
        self.secrets = fresh
        self.warnings = []
        self._changed_now([])

    def _qr(self) -> segno.QRCode:
        return segno.make(self.participant_url, error="l", boost_error=False, micro=False)

    def qr_svg(self) -> str:
        """The join QR code as a standalone SVG document (dark on white)."""
        out = io.BytesIO()
        self._qr().save(out, kind="svg", scale=8, border=2, dark="#000", light="#fff",
                        xmldecl=False, title="Join the room")
        return out.getvalue().decode("ascii")

    def qr_text(self, *, invert: bool = False) -> str:
        """The join QR code in half-block characters, two modules per character row (about 33
        columns by 17 rows for a typical address: fits 80x24). Blocks are the dark modules:
        draw it dark on light, or pass invert=True for light text on a dark terminal."""
        rows = [list(r) for r in self._qr().matrix_iter(scale=1, border=2)]
        if invert:
            rows = [[not m for m in r] for r in rows]
        if len(rows) % 2:
            rows.append([False] * len(rows[0]))
        glyph = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
        return "\n".join("".join(glyph[(bool(a), bool(b))] for a, b in zip(top, bottom,
                                                                             strict=True))
                         for top, bottom in zip(rows[::2], rows[1::2], strict=True))

    # the room's settings (facilitator only: Python, never HTTP) -----------------------------------
    @property
    def settings(self) -> dict[str, Any]:
        return self._settings

    @property
    def current_part(self) -> str:
        return self._settings["current"]

    def _default_part(self) -> str:
        part = self.session.ui_state.get("part")
        if isinstance(part, str) and self.guide.has_part(part):
            return part
        agenda = self.session.agenda
        return agenda[0]["part"] if agenda else ""

    def _save(self, settings: dict[str, Any]) -> None:
        self._settings = save_room_settings(self.session, settings)
        self._changed_now([])

    def _check_part(self, part: str) -> None:
        if not self.guide.has_part(part):
            raise WorkshopError(f"unknown part {part!r}: the room shows parts of the guide")

    def open_activity(self, part: str, kind: str, **options: Any) -> None:
        """Open `kind` (ideas, dots, rating, poll) on `part`. Options: budget=N (dots),
        question="..." and options=["A", "B"] (poll: each option becomes an idea whose dots are
        the answers), revealed=True/False."""
        self._check_part(part)
        if kind not in ACTIVITIES:
            raise WorkshopError(f"unknown activity {kind!r}: use one of {', '.join(ACTIVITIES)}")
        if kind == "poll" and "options" in options:
            texts = options.pop("options")
            if (not isinstance(texts, list | tuple) or not texts
                    or not all(isinstance(t, str) and t.strip() for t in texts)):
                raise WorkshopError("a poll needs a list of option texts, e.g. ['Yes', 'No']")
            current = {o["text"]: o["id"] for o in activity(self._settings, part, kind)["options"]
                       if self._exists(o["id"])}
            settings = with_activity(self._settings, part, kind, **options, open=True)  # checks
            with self.session.batch():
                made = [{"id": current.get(t) or self.session.add_record(
                    "idea", part, text=t.strip())["id"], "text": t.strip()} for t in texts]
                self._save(with_activity(settings, part, kind, options=made))
            return
        self._save(with_activity(self._settings, part, kind, **options, open=True))

    def _exists(self, record_id: str) -> bool:
        try:
            self.session.record(record_id)
        except WorkshopError:
            return False
        return True

    def close_activity(self, part: str, kind: str) -> None:
        self._save(with_activity(self._settings, part, kind, open=False))

    def reveal(self, part: str, kind: str, shown: bool = True) -> None:
        """Show (or hide) an activity's results on the room display and the phones."""
        self._save(with_activity(self._settings, part, kind, revealed=bool(shown)))

    def set_names(self, mode: str) -> None:
        """"off" (no names), "optional" or "asked" (name and sector before contributing)."""
        if mode not in NAME_MODES:
            raise WorkshopError(f"names mode {mode!r}: use one of {', '.join(NAME_MODES)}")
        self._save({**self._settings, "names": mode})

    def set_premoderation(self, on: bool) -> None:
        self._save({**self._settings, "premoderation": bool(on)})

    def approve(self, record_id: str) -> None:
        """Let a contribution waiting under pre-moderation reach the room."""
        self.session.update_record(record_id, pending=False)
        self._changed_now([record_id])

    def set_current_part(self, part: str) -> None:
        """The part the phones and the display show (the walkthrough calls it as it moves)."""
        self._check_part(part)
        if part != self._settings["current"]:
            self._save({**self._settings, "current": part})

    def refresh(self, record_ids: list[str] | None = None) -> None:
        """Tell live pages that the facilitator changed records (hid, edited, merged)."""
        self._changed_now(list(record_ids or []))

    # change notification --------------------------------------------------------------------------
    def _committed(self, ids: list[str]) -> None:
        self._changed_now(ids)

    def _changed_now(self, ids: list[str]) -> None:
        self.version += 1
        for listener in list(self.on_change):
            try:
                listener(list(ids))
            except Exception:
                log.exception("room: an on_change listener failed")
        with contextlib.suppress(RuntimeError):  # (no running loop: nobody is listening)
            asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        if self._changed is None:
            return
        async with self._changed:
            self._changed.notify_all()

    async def wait_change(self, seen: int, timeout: float) -> int:
        """The version after the next change (or the same one after `timeout` seconds)."""
        assert self._changed is not None
        if self.version == seen and not self.closing:
            async with self._changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), timeout)
        return self.version

    @property
    def closing(self) -> bool:
        return self._closing is not None and self._closing.is_set()
