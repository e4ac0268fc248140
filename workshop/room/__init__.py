"""The room: participants send ideas, dots, ratings and poll answers from their own phones to
the facilitator's laptop, over the local network, with no internet and no accounts.

Core package: imports the store and the guide, never Textual (an import-linter contract in
pyproject.toml checks it). aiohttp serves it on the CALLER's running event loop (Textual's in the
app), writing through the caller's open session, so the store stays single-writer.

API (the app and `workshop room` use only this):

    from workshop.room import RoomServer, addresses

    server = RoomServer(session, guide, host="127.0.0.1", port=0)  # port 0: any free port
    await server.start()             # listens; raises WorkshopError for a read-only session,
                                     # OSError when the address cannot be used
    server.participant_url           # http://HOST:PORT/j/<join secret>   (for the QR code)
    server.display_url               # http://HOST:PORT/d/<display secret> (room display)
    server.join_address              # http://HOST:PORT/  (typed by hand, then the code)
    server.join_code                 # short human code, e.g. "K7MPQ3"
    server.qr_svg() -> str           # SVG document of the join QR code
    server.qr_text(invert=False)     # half-block text QR (about 33x17 cells; fits 80x24)
    server.devices_joined -> int     # phones that opened the join link
    server.on_change.append(fn)      # fn(record_ids: list[str]) on the loop after each
                                     # committed batch of room contributions (ids new, changed or
                                     # removed) and after each facilitator change below ([]).
    server.current_part, server.settings   # what the room shows now (read-only views)

    # the facilitator's controls: Python only, never reachable over HTTP
    server.open_activity(part, kind, **options)   # kind: "ideas" | "dots" | "rating" | "poll";
        # options: budget=3 (dots per device), question="...", options=["A", "B"] (poll; each
        # option is stored as an idea record and answers as one-dot votes on it),
        # revealed=True/False
    server.close_activity(part, kind)
    server.reveal(part, kind, shown=True)         # results on the display and phones
    server.set_names("off" | "optional" | "asked")
    server.set_premoderation(on)                  # room ideas wait for approve()
    server.approve(record_id)
    server.set_current_part(part)
    server.refresh(record_ids)   # after the app hides, edits or merges room records itself
    server.rotate_secrets()      # new link, code and cookie key (old phones join again);
                                 # OSError when the key file cannot be written
    server.warnings -> list[str] # at most one line: the key file was damaged or unwritable

    await server.stop()          # answers what is queued, closes streams and the port

    addresses() -> list[str]     # this machine's IPv4 addresses, "127.0.0.1" first

Room contributions are ordinary records with `via="room"`, `device=<pseudonymous id>`, `hidden`
and `pending` (see workshop/kinds/model.py); the room's settings per agenda item live in the
session (workshop/store/room_settings.py). Secrets are kept per session in a private key file in
the config folder (workshop/room/keys.py), never in the session: a restarted room keeps its link
and its phones; `RoomServer(..., new_secrets=True)` or `server.rotate_secrets()` makes new ones.
"""

from __future__ import annotations

from .net import addresses, is_loopback
from .security import Limits
from .server import RoomServer

__all__ = ["Limits", "RoomServer", "addresses", "is_loopback"]
