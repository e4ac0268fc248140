"""Reading session files from the sessions folder, which is treated as hostile until validated.

Why a module of its own: every way a session file is read (listing, opening, exports, `workshop
actions`) goes through `load_file`, so one place decides what is trusted: regular files only (a
symbolic link is listed as skipped and never opened, a FIFO or device never blocks us), at most
MAX_SESSION_BYTES, valid JSON, and every document valid under the store's own rules
(workshop.records via migrate.check), including a safe session id. A file that fails is listed as
unreadable with the reason and never touched.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from workshop.coverage import covered_count
from workshop.fileio import MB, NotReadable, read_limited

from . import migrate
from .migrate import SINGLE, FileProblem
from .naming import id_from_file_name, is_session_file_name, is_store_file_name, session_file_name
from .storage import StoreError, describe_os_error

#: The largest session file read (a session holds its undo history, so it can outgrow its
#: export; a week-long workshop stays far below this). The store never writes a larger one.
MAX_SESSION_BYTES = 200 * MB


@dataclass(frozen=True)
class SessionInfo:
    """One line of `workshop list`: enough to choose a session without opening it."""

    id: str
    title: str
    city: str
    date: str
    status: str
    file: Path
    readable: bool
    reason: str
    created: str
    updated: str
    parts_planned: int
    parts_covered: int
    open_actions: int
    record_count: int
    copy_of: str = ""  # the original this session is an imported copy of ("" for an original)

    @property
    def origin(self) -> str:
        """The original session's id: sessions with the same origin are copies of one export."""
        return self.copy_of or self.id

    def to_json(self) -> dict[str, Any]:
        return {**{k: getattr(self, k) for k in self.__dataclass_fields__}, "file": str(self.file)}


def info_from_data(path: Path, data: dict[str, Any]) -> SessionInfo:
    meta = data["session"][SINGLE]
    agenda = data["agenda"][SINGLE]["items"]
    records = data["records"].values()
    covered = covered_count(agenda, records)
    open_actions = sum(
        1 for doc in records if doc["kind"] == "action" and doc["status"] in ("open", "in progress")
    )
    return SessionInfo(
        id=data["store"][SINGLE]["id"], title=meta["title"], city=meta["city"], date=meta["date"],
        status=meta["status"], file=path, readable=True, reason="", created=meta["created"],
        updated=meta["updated"], parts_planned=len(agenda), parts_covered=covered,
        open_actions=open_actions, record_count=len(data["records"]),
        copy_of=meta.get("copy_of", ""),
    )


def unreadable(path: Path, reason: str) -> SessionInfo:
    """The list entry of a file that cannot be used (its id is read from the file name only)."""
    try:
        stamp = os.lstat(path).st_mtime
        mtime = _dt.datetime.fromtimestamp(stamp, _dt.UTC).replace(microsecond=0)
        updated = mtime.isoformat()
    except (OSError, ValueError, OverflowError):
        updated = ""
    return SessionInfo(
        id=id_from_file_name(path.name), title="", city="", date="", status="", file=path,
        readable=False, reason=reason, created="", updated=updated, parts_planned=0,
        parts_covered=0, open_actions=0, record_count=0,
    )


def same_id_reason(other: Path) -> str:
    return f"holds the same session id as {other.name}; rename or remove it"


def set_apart_duplicates(infos: list[SessionInfo]) -> list[SessionInfo]:
    """`infos` with every file that holds another file's session id made unreadable.

    A copy made by hand (`cp 6v33ur-kickoff.json "copy of kickoff.json"`) must never be opened,
    written or locked as the session, and two rows with one id would break every lookup by id.
    The file named the store's way wins: exactly `<id>-<slug of its title>.json`, else the one
    file shaped `<id>-<slug>.json` (a title changed since); when no single file wins, none does.
    """
    by_id: dict[str, list[SessionInfo]] = {}
    for info in infos:
        if info.readable:
            by_id.setdefault(info.id, []).append(info)
    losers: dict[Path, str] = {}
    for session_id, group in by_id.items():
        if len(group) < 2:
            continue
        winners = [i for i in group if i.file.name == session_file_name(session_id, i.title)]
        if len(winners) != 1:
            winners = [i for i in group if is_store_file_name(i.file.name, session_id)]
        winner = winners[0] if len(winners) == 1 else None
        for info in group:
            if info is winner:
                continue
            other = winner or next(i for i in group if i is not info)
            losers[info.file] = same_id_reason(other.file)
    if not losers:
        return infos
    return [unreadable(i.file, losers[i.file]) if i.file in losers else i for i in infos]


def session_files(folder: Path) -> list[Path]:
    """Every entry of `folder` named like a session file, except folders: symbolic links, pipes
    and devices are included so that listing names them as skipped."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    except OSError as error:
        message = describe_os_error(error, folder / "x", "list the folder of")
        raise StoreError(message) from None
    out = []
    for entry in entries:
        if not is_session_file_name(entry.name):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            continue
        out.append(Path(entry.path))
    return out


def load_file(path: Path) -> tuple[bytes, dict[str, Any], int]:
    """Read and validate a session file: (raw bytes, current-schema data, original schema).

    Raises FileProblem with the reason the file cannot be used.
    """
    try:
        raw = read_limited(path, MAX_SESSION_BYTES, follow_symlinks=False)
    except NotReadable as refused:
        raise FileProblem(str(refused)) from None
    except FileNotFoundError:
        raise FileProblem("the file has disappeared") from None
    except OSError as error:
        raise FileProblem(describe_os_error(error, path, "read")) from None
    if not raw.strip():
        raise FileProblem("the file is empty")
    try:
        parsed = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise FileProblem(f"not valid JSON ({error})") from None
    schema = migrate.schema_of(parsed)
    if schema < migrate.SCHEMA_VERSION:
        data, original = migrate.upgrade(parsed)
        return raw, data, original
    return raw, migrate.check(parsed), schema
