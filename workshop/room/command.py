"""`workshop room SESSION`: the room server without the app, for a second machine or a display box.

Why its own module: workshop/cli.py keeps thin handlers. The first two lines on stdout are the
participant URL and the room-display URL (scripts read them); the rest is for people. Idea
collection on the session's current agenda item opens at once; flags open the other
activities. Ctrl+C (or SIGTERM) stops it: queued contributions are written, streams closed, the
lock released, within a few seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

from workshop.errors import UsageError, WorkshopError
from workshop.guide.model import Guide

from .net import is_loopback
from .server import RoomServer


@dataclass
class RoomOptions:
    host: str = "127.0.0.1"
    port: int = 0
    part: str = ""  # "" = the session's current agenda item
    dots: int = 0  # budget; 0 = no dot voting
    rating: bool = False
    poll: str = ""
    options: list[str] = field(default_factory=list)
    names: str = "off"
    premoderate: bool = False
    new_secrets: bool = False  # a new join link, code and cookie key (the old ones stop working)


def run_room(folder: Path, ref: str, guide: Guide, options: RoomOptions) -> int:
    from workshop.store import SessionStore

    if not 0 <= options.port <= 65535:
        raise UsageError(f"--port {options.port}: use 1-65535 (or 0 for any free port)")
    if options.options and not options.poll:
        raise UsageError("--option needs --poll QUESTION")
    if options.poll and len(options.options) < 2:
        raise UsageError("--poll needs at least two --option ANSWER")
    store = SessionStore(folder, known_parts=[p.id for p in guide.parts])
    session = store.open(ref)
    try:
        if session.readonly:
            why = (session.lock_message or "the session is read-only").replace(
                "; opened read-only", "")
            raise WorkshopError(f"cannot run the room: {session.path.name} is {why}; close it "
                                "there first (the room writes the contributions)")
        return asyncio.run(_serve(session, guide, options))
    finally:
        session.close()


def _open(server: RoomServer, options: RoomOptions) -> str:
    part = options.part or server.current_part
    if not part:
        raise UsageError("the session has no agenda: give --part B3 (or set an agenda)")
    server.set_current_part(part)
    server.set_names(options.names)
    server.set_premoderation(options.premoderate)
    server.open_activity(part, "ideas", revealed=True)
    if options.dots:
        server.open_activity(part, "dots", budget=options.dots, revealed=True)
    if options.rating:
        server.open_activity(part, "rating", revealed=True)
    if options.poll:
        server.open_activity(part, "poll", question=options.poll, options=options.options,
                             revealed=True)
    return part


async def _serve(session, guide: Guide, options: RoomOptions) -> int:
    server = RoomServer(session, guide, host=options.host, port=options.port,
                        new_secrets=options.new_secrets)
    part = _open(server, options)
    try:
        await server.start()
    except OSError as error:
        raise WorkshopError(f"cannot listen on {options.host}:{options.port}: "
                            f"{error.strerror or error}; choose another --host or --port") from None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    try:
        print(server.participant_url, flush=True)
        print(server.display_url, flush=True)
        if not is_loopback(options.host):
            print(f"warning: listening on {options.host}: anyone on that network (e.g. the same "
                  "Wi-Fi or hotspot) can reach this port; only people with the link or code "
                  "can join", file=sys.stderr, flush=True)
        for warning in server.warnings:
            print(f"warning: {warning}", file=sys.stderr, flush=True)
        print(f"Join at {server.join_address} with code {server.join_code}; showing {part}; "
              "ideas open. Ctrl+C stops the room.", flush=True)
        await stop.wait()
    finally:
        await server.stop()
    print("Room closed; every contribution is saved.", flush=True)
    return 0
