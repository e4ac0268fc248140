"""The session's undo journal: what undo would do next, writing an entry, and undoing.

The journal lives in the session file (table "journal", capped at UNDO_LIMIT entries), so undo
survives a restart. Each entry holds before-images of the documents a change touched; undoing
restores them. A mixin of Session, kept apart so session.py stays about validated changes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.table import Document

from workshop.errors import WorkshopError
from workshop.records import now_iso

from .copies import copy_json as _copy
from .migrate import SINGLE, normalise_undo_entry
from .storage import DurableStorage, StoreError

if TYPE_CHECKING:
    from collections.abc import Callable

UNDO_LIMIT = 500


class UndoJournal:
    """Undo for Session (which provides the storage, the TinyDB tables and the writes used)."""

    path: Path
    _storage: DurableStorage
    _db: TinyDB
    _mutex: threading.RLock
    _index: dict[str, int] | None
    _data: dict[str, Any]
    id: str
    _writable: Callable[[], None]
    _touch: Callable[[], None]
    _replace: Callable[[str, int, dict[str, Any]], None]

    @property
    def undo_label(self) -> str:
        """What undo() would undo next, e.g. "add note 3" ("" when nothing)."""
        journal = self._data["journal"]
        if not journal:
            return ""
        entry = journal[max(journal, key=int)]
        label = entry.get("label") if isinstance(entry, dict) else None
        return label if isinstance(label, str) else "a damaged change"

    def next_undo(self) -> tuple[str, frozenset[str], list[dict[str, Any]]]:
        """What undo() would change next: (label, the tables it restores, the records it brings
        back or removes, as they were or are now). ("", frozenset(), []) when nothing; the
        walkthrough uses it to undo captured records only, never setup changes."""
        journal = self._data["journal"]
        if not journal:
            return "", frozenset(), []
        try:
            label, changes = normalise_undo_entry(journal[max(journal, key=int)], self.id)
        except WorkshopError:
            return self.undo_label, frozenset({"?"}), []
        records = []
        for table, doc_id, before in changes:
            if table == "records":
                doc = before if before is not None else self._data["records"].get(str(doc_id))
                if doc is not None:
                    records.append(_copy(doc))
        return label, frozenset(table for table, _d, _b in changes), records

    @property
    def undo_depth(self) -> int:
        return len(self._data["journal"])

    def _journal(self, label: str, befores: list[tuple[str, int, Any]]) -> None:
        journal = self._db.table("journal")
        journal.insert({"label": label, "at": now_iso(),
                        "changes": [[t, d, _copy(b)] for t, d, b in befores]})
        keys = self._data["journal"]
        if len(keys) > UNDO_LIMIT:
            oldest = sorted(keys, key=int)[: len(keys) - UNDO_LIMIT]
            journal.remove(doc_ids=[int(k) for k in oldest])

    def undo(self, n: int = 1) -> list[str]:
        """Undo the last `n` changes; returns what was undone, newest first ([] if nothing)."""
        self._writable()
        with self._mutex:
            try:
                return self._undo(n)
            finally:  # restored and removed records moved; rebuilt on next use
                self._index = None

    def _undo(self, n: int) -> list[str]:
        done: list[str] = []
        with self._storage.transaction():
            journal = self._db.table("journal")
            for _ in range(max(0, n)):
                keys = self._data["journal"]
                if not keys:
                    break
                last = max(keys, key=int)
                try:
                    label, changes = normalise_undo_entry(keys[last], self.id)
                except WorkshopError as error:  # (the transaction rolls back what was undone)
                    raise StoreError(
                        f"cannot undo: the undo history of {self.path.name} is damaged "
                        f"({error}); nothing was changed"
                    ) from None
                for table, doc_id, before in reversed(changes):
                    self._restore(table, doc_id, before)
                journal.remove(doc_ids=[int(last)])
                done.append(label)
            if done:
                self._touch()
        return done

    def _restore(self, table: str, doc_id: int, before: dict[str, Any] | None) -> None:
        """Write one before-image back; `before` comes from normalise_undo_entry (validated)."""
        exists = str(doc_id) in self._data[table]
        if table == "agenda" and before is not None:
            # time tracking is not undoable: keep the time spent since
            spent = {i.get("part"): i.get("spent", 0)
                     for i in self._data["agenda"][SINGLE]["items"]}
            before = {"items": [{**i, "spent": spent.get(i["part"], i["spent"])}
                                for i in before["items"]]}
        if table == "session" and before is not None:
            before = {**before, "updated": self._data["session"][SINGLE].get("updated", "")}
        if before is None:
            if exists:
                self._db.table(table).remove(doc_ids=[doc_id])
        elif exists:
            self._replace(table, doc_id, before)
        else:
            self._db.table(table).insert(Document(before, doc_id=doc_id))
