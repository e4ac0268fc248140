"""The room's secrets kept per session in a private key file, so a restarted room keeps its
join link (the printed QR code stays right) and every phone keeps its identity (its cookie, and
so the dots it already spent).

Why a file in the config folder and never in the session: the session file is exported and
shared, and whoever holds these secrets can join the room or forge a device. The folder is 0700
and the file 0600, written atomically. What is read back is hostile until checked: a damaged,
foreign or oversized file gives one warning line and new secrets (the old link stops working,
which is the safe side). The facilitator rotates them with `workshop room --new-secrets` or
`RoomServer.rotate_secrets()`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from workshop.fileio import NotReadable, make_private_dir, read_limited, write_atomically
from workshop.paths import config_dir

from .security import CODE_ALPHABET, CODE_LENGTH, Secrets

FORMAT = "workshop-room-keys"
VERSION = 1
FOLDER = "room-keys"
MAX_BYTES = 4096
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_KEY = re.compile(r"[0-9a-f]{64}")
_CODE = re.compile(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")


def key_path(session_id: str) -> Path:
    """Where one session's room secrets live (the id is the store's safe six-letter id)."""
    return config_dir() / FOLDER / f"{session_id}.json"


def _parse(data: bytes, session_id: str) -> tuple[Secrets, int]:
    """The secrets and the last port in `data`, or ValueError saying what is wrong."""
    try:
        value: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError("is not JSON") from None
    if not isinstance(value, dict) or value.get("format") != FORMAT:
        raise ValueError("is not a room key file")
    if value.get("version") != VERSION or value.get("session") != session_id:
        raise ValueError("is for another version or session")
    fields = {k: value.get(k) for k in ("join", "display", "code", "key")}
    if not all(isinstance(v, str) for v in fields.values()):
        raise ValueError("lacks a secret")
    if not (_TOKEN.fullmatch(fields["join"]) and _TOKEN.fullmatch(fields["display"])
            and _CODE.fullmatch(fields["code"]) and _KEY.fullmatch(fields["key"])):
        raise ValueError("holds a malformed secret")
    port = value.get("port", 0)
    if type(port) is not int or not 0 <= port <= 65535:
        raise ValueError("holds a malformed port")
    return Secrets(join=fields["join"], display=fields["display"], code=fields["code"],
                   key=bytes.fromhex(fields["key"])), port


def save_secrets(session_id: str, secrets: Secrets, port: int = 0) -> None:
    """Write the key file (folder 0700, file 0600, atomically) with the port the room last
    listened on (tried first next time, so the link stays the same). Raises OSError."""
    path = key_path(session_id)
    make_private_dir(path.parent)
    payload = {"format": FORMAT, "version": VERSION, "session": session_id,
               "join": secrets.join, "display": secrets.display, "code": secrets.code,
               "key": secrets.key.hex(), "port": port}
    write_atomically(path, json.dumps(payload, indent=2).encode("utf-8"), mode=0o600)


def load_secrets(session_id: str, *, renew: bool = False) -> tuple[Secrets, int, list[str]]:
    """This session's secrets (new ones, stored, when there are none, they are damaged, or
    `renew` is asked), the port it last listened on (0: none) and at most one warning line."""
    path = key_path(session_id)
    warnings: list[str] = []
    if not renew:
        try:
            return (*_parse(read_limited(path, MAX_BYTES, follow_symlinks=False), session_id),
                    [])
        except FileNotFoundError:
            pass
        except (NotReadable, ValueError) as error:
            warnings.append(f"room key file {path.name} {error}; the room has new secrets "
                            "(a new join link and QR code)")
        except OSError as error:
            warnings.append(f"room key file {path.name} could not be read "
                            f"({error.strerror or error}); the room has new secrets")
    secrets = Secrets()
    try:
        save_secrets(session_id, secrets)
    except OSError as error:
        warnings[:] = [f"room key file {path} could not be written ({error.strerror or error}); "
                       "the join link will change when the room restarts"]
    return secrets, 0, warnings
