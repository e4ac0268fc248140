"""The sessions a programme report reads: store folders, session files and JSON exports, found,
validated by the store's own rules, and sorted out when the same session turns up twice.

Why a module of its own: the inputs come from several laptops or a synced folder, so they are
hostile until validated (store files through workshop.store.reading.load_file, exports through
workshop.export.json_export.validate_snapshot, the rules `workshop import` applies), the same
session may arrive twice, and two copies may have been edited apart. Files are read twice to
keep memory flat: a first quick pass learns each file's session id, the second loads one session
at a time (or one group of copies of the same session) for the caller to consolidate and drop.
No Textual, no TinyDB.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from workshop.errors import WorkshopError
from workshop.export.json_export import MAX_IMPORT_BYTES, validate_snapshot
from workshop.fileio import NotReadable, read_limited
from workshop.records import FORMAT_NAME
from workshop.store import migrate
from workshop.store.migrate import SINGLE, STORE_FORMAT, FileProblem
from workshop.store.reading import MAX_SESSION_BYTES

SUFFIX = ".json"


@dataclass(frozen=True)
class Unreadable:
    """A file left out of the report, and why (one line)."""

    path: Path
    reason: str


@dataclass
class Copy:
    """One readable copy of a session: where it is, and its snapshot once loaded."""

    path: Path
    session_id: str
    updated: str
    mtime: float
    snapshot: dict[str, Any] | None = None
    note: str = ""  # "copy in PATH" when two copies diverged and both are reported


@dataclass
class Findings:
    """What the inputs held besides sessions: the warnings the command prints, one line each."""

    unreadable: list[Unreadable] = field(default_factory=list)
    duplicates: list[tuple[str, Path, Path]] = field(default_factory=list)  # (id, kept, dropped)
    conflicts: list[tuple[str, tuple[Path, ...]]] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """One line each, in path order."""
        self.duplicates.sort(key=lambda d: (str(d[1]), str(d[2])))
        self.conflicts.sort(key=lambda c: [str(p) for p in c[1]])
        self.unreadable.sort(key=lambda u: str(u.path))
        lines = [f"warning: session {sid} is in both {kept} and {dropped}: used the newer copy, "
                 f"{kept}" for sid, kept, dropped in self.duplicates]
        lines += [f"warning: conflict: session {sid} was edited separately in "
                  f"{' and '.join(str(p) for p in paths)}: both copies are in the report, marked "
                  "by place; merge them by hand" for sid, paths in self.conflicts]
        lines += [f"warning: skipped {u.path}: {u.reason}" for u in self.unreadable]
        return lines


def find_files(paths: Sequence[Path], findings: Findings) -> list[Path]:
    """Every .json file named or inside a named folder (sub-folders too, hidden ones and the
    store's own .trash/.backup/.locks excepted), in a stable order. Symbolic links are listed as
    skipped, never followed; a missing path is listed as unreadable."""
    out: list[Path] = []
    for given in paths:
        if os.path.islink(given):
            findings.unreadable.append(Unreadable(given, "a symbolic link; not followed"))
        elif given.is_dir():
            for root, dirs, files in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.endswith(SUFFIX) and not name.startswith("."):
                        path = Path(root) / name
                        if os.path.islink(path):
                            findings.unreadable.append(
                                Unreadable(path, "a symbolic link; not followed"))
                        else:
                            out.append(path)
        elif given.exists():
            out.append(given)
        else:
            findings.unreadable.append(Unreadable(given, "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for path in out:  # a file named twice (a folder and a file in it) is read once
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _read(path: Path) -> Any:
    try:
        raw = read_limited(path, MAX_SESSION_BYTES, follow_symlinks=False)
    except NotReadable as refused:
        raise FileProblem(str(refused)) from None
    except FileNotFoundError:
        raise FileProblem("the file has disappeared") from None
    except OSError as error:
        raise FileProblem(f"cannot read it ({error.strerror or error})") from None
    if not raw.strip():
        raise FileProblem("the file is empty")
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise FileProblem(f"not valid JSON ({error})") from None


def peek(path: Path) -> Copy | Unreadable:
    """The session id and last change a file claims (checked properly when it is loaded)."""
    try:
        return _peek(path)
    except FileProblem as problem:
        return Unreadable(path, str(problem))


#: The start of a session file as the store writes it (orjson, tables in order): its id can be
#: read there without parsing the whole file. Anything else is parsed; the id is checked again
#: when the file is loaded.
_STORE_HEAD = re.compile(rb'\{"store":\{"1":\{"format":"workshop-session-store","schema":[0-9]+,'
                         rb'"id":"([a-z2-7]{1,40})"')


def _peek(path: Path) -> Copy:
    head = None
    try:
        info = os.stat(path, follow_symlinks=False)
        mtime = info.st_mtime
        if stat.S_ISREG(info.st_mode):  # never open a pipe or a device (it could block)
            with open(path, "rb") as file:
                head = _STORE_HEAD.match(file.read(256))
    except OSError:
        mtime = 0.0
    if head is not None:
        return Copy(path, head.group(1).decode("ascii"), "", mtime)
    data = _read(path)
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        meta = data.get("session")
        sid = meta.get("id") if isinstance(meta, dict) else None
        updated = meta.get("updated") if isinstance(meta, dict) else None
    elif isinstance(data, dict) and isinstance(data.get("store"), dict):
        head = data["store"].get(SINGLE)
        sid = head.get("id") if isinstance(head, dict) else None
        meta = data.get("session", {}).get(SINGLE) if isinstance(data.get("session"), dict) \
            else None
        updated = meta.get("updated") if isinstance(meta, dict) else None
        if not isinstance(head, dict) or head.get("format") != STORE_FORMAT:
            raise FileProblem("not a session file or a session export")
    else:
        raise FileProblem("not a session file or a session export")
    return Copy(path, sid if isinstance(sid, str) and sid else f"?{path}",
                updated if isinstance(updated, str) else "", mtime)


def snapshot_of_store_data(data: dict[str, Any]) -> dict[str, Any]:
    """A validated store file's data in the snapshot shape (workshop.records), as
    Session.snapshot gives it, without opening or locking the session."""

    def ordered(table: str) -> list[dict[str, Any]]:
        docs = data[table]
        return [docs[key] for key in sorted(docs, key=int)]

    return {
        "format": FORMAT_NAME, "format_version": 1,
        "session": {**data["session"][SINGLE], "id": data["store"][SINGLE]["id"]},
        "agenda": data["agenda"][SINGLE]["items"],
        "participants": ordered("participants"),
        "records": ordered("records"),
        "ui": {},
    }


def load(path: Path) -> dict[str, Any]:
    """A session file or export as a validated snapshot; FileProblem naming why not.

    Exports are checked as `workshop import` checks them, store files as the store checks them
    on open (workshop.store.migrate; an older schema is upgraded in memory, never written)."""
    data = _read(path)
    if isinstance(data, dict) and data.get("format") == FORMAT_NAME:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > MAX_IMPORT_BYTES:
            raise FileProblem(f"an export of more than {MAX_IMPORT_BYTES >> 20} MB")
        try:
            return validate_snapshot(data, path.name)
        except WorkshopError as error:
            raise FileProblem(str(error).removeprefix(f"{path.name}: ")) from None
    if migrate.schema_of(data) < migrate.SCHEMA_VERSION:
        data, _ = migrate.upgrade(data)
    else:
        data = migrate.check(data)
    return snapshot_of_store_data(data)


def _records(snapshot: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in snapshot["records"]}


def contains(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether copy `a` holds every change made in copy `b`.

    The copies' common past is estimated as the latest change they share (a record the same in
    both). A record of `b` missing from `a` is a change of `b` when it was created after that
    (else `a` deleted it); a record in both but different is `b`'s change when `b` touched it
    later. People have no times: one only `b` has is `b`'s change; one that differs is put down
    to the copy changed last."""
    ra, rb = _records(a), _records(b)
    shared = [r["updated"] for rid, r in rb.items() if ra.get(rid) == r]
    split = max(shared, default=b["session"].get("created", ""))
    for rid, rec in rb.items():
        other = ra.get(rid)
        if other is None:
            if rec["created"] >= split:  # same second: a change, not a deletion (safe side)
                return False
        elif other != rec and rec["updated"] >= other["updated"]:
            return False
    people_a = {p["id"]: p for p in a["participants"]}
    b_later = b["session"]["updated"] > a["session"]["updated"]
    return not (b_later and any(people_a.get(p["id"]) != p for p in b["participants"]))


def _newest_first(copies: list[Copy]) -> list[Copy]:
    return sorted(copies, key=lambda c: (c.updated, c.mtime), reverse=True)


def settle(copies: list[Copy], findings: Findings) -> list[Copy]:
    """The copies of one session to report: the newest one that holds every other's changes,
    else (diverged) every copy no other copy holds, each marked by its place."""
    loaded = []
    for c in copies:
        try:
            c.snapshot = load(c.path)
            if c.snapshot["session"]["id"] != c.session_id and not c.session_id.startswith("?"):
                c.snapshot = None
                raise FileProblem("its session id is written twice, differently")
            c.updated = c.snapshot["session"]["updated"]
            loaded.append(c)
        except FileProblem as problem:
            findings.unreadable.append(Unreadable(c.path, str(problem)))
    if len(loaded) < 2:
        return loaded
    kept: list[Copy] = []
    for c in _newest_first(loaded):
        holder = next((k for k in kept if k.snapshot == c.snapshot
                       or contains(k.snapshot, c.snapshot)), None)
        if holder is not None:
            findings.duplicates.append((c.session_id, holder.path, c.path))
            c.snapshot = None
            continue
        held = [k for k in kept if contains(c.snapshot, k.snapshot)]  # older, yet holds more
        for k in held:
            findings.duplicates.append((c.session_id, c.path, k.path))
            kept.remove(k)
            k.snapshot = None
        kept.append(c)
    if len(kept) > 1:
        findings.conflicts.append((kept[0].session_id, tuple(c.path for c in kept)))
        for c in kept:
            c.note = f"copy in {c.path}"
    return kept
