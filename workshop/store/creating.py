"""Creating sessions in the folder: new, duplicated from another, or imported from a snapshot.

An import is hostile data: every part goes through the store's own normalisers (workshop.records)
and the guide's part ids before a file is written. A mixin of SessionStore, kept apart so core.py
stays about listing, opening and deleting.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from workshop.errors import WorkshopError
from workshop.paths import trash_dir
from workshop.records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    normalise_agenda_item,
    normalise_participant,
    normalise_record,
    normalise_session_meta,
    now_iso,
)

from . import migrate
from .migrate import SINGLE
from .naming import id_from_file_name, is_session_id, new_session_id, session_path
from .session import Session
from .storage import (
    DurableStorage,
    StoreError,
    describe_os_error,
    ensure_private_dir,
    write_atomically,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from .lock import SessionLock


def _fresh_data(session_id: str, meta: dict[str, Any], agenda: list[dict[str, Any]],
                participants: list[dict[str, Any]], records: list[dict[str, Any]],
                ui: dict[str, Any]) -> dict[str, Any]:
    counters: dict[str, int] = {}
    for record in records:
        counters[record["kind"]] = max(counters.get(record["kind"], 0), record["no"])
    return {
        "store": {SINGLE: {"format": migrate.STORE_FORMAT, "schema": migrate.SCHEMA_VERSION,
                           "id": session_id, "counters": counters}},
        "session": {SINGLE: meta},
        "agenda": {SINGLE: {"items": agenda}},
        "participants": {str(i): p for i, p in enumerate(participants, 1)},
        "records": {str(i): r for i, r in enumerate(records, 1)},
        "journal": {},
        "state": {SINGLE: {"ui": ui, "drafts": {}}},
    }


class SessionCreation:
    """create, duplicate and import_snapshot for SessionStore (which provides the folder, the
    known parts, locks and reading)."""

    folder: Path
    known_parts: frozenset[str] | None
    _files: Callable[[], list[Path]]
    _lock: Callable[[str], SessionLock]
    _read_data: Callable[[str], dict[str, Any]]

    def _taken_ids(self) -> set[str]:
        taken = {id_from_file_name(p.name) for p in self._files()}
        trash = trash_dir(self.folder)
        if trash.is_dir():
            try:
                taken |= {id_from_file_name(name) for name in os.listdir(trash)}
            except OSError as error:
                raise StoreError(describe_os_error(error, trash, "list the ids in")) from None
        return taken

    def _create(self, meta: dict[str, Any], agenda: list[dict[str, Any]],
                participants: list[dict[str, Any]], records: list[dict[str, Any]],
                ui: dict[str, Any], preferred_id: str = "", copy_of: str = "") -> Session:
        ensure_private_dir(self.folder)
        taken = self._taken_ids()
        if is_session_id(preferred_id) and preferred_id not in taken:
            session_id = preferred_id  # an import keeps its id when it can: round trips stay exact
        else:
            session_id = new_session_id(taken)
        # a copy names its original (never itself): how a second import is recognised
        meta = {**meta, "id": session_id, "copy_of": "" if copy_of == session_id else copy_of}
        path = session_path(self.folder, session_id, meta["title"])
        data = _fresh_data(session_id, meta, agenda, participants, records, ui)
        lock = self._lock(session_id)
        try:
            owner = lock.acquire()
        except OSError as error:  # e.g. a read-only folder or medium
            raise StoreError(describe_os_error(error, path, "create")) from None
        if owner is not None:  # pragma: no cover - a fresh random id
            raise StoreError(f"session id {session_id} is in use; try again")
        try:
            payload = orjson.dumps(data)
            write_atomically(path, payload)
        except OSError as error:
            lock.release()
            raise StoreError(describe_os_error(error, path, "create")) from None
        storage = DurableStorage(path, payload, data=orjson.loads(payload))
        return Session(path, storage, lock, known_parts=self.known_parts)

    def _check_parts(self, parts: Iterable[str]) -> None:
        if self.known_parts is None:
            return
        unknown = sorted({p for p in parts if p not in self.known_parts})
        if unknown:
            raise WorkshopError(f"unknown part id(s) {', '.join(unknown)}: use "
                                f"{', '.join(sorted(self.known_parts))}")

    def create(self, title: str, *, city: str = "", date: str = "", venue: str = "",
               facilitator: str = "", purpose: str = "",
               agenda: Iterable[dict[str, Any]] = ()) -> Session:
        """A new session, opened and locked."""
        stamp = now_iso()
        meta = normalise_session_meta({
            "title": title, "city": city, "date": date, "venue": venue,
            "facilitator": facilitator, "purpose": purpose, "status": "planned",
            "created": stamp, "updated": stamp,
        })
        items = [normalise_agenda_item({"spent": 0, **item}) for item in agenda]
        self._check_agenda(items)
        return self._create(meta, items, [], [], {})

    def _check_agenda(self, items: list[dict[str, Any]]) -> None:
        parts = [item["part"] for item in items]
        self._check_parts(parts)
        duplicates = sorted({p for p in parts if parts.count(p) > 1})
        if duplicates:
            raise WorkshopError(f"agenda lists {', '.join(duplicates)} twice: each part once")

    def duplicate(self, ref: str, title: str) -> Session:
        """A new planned session from another's details, agenda and participants (no records)."""
        data = self._read_data(ref)
        stamp = now_iso()
        meta = normalise_session_meta({**data["session"][SINGLE], "title": title,
                                       "status": "planned", "created": stamp, "updated": stamp})
        agenda = [{**item, "spent": 0} for item in data["agenda"][SINGLE]["items"]]
        people = [data["participants"][k] for k in sorted(data["participants"], key=int)]
        return self._create(meta, agenda, people, [], {})

    def import_snapshot(self, snapshot: dict[str, Any]) -> Session:
        """A new session holding exactly the snapshot's contents.

        It keeps the exported id unless a session (or a trashed one) in this store already has it.
        Either way its `copy_of` names the original session (the export's `copy_of`, else the
        export's id) unless it is that original's id itself.
        """
        if not isinstance(snapshot, dict) or snapshot.get("format") != FORMAT_NAME:
            raise WorkshopError(f"not a workshop session export (expected format {FORMAT_NAME!r})")
        version = snapshot.get("format_version")
        if not isinstance(version, int) or isinstance(version, bool):
            raise WorkshopError("session export has no format_version")
        if version > FORMAT_VERSION:
            raise WorkshopError(f"this export is format {version}, newer than this workshop "
                                f"understands ({FORMAT_VERSION}); update workshop")
        parts = {}
        for name, typ in (("session", dict), ("agenda", list), ("participants", list),
                          ("records", list), ("ui", dict)):
            value = snapshot.get(name, {} if typ is dict else [])
            if not isinstance(value, typ):
                raise WorkshopError(f"session export: {name!r} must be a {typ.__name__}")
            parts[name] = value
        stamp = now_iso()
        meta = normalise_session_meta({"created": stamp, "updated": stamp, **parts["session"]})
        agenda = []
        for item in parts["agenda"]:
            if not isinstance(item, dict):
                raise WorkshopError("session export: an agenda item is not an object")
            agenda.append(normalise_agenda_item(item))
        self._check_agenda(agenda)
        people, records = [], []
        seen: set[str] = set()
        for kind, items, out, norm in (("participant", parts["participants"], people,
                                        normalise_participant),
                                       ("record", parts["records"], records, normalise_record)):
            for item in items:
                if not isinstance(item, dict):
                    raise WorkshopError(f"session export: a {kind} is not an object")
                clean = norm(item)
                if not clean["id"] or clean["id"] in seen:
                    raise WorkshopError(
                        f"session export: {kind} id {clean['id']!r} is missing or repeated"
                    )
                seen.add(clean["id"])
                out.append(clean)
        self._check_parts(r["part"] for r in records)
        try:
            ui = orjson.loads(orjson.dumps(parts["ui"]))
        except TypeError:
            ui = {}
        preferred = parts["session"].get("id")
        preferred = preferred if is_session_id(preferred) else ""
        return self._create(meta, agenda, people, records, ui, preferred_id=preferred,
                            copy_of=meta["copy_of"] or preferred)
