"""A summary index of the sessions folder (`<folder>/.index.json`), so listing need not parse and
validate every session file on each start.

The index maps a file name to the file's identity (inode, size, mtime in ns) and the SessionInfo
fields read from it. It is a cache, never a source of truth:
- an entry is used only while the file's identity is exactly the one recorded;
- only readable files are indexed (an unreadable file is read again each time, so its reason is
  current, e.g. after updating workshop a "newer" file becomes readable);
- files changed in the last RACY_NS are not indexed: file times are coarse on some systems, so a
  quick second write of the same size could otherwise look unchanged;
- a missing, corrupt or other-version index is ignored and rebuilt; failing to write it (read-only
  folder, full disk) is silent, since listing still works without it.
"""

from __future__ import annotations

import os
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import orjson

from workshop.fileio import NotReadable, read_limited

from .naming import is_session_id

INDEX_NAME = ".index.json"
INDEX_VERSION = 4  # 2: parts_covered no longer counts carried-over records; 3: stricter rules;
# 4: copy_of (the original an imported session copies)
RACY_NS = 2_000_000_000
MAX_INDEX_BYTES = 64 * 1024 * 1024

Identity = tuple[int, int, int]  # (inode, size, mtime_ns)

TEXT_FIELDS = ("id", "title", "city", "date", "status", "created", "updated", "copy_of")
COUNT_FIELDS = ("parts_planned", "parts_covered", "open_actions", "record_count")


def identity(stat: os.stat_result) -> Identity:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def _valid_fields(fields: Any) -> bool:
    if not isinstance(fields, dict) or set(fields) != {*TEXT_FIELDS, *COUNT_FIELDS}:
        return False
    # an id from the index (its own, or its original's) is trusted no more than one on disk
    return all(isinstance(fields[name], str) for name in TEXT_FIELDS) and all(
        type(fields[name]) is int and fields[name] >= 0 for name in COUNT_FIELDS
    ) and is_session_id(fields["id"]) and (fields["copy_of"] == ""
                                           or is_session_id(fields["copy_of"]))


def read_index(folder: Path, schema: int) -> dict[str, tuple[Identity, dict[str, Any]]]:
    """The entries of the folder's index; {} when it is missing, unreadable or not trusted."""
    try:
        raw = read_limited(folder / INDEX_NAME, MAX_INDEX_BYTES, follow_symlinks=False)
        parsed = orjson.loads(raw)
    except (OSError, NotReadable, orjson.JSONDecodeError):
        return {}
    if not isinstance(parsed, dict) or parsed.get("version") != INDEX_VERSION:
        return {}
    if parsed.get("schema") != schema or not isinstance(parsed.get("entries"), dict):
        return {}
    entries: dict[str, tuple[Identity, dict[str, Any]]] = {}
    for name, entry in parsed["entries"].items():
        if not isinstance(entry, dict):
            return {}
        ident, fields = entry.get("file"), entry.get("info")
        if (not isinstance(ident, list) or len(ident) != 3
                or not all(type(n) is int for n in ident) or not _valid_fields(fields)):
            return {}  # a damaged index is not trusted at all
        entries[name] = ((ident[0], ident[1], ident[2]), fields)
    return entries


def indexable(ident: Identity, now_ns: int | None = None) -> bool:
    """False for a file changed too recently to be told apart from its next quick rewrite."""
    now_ns = time.time_ns() if now_ns is None else now_ns
    return ident[2] < now_ns - RACY_NS


def write_index(folder: Path, schema: int,
                entries: dict[str, tuple[Identity, dict[str, Any]]]) -> None:
    """Replace the index atomically; any failure leaves the old one (or none) and is ignored."""
    from .storage import write_atomically

    payload = orjson.dumps({
        "version": INDEX_VERSION,
        "schema": schema,
        "entries": {name: {"file": list(ident), "info": fields}
                    for name, (ident, fields) in sorted(entries.items())},
    })
    with suppress(OSError):
        write_atomically(folder / INDEX_NAME, payload)
