"""The sessions folder: list, resolve, open, delete and read sessions.

Creating, duplicating and importing sessions (creating.SessionCreation) is a mixin of its own."""

from __future__ import annotations

import datetime as _dt
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson

from workshop.errors import WorkshopError
from workshop.fileio import fsync_dir, tighten_dir
from workshop.paths import trash_dir

from . import migrate
from .creating import SessionCreation
from .index import COUNT_FIELDS, TEXT_FIELDS, Identity, identity, indexable, read_index, write_index
from .lock import SessionLock, lock_problem
from .migrate import SINGLE, FileProblem
from .naming import ID_SHAPE, is_session_id
from .reading import (
    SessionInfo,
    info_from_data,
    load_file,
    session_files,
    set_apart_duplicates,
    unreadable,
)
from .session import Session
from .storage import (
    FILE_MODE,
    DurableStorage,
    StoreError,
    describe_os_error,
    inside,
    private_subdir,
    remove_stale_temp_files,
    write_atomically,
)
from .trash import free_trash_name

LOCKS = ".locks"
_Data = dict[str, Any]
BACKUPS = ".backup"
INDEXED_FIELDS = (*TEXT_FIELDS, *COUNT_FIELDS)


class SessionStore(SessionCreation):
    """All sessions in one folder (created 0700 on first write)."""

    def __init__(self, folder: Path | str, *,
                 known_parts: Iterable[str] | Callable[[], Iterable[str]] | None = None) -> None:
        """`known_parts` may be a function, called on first need (listing never needs it), so the
        app can show the list before the guide is loaded."""
        self.folder = Path(folder)
        self._known_parts_source = known_parts
        self._known_parts: frozenset[str] | None = None
        self._cache: dict[Path, tuple[Identity, SessionInfo, _Data | None]] = {}

    @property
    def known_parts(self) -> frozenset[str] | None:
        """Part ids sessions may use (None: any)."""
        source = self._known_parts_source
        if source is None:
            return None
        if self._known_parts is None:
            self._known_parts = frozenset(source() if callable(source) else source)
        return self._known_parts

    # listing and resolving ----------------------------------------------------------------------
    def _files(self) -> list[Path]:
        return session_files(self.folder)

    def _inspect(self, path: Path, *, need_data: bool = False,
                 index: dict[str, tuple[Identity, dict[str, Any]]] | None = None,
                 ) -> tuple[SessionInfo, dict[str, Any] | None, Identity | None]:
        """Info (and data when asked and readable) for one file, cached while it is unchanged.

        Without `need_data` an index entry whose file identity still matches stands in for reading
        and validating the file."""
        try:
            key: Identity | None = identity(path.lstat())  # a symlink is never followed
        except OSError:
            key = None
        cached = self._cache.get(path)
        if cached and key is not None and cached[0] == key and (
            not need_data or cached[2] is not None or not cached[1].readable
        ):
            return cached[1], cached[2], key
        if not need_data and key is not None and index:
            entry = index.get(path.name)
            if entry is not None and entry[0] == key:
                info = SessionInfo(file=path, readable=True, reason="", **entry[1])
                self._cache[path] = (key, info, None)
                return info, None, key
        try:
            _, data, _ = load_file(path)
            info = info_from_data(path, data)
        except FileProblem as problem:
            info, data = unreadable(path, str(problem)), None
        if key is not None:  # listing keeps no session's data: 2,000 of them would fill memory
            self._cache[path] = (key, info, data if need_data else None)
        return info, data, key

    def list(self) -> list[SessionInfo]:
        """Every session file, newest change first; unreadable ones included with their reason.

        Unchanged readable files are taken from the folder's summary index (see index.py), which
        is brought up to date afterwards."""
        files = self._files()
        index = read_index(self.folder, migrate.SCHEMA_VERSION) if files else {}
        fresh: dict[str, tuple[Identity, dict[str, Any]]] = {}
        now = time.time_ns()
        infos = []
        for path in files:
            info, _, key = self._inspect(path, index=index)
            infos.append(info)
            if info.readable and key is not None and indexable(key, now):
                fresh[path.name] = (key, {name: getattr(info, name) for name in INDEXED_FIELDS})
        if fresh != index:
            write_index(self.folder, migrate.SCHEMA_VERSION, fresh)
        live = {info.file for info in infos}
        for gone in set(self._cache) - live:
            del self._cache[gone]
        infos = set_apart_duplicates(infos)  # a copy holding another file's id is never used
        return sorted(infos, key=lambda i: (i.updated, i.id, i.file.name), reverse=True)

    def resolve(self, ref: str) -> SessionInfo:
        """A session the way people name it; WorkshopError (one line) listing the candidates.

        In order: exact id, exact title, title in any case, unique id prefix, then every word
        typed found among the words of the title and city, in any case (`Northbridge`,
        `northbridge mobility`). The first rule that fits decides; several fits is an error
        listing every one of them (id and title), never a guess.
        """
        ref = ref.strip()
        infos = self.list()
        if not ref:
            raise WorkshopError("give a session id, id prefix, title or city "
                                "(see `workshop list`)")
        wanted = self._name_words(ref)
        for matcher in (
            lambda i: i.readable and i.id == ref,
            lambda i: i.id == ref,
            lambda i: i.readable and i.title == ref,
            lambda i: i.readable and i.title.casefold() == ref.casefold(),
            lambda i: i.id.startswith(ref.lower()),
            lambda i: i.readable and bool(wanted)
            and wanted <= self._name_words(i.title) | self._name_words(i.city),
        ):
            found = [info for info in infos if matcher(info)]
            if len(found) == 1:
                return found[0]
            if len(found) > 1 and not any(i.readable for i in found) and (
                len({i.id for i in found}) == 1 and found[0].id == ref
            ):
                return found[0]  # files sharing this id: opening says why none is used
            if len(found) > 1:
                raise WorkshopError(f"{self._shown(ref)} matches {len(found)} sessions: "
                                    f"{self._candidates(found)}; use the id")
        if not infos:
            raise WorkshopError(f"no session {self._shown(ref)}: {self.folder} holds no sessions "
                                "yet (create one with `workshop new --title ...`)")
        more = f" (and {len(infos) - 8} more)" if len(infos) > 8 else ""
        raise WorkshopError(f"no session {self._shown(ref)}; sessions are: "
                            f"{self._candidates(infos[:8])}{more}")

    @staticmethod
    def _name_words(text: str) -> frozenset[str]:
        """The words of a title or city for `resolve`, in any case ("St. Albans" -> st, albans)."""
        import re

        return frozenset(re.findall(r"\w+", text.casefold()))

    @staticmethod
    def _shown(text: str) -> str:
        """A name as typed, quoted, on one line, with control characters made visible."""
        from workshop.text import quoted

        return quoted(text)

    @staticmethod
    def _candidates(infos: Iterable[SessionInfo]) -> str:
        """'id 'title'; ...' for resolve's messages (the file name when there is no title)."""
        from workshop.text import one_line

        return "; ".join(f"{i.id} '{one_line(i.title or i.file.name)}'" for i in infos)

    # opening ------------------------------------------------------------------------------------
    def _lock(self, session_id: str) -> SessionLock:
        """The lock of a session; its id must be a workshop id and the path stays in .locks."""
        if not is_session_id(session_id):
            raise StoreError(f"{session_id[:40]!r} is not a workshop session id ({ID_SHAPE}); "
                             "nothing was opened, locked or changed")
        return SessionLock(inside(self.folder / LOCKS, f"{session_id}.lock"))

    def open(self, ref: str, *, readonly: bool = False) -> Session:
        """Open for writing, or read-only when asked or when another process holds the lock."""
        info = self.resolve(ref)
        if not info.readable:
            raise StoreError(
                f"cannot open {info.file.name}: {info.reason} (the file is left as it is)"
            )
        return self._open_path(info.file, info.id, readonly=readonly)

    def _usable(self, info: SessionInfo) -> SessionInfo:
        """`info` when its file is a readable session directly in this folder; StoreError else."""
        if not info.readable:
            raise StoreError(f"{info.file.name} cannot be used: {info.reason} (the file is left "
                             "as it is; move it out of the sessions folder by hand)")
        inside(self.folder, info.file.name)
        return info

    def _open_path(self, path: Path, session_id: str, *, readonly: bool) -> Session:
        lock: SessionLock | None = None
        lock_message = notice = ""
        path = inside(self.folder, path.name)
        if not readonly:
            lock = self._lock(session_id)
            tighten_dir(self.folder)
            try:
                owner = lock.acquire()
            except OSError as error:  # e.g. a read-only folder or medium: reading still works
                owner, readonly, lock = None, True, None
                lock_message = f"could not lock ({lock_problem(error)}); opened read-only"
            if owner is not None:
                readonly, lock = True, None
                lock_message = (f"open in another workshop window ({owner.describe()}); "
                                "opened read-only")
            elif lock is not None and lock.previous_owner is not None and (
                lock.previous_owner.pid != os.getpid()
            ):
                notice = (f"took over the lock left by a workshop that stopped without closing "
                          f"({lock.previous_owner.describe()})")
        try:
            try:
                raw, data, schema = load_file(path)
            except FileProblem as problem:
                raise StoreError(
                    f"cannot open {path.name}: {problem} (the file is left as it is)"
                ) from None
            if data["store"][SINGLE]["id"] != session_id:  # changed since it was listed
                raise StoreError(f"cannot open {path.name}: it changed while opening; try again")
            if not readonly:
                remove_stale_temp_files(path)
            # (the baseline a failed save rolls back to is the validated, normalised data)
            storage = DurableStorage(path, orjson.dumps(data), readonly=readonly, data=data)
            if schema < migrate.SCHEMA_VERSION and not readonly:
                backup = self._backup(path, raw, schema)
                storage.flush()
                notice = (notice + "; " if notice else "") + (
                    f"upgraded from schema {schema}; the original is kept in {backup}")
            elif schema < migrate.SCHEMA_VERSION:
                storage = DurableStorage(path, orjson.dumps(data), readonly=True, data=data)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return Session(path, storage, lock, lock_message=lock_message, notice=notice,
                       known_parts=self.known_parts)

    def _backup(self, path: Path, raw: bytes, schema: int) -> Path:
        folder = private_subdir(self.folder, BACKUPS)
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = inside(folder, f"{path.stem}.schema{schema}.{stamp}.json")
        try:
            write_atomically(backup, raw)
        except OSError as error:
            message = describe_os_error(error, backup, "back up the old session to")
            raise StoreError(message) from None
        return backup

    # deleting -----------------------------------------------------------------------------------
    def delete(self, ref: str) -> Path:
        """Move a session file to <folder>/.trash/ (never destroyed); returns its new path."""
        info = self._usable(self.resolve(ref))
        lock = self._lock(info.id)
        try:
            owner = lock.acquire()
        except OSError as error:
            raise StoreError(describe_os_error(error, lock.path, "lock")) from None
        if owner is not None:
            raise StoreError(f"{info.title or info.file.name!r} is open in another workshop window "
                             f"({owner.describe()}); close it there first")
        try:
            trash = private_subdir(self.folder, trash_dir(self.folder).name)
            target = inside(trash, free_trash_name(trash, info.file).name)
            try:
                os.replace(info.file, target)
            except OSError as error:
                raise StoreError(describe_os_error(error, info.file, "move to the trash")) from None
            fsync_dir(trash)  # the move is durable once both folders are
            fsync_dir(self.folder)
        finally:
            lock.remove()
        self._cache.pop(info.file, None)
        return target

    # reading across sessions ----------------------------------------------------------------------
    def _read_data(self, ref: str) -> dict[str, Any]:
        info = self._usable(self.resolve(ref))
        info, data, _ = self._inspect(info.file, need_data=True)
        if data is None:
            raise StoreError(f"cannot read {info.file.name}: {info.reason}")
        return data

    def read_snapshot(self, ref: str) -> dict[str, Any]:
        """A session's snapshot without opening (or locking) it: for exports and scripts."""
        info = self._usable(self.resolve(ref))
        session = self._open_path(info.file, info.id, readonly=True)
        try:
            return session.snapshot()
        finally:
            session.close()

    def all_actions(self, skipped: list[SessionInfo] | None = None,
                    people: dict[str, tuple[list[dict[str, Any]], str]] | None = None,
                    ) -> Iterator[tuple[SessionInfo, dict[str, Any]]]:
        """Every action record of every readable session (newest session first, oldest action
        first within a session), read one session at a time and never kept (streamed: 2,000
        sessions need no more memory than one). A damaged file never stops it: it is left out,
        and appended with its reason to `skipped` when given (for a one-line warning).
        `people`, when given, receives each session's (participants, facilitator) by id."""
        for info in self.list():
            data = None
            if info.readable:
                try:
                    _, data, _ = load_file(info.file)
                    info = info_from_data(info.file, data)
                except FileProblem as problem:
                    info = unreadable(info.file, str(problem))
            if data is None:
                if skipped is not None:
                    skipped.append(info)
                continue
            if people is not None:  # who "Sara L." is depends on that session's participants
                people[info.id] = (list(data["participants"].values()),
                                   data["session"][SINGLE]["facilitator"])
            docs = data["records"]
            for key in sorted(docs, key=int):
                if docs[key]["kind"] == "action":
                    yield info, docs[key]


__all__ = ["FILE_MODE", "SessionInfo", "SessionStore"]
