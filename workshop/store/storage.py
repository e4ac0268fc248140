"""A TinyDB Storage that never leaves a half-written session file.

TinyDB's JSONStorage rewrites the file in place (a crash corrupts it) and re-reads the whole file on
every access. This storage keeps the data in memory and writes it through on every change: serialize
with orjson first, write a temp file in the same folder, fsync, `os.replace`, fsync the folder
(workshop.fileio).
If any step fails the memory is rolled back to the last bytes known to be on disk and
StoreError is raised, so memory and disk never disagree.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from workshop import fileio
from workshop.errors import WorkshopError

FILE_MODE = 0o600
DIR_MODE = 0o700
MAX_WRITE_BYTES = 200 * fileio.MB  # = reading.MAX_SESSION_BYTES: never write what cannot be read


class StoreError(WorkshopError):
    """A session could not be read or saved; the message says what to do."""


def describe_os_error(error: OSError, path: Path, doing: str = "save") -> str:
    """One line naming the file, what went wrong and the fix."""
    code = error.errno
    where = path.name
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"could not {doing} {where}: the disk is full; free some space and try again "
                "(nothing was lost: the last saved state is intact)")
    if code in (errno.EACCES, errno.EPERM):
        return (f"could not {doing} {where}: permission denied on {path.parent}; fix the folder's "
                "permissions or choose another folder with --sessions")
    if code == errno.EROFS:
        return (f"could not {doing} {where}: {path.parent} is on a read-only disk; choose another "
                "folder with --sessions")
    reason = error.strerror or str(error)
    return f"could not {doing} {where}: {reason}; check the disk and try again"


def ensure_private_dir(folder: Path) -> None:
    """Create `folder` (and parents) private to the user (0700), or tighten an existing one this
    user owns: e.g. a checkout's `sessions/` that came from git as 0755 is made 0700 the first
    time the app writes there."""
    try:
        fileio.make_private_dir(folder, DIR_MODE)
    except OSError as error:
        raise StoreError(describe_os_error(error, folder / "x", "create the folder for")) from None


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, proven to be a plain entry directly inside `folder` (no separators, no
    "..", not a symbolic link), or StoreError: no path built from data ever leaves its folder."""
    path = folder / name
    if (not name or name in (".", "..") or "/" in name or "\\" in name or "\0" in name
            or path.parent != folder):
        raise StoreError(f"refused the unsafe file name {name[:60]!r} in {folder}")
    if fileio.is_symlink(path):
        raise StoreError(f"{path} is a symbolic link; not followed (remove it)")
    return path


def private_subdir(folder: Path, name: str) -> Path:
    """The app's own folder `name` inside the sessions folder (.trash, .backup, .locks), created
    0700; StoreError when something planted a symbolic link (or a file) there."""
    sub = inside(folder, name)
    ensure_private_dir(sub)
    if fileio.is_symlink(sub) or not sub.is_dir():
        raise StoreError(f"{sub} is not a folder; move it away (the app makes its own)")
    return sub


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` (private to the user) so that a crash leaves either the old or
    the new file. Raises OSError; the temp file is removed on failure and `path` is untouched."""
    fileio.write_atomically(path, payload, mode=FILE_MODE)


def remove_stale_temp_files(path: Path) -> None:
    """Temp files left by a process killed mid-write are never valid sessions: remove them."""
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            leftover.unlink()


class DurableStorage(Storage):
    """In-memory TinyDB data, written through to `path` on each change (once per transaction)."""

    def __init__(self, path: Path, durable_bytes: bytes, *, readonly: bool = False,
                 data: dict[str, Any] | None = None) -> None:
        self.path = path
        self.readonly = readonly
        self._durable = durable_bytes
        self._data: dict[str, Any] = data if data is not None else orjson.loads(durable_bytes)
        self._depth = 0
        self._dirty = False
        self._defer: list[Callable[[], None]] | None = None  # a deferring transaction's write
        # Writes may finish in another thread (Session.batch(defer=True)): each payload gets a
        # generation, and an older one never replaces a newer one on disk.
        self._generation = 0
        self._written = 0
        self._write_lock = threading.Lock()

    # TinyDB's Storage interface -------------------------------------------------------------
    def read(self) -> dict[str, Any]:
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        self._data = data
        if self._depth:
            self._dirty = True
        else:
            self.flush()

    def close(self) -> None:
        """Nothing is buffered: every change is already on disk."""

    # durability ---------------------------------------------------------------------------------
    @property
    def durable_bytes(self) -> bytes:
        return self._durable

    def _payload(self) -> bytes:
        """The in-memory data serialized for disk, or roll back and raise StoreError."""
        if self.readonly:
            self.rollback()
            raise StoreError(f"{self.path.name} is open read-only; nothing was changed")
        try:
            payload = orjson.dumps(self._data)
        except TypeError as error:
            self.rollback()
            raise StoreError(f"could not save {self.path.name}: {error}") from None
        if len(payload) > MAX_WRITE_BYTES:  # it could not be read back: keep the last saved state
            self.rollback()
            raise StoreError(f"could not save {self.path.name}: the session would exceed "
                             f"{MAX_WRITE_BYTES // fileio.MB} MB; nothing was changed")
        return payload

    def _write(self, generation: int, payload: bytes) -> None:
        """Put `payload` on disk unless a newer generation is there already (any thread)."""
        with self._write_lock:
            if generation <= self._written:
                return  # a later save, which holds these changes too, came first
            try:
                write_atomically(self.path, payload)
            except OSError as error:
                raise StoreError(describe_os_error(error, self.path)) from None
            self._written = generation

    def flush(self) -> None:
        """Write the in-memory data durably, or roll memory back and raise StoreError."""
        payload = self._payload()
        self._generation += 1
        try:
            self._write(self._generation, payload)
        except StoreError:
            self.rollback()
            raise
        self._durable = payload
        self._dirty = False

    def detach_flush(self) -> Callable[[], None]:
        """Serialize now and return the function that writes it durably, to be called once,
        from any thread, while this thread goes on. Memory counts it as saved from now on (a
        later rollback keeps it); if the returned write fails it raises StoreError, and the
        next save writes the changes anyway."""
        payload = self._payload()
        self._generation += 1
        generation = self._generation
        self._durable = payload
        self._dirty = False
        return lambda: self._write(generation, payload)

    def rollback(self) -> None:
        """Forget every change that is not on disk."""
        self._data = orjson.loads(self._durable)
        self._dirty = False

    @contextmanager
    def transaction(self, *, defer: list[Callable[[], None]] | None = None) -> Iterator[None]:
        """Group several TinyDB writes into one durable save; roll all back on any error.

        With `defer` (a list, outermost transaction only), the save is serialized at the end but
        not written: its write function is appended to `defer` for the caller to run, e.g. in a
        thread (see detach_flush)."""
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.rollback()
            raise
        self._depth -= 1
        if self._depth == 0 and self._dirty:
            if defer is not None:
                defer.append(self.detach_flush())
            else:
                self.flush()
