"""One open workshop session: validated changes, each durable before the call returns, with undo.

Reads come straight from the in-memory data of the DurableStorage; writes go through TinyDB tables
inside one storage transaction per change, so a change, its undo journal entry and the session's
"updated" time reach the disk together in a single atomic file replace.

Undo (session_undo) and the ui state and drafts (session_state) are mixins in modules of their
own. Time tracking, ui state and drafts are durable but not undoable.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from workshop.errors import WorkshopError
from workshop.records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_LABELS,
    normalise_agenda_item,
    normalise_participant,
    normalise_record,
    normalise_session_meta,
    now_iso,
    record_title,
)

from .copies import copy_json as _copy
from .copies import copy_records as _copy_records
from .lock import SessionLock
from .migrate import SINGLE
from .naming import new_record_id
from .session_state import SessionState
from .session_undo import UndoJournal
from .storage import DurableStorage, StoreError

_FIXED_RECORD_FIELDS = ("id", "no", "kind", "created", "updated")
_FIXED_META_FIELDS = ("id", "created", "updated")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Session(UndoJournal, SessionState):
    """An open session. Use as a context manager; close() releases the lock."""

    def __init__(self, path: Path, storage: DurableStorage, lock: SessionLock | None,
                 *, lock_message: str = "", notice: str = "",
                 known_parts: frozenset[str] | None = None) -> None:
        self.path = path
        self._storage = storage
        self._lock = lock
        self.readonly = storage.readonly
        self.lock_message = lock_message
        self.notice = notice  # e.g. "recovered a lock left by a crashed process"
        self._known_parts = known_parts
        self._db = TinyDB(storage=lambda: storage)
        self._mutex = threading.RLock()
        self._index: dict[str, int] | None = None  # record id -> TinyDB doc id
        self.closed = False

    # lifecycle ------------------------------------------------------------------------------------
    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the lock. Every change is already on disk, so nothing is flushed here."""
        if self.closed:
            return
        self.closed = True
        self._db.close()
        if self._lock is not None:
            self._lock.release()

    def __repr__(self) -> str:
        mode = " read-only" if self.readonly else ""
        return f"<Session {self.id} {self.meta.get('title', '')!r}{mode}>"

    # reading --------------------------------------------------------------------------------------
    @property
    def _data(self) -> dict[str, Any]:
        return self._storage.read()

    @property
    def id(self) -> str:
        return self._data["store"][SINGLE]["id"]

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self._data["session"][SINGLE])

    @property
    def agenda(self) -> list[dict[str, Any]]:
        return [dict(item) for item in self._data["agenda"][SINGLE]["items"]]

    @property
    def participants(self) -> list[dict[str, Any]]:
        return _copy(self._sorted("participants"))

    def participant(self, participant_id: str) -> dict[str, Any]:
        return _copy(self._data["participants"][str(self._participant_doc(participant_id))])

    def records(self, kind: str | None = None, part: str | None = None, *,
                device: str | None = None) -> list[dict[str, Any]]:
        """Records oldest first, optionally only one kind, one part and/or one room device
        (filtered before copying, so the room's per-phone checks stay cheap)."""
        chosen = [
            doc for doc in self._sorted("records")
            if (kind is None or doc["kind"] == kind) and (part is None or doc["part"] == part)
            and (device is None or doc.get("device") == device)
        ]
        return _copy_records(chosen)

    def record(self, record_id: str) -> dict[str, Any]:
        return _copy(self._data["records"][str(self._record_doc(record_id))])

    def snapshot(self) -> dict[str, Any]:
        """The whole session in the documented snapshot format (see workshop.records)."""
        data = self._data
        copied = _copy({
            "session": data["session"][SINGLE],
            "agenda": data["agenda"][SINGLE]["items"],
            "participants": self._sorted("participants"),
            "ui": data["state"][SINGLE]["ui"],
        })
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "session": copied["session"],
            "agenda": copied["agenda"],
            "participants": copied["participants"],
            "records": _copy_records(self._sorted("records")),
            "ui": copied["ui"],
        }

    def _sorted(self, table: str) -> list[dict[str, Any]]:
        docs = self._data[table]
        return [docs[key] for key in sorted(docs, key=int)]

    def _record_doc(self, record_id: str) -> int:
        if self._index is None:
            self._index = {doc["id"]: int(key) for key, doc in self._data["records"].items()}
        doc_id = self._index.get(record_id)
        if doc_id is None or str(doc_id) not in self._data["records"]:
            self._index = None
            raise StoreError(f"no record {record_id!r} in this session (deleted or undone?)")
        return doc_id

    def _participant_doc(self, participant_id: str) -> int:
        for key, doc in self._data["participants"].items():
            if doc["id"] == participant_id:
                return int(key)
        raise StoreError(f"no participant {participant_id!r} in this session")

    # changing -------------------------------------------------------------------------------------
    def _check_part(self, part: str) -> None:
        if not part:
            raise WorkshopError("a record needs a part id, e.g. B3")
        if self._known_parts is not None and part not in self._known_parts:
            known = ", ".join(sorted(self._known_parts))
            raise WorkshopError(f"unknown part {part!r}: use one of {known}")

    def _writable(self) -> None:
        if self.closed:
            raise StoreError("this session has been closed; open it again to make changes")
        if self.readonly:
            raise StoreError(self.lock_message or f"{self.path.name} is open read-only")

    def _change(self, label: str, apply: Callable[[], list[tuple[str, int, Any]]]) -> None:
        """Apply one undoable change durably. `apply` makes the TinyDB writes and returns the
        before-images [(table, doc_id, doc or None)] that undo restores."""
        self._writable()
        with self._mutex:
            try:
                with self._storage.transaction():
                    befores = apply()
                    if not befores:
                        return
                    self._journal(label, befores)
                    self._touch()
            except BaseException:  # (also a failed save: the storage rolled the data back)
                self._index = None
                raise

    @contextmanager
    def batch(self, *, defer: bool = False) -> Iterator[list[Callable[[], None]]]:
        """Group commit: every change made inside reaches the disk in ONE atomic write when the
        block ends (each keeps its own undo entry); an exception rolls all of them back.

        With defer=True the write is left to the caller: the list yielded then holds one
        function that writes it (StoreError on failure), e.g. run in a thread so an event loop
        keeps serving while the disk syncs; nothing is durable until it has returned."""
        self._writable()
        pending: list[Callable[[], None]] = []
        with self._mutex:
            try:
                with self._storage.transaction(defer=pending if defer else None):
                    yield pending
            except BaseException:
                self._index = None
                raise

    def _plain(self, label: str, apply: Callable[[], None], touch: bool = True) -> None:
        """Apply one durable change that is not undoable."""
        self._writable()
        with self._mutex, self._storage.transaction():
            apply()
            if touch:
                self._touch()

    def _touch(self) -> None:
        stamp = now_iso()
        self._db.table("session").update({"updated": stamp}, doc_ids=[int(SINGLE)])

    def _before(self, table: str, doc_id: int) -> tuple[str, int, Any]:
        doc = self._data[table].get(str(doc_id))
        return (table, doc_id, None if doc is None else _copy(doc))

    def _replace(self, table: str, doc_id: int, doc: dict[str, Any]) -> None:
        def replace(current: dict[str, Any]) -> None:
            current.clear()
            current.update(doc)

        self._db.table(table).update(replace, doc_ids=[doc_id])

    # session metadata and agenda ------------------------------------------------------------------
    def update_meta(self, **fields: Any) -> dict[str, Any]:
        """Change title, city, date, venue, facilitator, purpose or status."""
        fixed = set(fields) & set(_FIXED_META_FIELDS)
        if fixed:
            raise WorkshopError(f"session field(s) {', '.join(sorted(fixed))} cannot be changed")
        current = self._data["session"][SINGLE]
        new = normalise_session_meta({**current, **fields})

        def apply() -> list[tuple[str, int, Any]]:
            if new == current:
                return []
            before = self._before("session", 1)
            self._replace("session", 1, new)
            return [before]

        names = ", ".join(sorted(fields)) or "details"
        self._change(f"edit session {names}", apply)
        return self.meta

    def set_agenda(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Replace the agenda: [{"part", "timebox", "spent"}]; time already spent on a part that
        stays is kept when "spent" is not given."""
        spent = {item["part"]: item["spent"] for item in self._data["agenda"][SINGLE]["items"]}
        new_items = []
        for item in items:
            if not isinstance(item, dict):
                raise WorkshopError("an agenda item must be like {'part': 'B3', 'timebox': 20}")
            merged = {"spent": spent.get(item.get("part", ""), 0), **item}
            new_items.append(normalise_agenda_item(merged))
            self._check_part(new_items[-1]["part"])
        parts = [item["part"] for item in new_items]
        duplicates = sorted({p for p in parts if parts.count(p) > 1})
        if duplicates:
            raise WorkshopError(f"agenda lists {', '.join(duplicates)} twice: each part once")

        def apply() -> list[tuple[str, int, Any]]:
            if new_items == self._data["agenda"][SINGLE]["items"]:
                return []
            before = self._before("agenda", 1)
            self._replace("agenda", 1, {"items": new_items})
            return [before]

        self._change("change agenda", apply)
        return self.agenda

    def add_time(self, part: str, seconds: int) -> None:
        """Accumulate seconds spent on a part (added to the agenda if missing). Not undoable."""
        if not isinstance(seconds, int) or isinstance(seconds, bool) or seconds < 0:
            raise WorkshopError(f"time spent must be whole seconds >= 0, got {seconds!r}")
        self._check_part(part)
        if seconds == 0:
            return
        items = [dict(item) for item in self._data["agenda"][SINGLE]["items"]]
        for item in items:
            if item["part"] == part:
                item["spent"] += seconds
                break
        else:
            items.append({"part": part, "timebox": 0, "spent": seconds})

        def apply() -> None:
            self._replace("agenda", 1, {"items": items})
            self._start_if_planned()

        self._plain("time", apply)

    def _start_if_planned(self) -> list[tuple[str, int, Any]]:
        """First time spent or first record captured: a planned session is now in progress
        (the facilitator can still set any status in the setup screen). Returns the
        before-image for undo when the status changed."""
        current = self._data["session"][SINGLE]
        if current.get("status") != "planned":
            return []
        before = self._before("session", 1)
        self._replace("session", 1, {**current, "status": "in progress"})
        return [before]

    # participants ---------------------------------------------------------------------------------
    def add_participant(self, **fields: Any) -> dict[str, Any]:
        if "id" in fields:
            raise WorkshopError("participant ids are given by the store")
        taken = {doc["id"] for doc in self._data["participants"].values()}
        person = normalise_participant({**fields, "id": new_record_id(taken, "p")})
        if not person["name"].strip():
            raise WorkshopError("a participant needs a name (or a label such as 'Table 3')")

        def apply() -> list[tuple[str, int, Any]]:
            doc_id = self._db.table("participants").insert(person)
            return [("participants", doc_id, None)]

        self._change(f"add participant {_short(person['name'], 30)}", apply)
        return _copy(person)

    def update_participant(self, participant_id: str, **fields: Any) -> dict[str, Any]:
        if "id" in fields and fields["id"] != participant_id:
            raise WorkshopError("a participant's id cannot be changed")
        doc_id = self._participant_doc(participant_id)
        current = self._data["participants"][str(doc_id)]
        new = normalise_participant({**current, **fields})
        if not new["name"].strip():
            raise WorkshopError("a participant needs a name (or a label such as 'Table 3')")

        def apply() -> list[tuple[str, int, Any]]:
            if new == current:
                return []
            before = self._before("participants", doc_id)
            self._replace("participants", doc_id, new)
            return [before]

        self._change(f"edit participant {_short(new['name'], 30)}", apply)
        return _copy(new)

    def remove_participant(self, participant_id: str) -> None:
        doc_id = self._participant_doc(participant_id)
        name = self._data["participants"][str(doc_id)]["name"]

        def apply() -> list[tuple[str, int, Any]]:
            before = self._before("participants", doc_id)
            self._db.table("participants").remove(doc_ids=[doc_id])
            return [before]

        self._change(f"remove participant {_short(name, 30)}", apply)

    # records --------------------------------------------------------------------------------------
    def add_record(self, kind: str, part: str, **fields: Any) -> dict[str, Any]:
        """Add a note, idea, rating, ... to a part; returns the stored record (with id and no)."""
        fixed = set(fields) & set(_FIXED_RECORD_FIELDS)
        if fixed:
            raise WorkshopError(f"record field(s) {', '.join(sorted(fixed))} are set by the store")
        self._check_part(part)
        if self._index is None:
            self._record_doc_index()
        counters = self._data["store"][SINGLE]["counters"]
        stamp = now_iso()
        record = normalise_record({
            **fields, "kind": kind, "part": part, "id": new_record_id(self._index or {}),
            "no": counters.get(kind, 0) + 1, "created": stamp, "updated": stamp,
        })

        def apply() -> list[tuple[str, int, Any]]:
            head_before = self._before("store", 1)
            head = _copy(self._data["store"][SINGLE])
            head["counters"][kind] = record["no"]
            self._replace("store", 1, head)
            doc_id = self._db.table("records").insert(record)
            if self._index is not None:
                self._index[record["id"]] = doc_id
            # carried over is not captured here; undo of the record restores "planned" too
            started = [] if record.get("origin") else self._start_if_planned()
            return [*started, head_before, ("records", doc_id, None)]

        self._change(f"add {KIND_LABELS[kind].lower()} {record['no']}", apply)
        return _copy(record)  # (the stored record shares its lists with `record`)

    def _record_doc_index(self) -> None:
        self._index = {doc["id"]: int(key) for key, doc in self._data["records"].items()}

    def update_record(self, record_id: str, **fields: Any) -> dict[str, Any]:
        """Change some fields of a record (its id, number, kind and created time stay)."""
        doc_id = self._record_doc(record_id)
        current = self._data["records"][str(doc_id)]
        changed_fixed = [f for f in _FIXED_RECORD_FIELDS if f in fields and fields[f] != current[f]]
        if changed_fixed:
            raise WorkshopError(f"record field(s) {', '.join(changed_fixed)} cannot be changed")
        if "part" in fields:
            self._check_part(fields["part"])
        candidate = normalise_record({**current, **fields})
        if candidate == current:
            return _copy(current)
        new = {**candidate, "updated": now_iso()}

        def apply() -> list[tuple[str, int, Any]]:
            before = self._before("records", doc_id)
            self._replace("records", doc_id, new)
            return [before]

        self._change(f"edit {KIND_LABELS[new['kind']].lower()} {new['no']}", apply)
        return _copy(new)

    def update_records(self, changes: dict[str, dict[str, Any]], *, label: str
                       ) -> list[dict[str, Any]]:
        """Change several records as ONE undoable change (a merge moves the votes and hides the
        duplicate; one undo brings all of it back). Every record is checked before any is
        written; returns the records as stored, in the order given."""
        planned: list[tuple[int, dict[str, Any]]] = []
        for record_id, fields in changes.items():
            doc_id = self._record_doc(record_id)
            current = self._data["records"][str(doc_id)]
            fixed = [f for f in _FIXED_RECORD_FIELDS if f in fields and fields[f] != current[f]]
            if fixed:
                raise WorkshopError(f"record field(s) {', '.join(fixed)} cannot be changed")
            if "part" in fields:
                self._check_part(fields["part"])
            candidate = normalise_record({**current, **fields})
            planned.append((doc_id, candidate if candidate == current
                            else {**candidate, "updated": now_iso()}))

        def apply() -> list[tuple[str, int, Any]]:
            befores = []
            for doc_id, new in planned:
                if new != self._data["records"][str(doc_id)]:
                    befores.append(self._before("records", doc_id))
                    self._replace("records", doc_id, new)
            return befores

        self._change(label, apply)
        return [_copy(new) for _doc_id, new in planned]

    def delete_record(self, record_id: str) -> None:
        """Delete a record, and the votes cast on it (undo brings them all back)."""
        doc_id = self._record_doc(record_id)
        current = self._data["records"][str(doc_id)]
        doomed = [doc_id] + [
            int(key) for key, doc in self._data["records"].items()
            if doc["kind"] == "vote" and doc["target"] == record_id
        ]

        def apply() -> list[tuple[str, int, Any]]:
            befores = [self._before("records", d) for d in doomed]
            self._db.table("records").remove(doc_ids=doomed)
            self._index = None
            return befores

        label = f"delete {KIND_LABELS[current['kind']].lower()} {current['no']}"
        self._change(label, apply)

    # helpers for people ---------------------------------------------------------------------------
    def describe(self, record: dict[str, Any]) -> str:
        """E.g. "action 7: Publish the open data charter"."""
        label = KIND_LABELS[record["kind"]].lower()
        return f"{label} {record['no']}: {_short(record_title(record), 60)}"
