"""One lock file per session, so a second workshop window never writes over the first.

The lock is an OS advisory lock (flock on POSIX, msvcrt on Windows) on `.locks/<id>.lock`, so the
operating system releases it when the holder dies, however it dies: a crashed process can never
leave a lock that blocks the session. The file also holds an owner record (pid, host, since) that
names the holder for the message shown to a second process, and tells the next owner that the
previous one crashed (the record is cleared on a clean close).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import errno
import json
import os
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    _WIN_LOCK_OFFSET = 1 << 20  # lock a byte far past the owner record, so it stays readable
else:
    import fcntl


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True)
class Owner:
    pid: int
    host: str
    since: str  # ISO 8601, local time with offset

    def describe(self) -> str:
        """E.g. "pid 1234 since 10:42" (with the date when not today, the host when not here)."""
        try:
            since = _dt.datetime.fromisoformat(self.since)
            local = since.astimezone()
            if local.date() == _dt.datetime.now().astimezone().date():
                when = local.strftime("%H:%M")
            else:
                when = local.strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = "an unknown time"
        text = f"pid {self.pid} since {when}"
        if self.host and self.host != socket.gethostname():
            text += f" on {self.host}"
        return text


def _parse_owner(raw: bytes) -> Owner | None:
    try:
        data = json.loads(raw.decode("utf-8"))
        return Owner(int(data["pid"]), str(data.get("host", "")), str(data.get("since", "")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None


class SessionLock:
    """Exclusive, non-blocking, released by the OS when the process ends."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.previous_owner: Owner | None = None  # set when a crashed holder's record was found

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> Owner | None:
        """Take the lock and return None, or return the live owner holding it."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.path.islink(self.path.parent):
            raise OSError(errno.ELOOP, "the locks folder is a symbolic link", str(self.path.parent))
        # never follows a symlink planted at the lock's name, and only locks a regular file
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OSError(errno.EINVAL, "the lock is not a regular file", str(self.path))
            if not self._try_lock(fd):
                owner = self._read(fd) or Owner(0, "", "")
                os.close(fd)
                return owner
        except BaseException:
            os.close(fd)
            raise
        self.previous_owner = self._read(fd)  # a record left behind means the holder crashed
        me = Owner(os.getpid(), socket.gethostname(),
                   _dt.datetime.now().astimezone().replace(microsecond=0).isoformat())
        record = json.dumps({"pid": me.pid, "host": me.host, "since": me.since}).encode()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, record)
        self._fd = fd
        return None

    def release(self) -> None:
        """Clear the owner record (a clean close) and unlock."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        try:
            self._unlock(fd)
        finally:
            os.close(fd)

    def remove(self) -> None:
        """Release and delete the lock file (only when the session itself is gone)."""
        self.release()
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(self.path).st_mode):
                self.path.unlink()

    @staticmethod
    def _read(fd: int) -> Owner | None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            raw = os.read(fd, 4096)
        except OSError:
            return None
        return _parse_owner(raw) if raw.strip() else None

    @staticmethod
    def _try_lock(fd: int) -> bool:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                return False
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    @staticmethod
    def _unlock(fd: int) -> None:
        if os.name == "nt":  # pragma: no cover
            os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_UN)


def lock_problem(error: OSError) -> str:
    """Why a lock file could not be made, in a few words (for "could not lock (...)")."""
    if error.errno == errno.EROFS:
        return "the sessions folder is on a read-only disk"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "no permission to write in the sessions folder"
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "the disk is full"
    return error.strerror or str(error)
