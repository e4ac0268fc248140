"""Writing a file so that a crash leaves either the old or the new file, never half of one.

One helper for every file the program writes (session files, exports, settings): the bytes go to a
temp file in the same folder (`.<name>.<random>.tmp`, so a leftover is recognisable), which is
fsynced and then renamed over the target, and the folder is fsynced so the rename itself survives
a power cut. Without `overwrite` the temp file is hard-linked to the target name instead, which
fails if the target exists, so a file that appeared meanwhile is never replaced. Core module:
no Textual, no TinyDB. Callers turn OSError into their own one-line messages.

Reading a file that came from outside (a session file, an import) goes through `read_limited`:
regular files only, a size limit, never blocking on a pipe or device, symlinks refused on request.
Private folders (sessions, exports, config) are made or tightened to 0700 by `make_private_dir`.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import suppress
from pathlib import Path

# os.link errors meaning "this file system has no hard links" (FAT, exFAT, some network shares)
_NO_LINKS = frozenset(code for code in (
    errno.EPERM, errno.EINVAL, errno.ENOSYS, getattr(errno, "ENOTSUP", None),
    getattr(errno, "EOPNOTSUPP", None),
) if code is not None)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
MB = 1024 * 1024


class TargetExists(FileExistsError):
    """The target exists and the write was asked not to overwrite it (nothing was changed)."""


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable. Some file systems cannot fsync a folder: that is not
    fatal, the data is already in the new file."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    """Where the new content is written before it takes `path`'s name."""
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")


def write_atomically(path: Path, payload: bytes, *, mode: int = 0o600,
                     overwrite: bool = True) -> None:
    """Put `payload` at `path` atomically and durably, with permission bits `mode`.

    Raises OSError (TargetExists when `overwrite` is false and `path` exists); then `path` is
    untouched and the temp file is removed.
    """
    path = Path(path)
    tmp = temp_name(path)
    # O_EXCL: never reuses a name someone else made (a symlink planted there is not followed)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    try:
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, mode)  # exactly `mode`, whatever the umask
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
            os.chmod(tmp, mode)
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def _link_new(tmp: Path, path: Path) -> None:
    """Give `tmp`'s content the name `path` only if no file has that name (then drop `tmp`)."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise TargetExists(errno.EEXIST, "File exists", str(path)) from None
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        # No hard links here: check and rename (a file appearing in between would be replaced).
        if os.path.lexists(path):
            raise TargetExists(errno.EEXIST, "File exists", str(path)) from None
        os.replace(tmp, path)
        return
    with suppress(OSError):  # the target is complete; a leftover .tmp is harmless
        os.unlink(tmp)


class NotReadable(Exception):
    """A file the program refuses to read, with the reason in a few words ("is a symbolic link;
    not opened", "is not a regular file", "is larger than 50 MB")."""


def _size_text(size: int) -> str:
    """50 MB, 256 KB: the limit as people read it."""
    return f"{size // MB} MB" if size >= MB else f"{max(size // 1024, 1)} KB"


def read_limited(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes.

    Opened non-blocking (a FIFO never hangs us), checked with fstat on the open descriptor (no
    race between check and read), and never more than `limit` + 1 bytes read (a file growing or
    lying about its size cannot exhaust memory). Without `follow_symlinks` a symbolic link is
    refused, never opened. Raises NotReadable with the reason, OSError for other failures.
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | (0 if follow_symlinks else _NOFOLLOW)
    if not follow_symlinks and os.path.islink(path):
        raise NotReadable("is a symbolic link; not opened")
    try:
        fd = os.open(path, flags)
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_symlinks:
            raise NotReadable("is a symbolic link; not opened") from None
        if error.errno == errno.ENXIO:  # e.g. a socket
            raise NotReadable("is not a regular file") from None
        raise
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise NotReadable("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("is not a regular file (a device, pipe or socket)")
        if info.st_size > limit:
            raise NotReadable(f"is larger than {_size_text(limit)}")
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise NotReadable(f"is larger than {_size_text(limit)}")
    return data


def is_symlink(path: Path) -> bool:
    """True for a symbolic link (even one pointing nowhere)."""
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def tighten_dir(folder: Path, mode: int = 0o700) -> None:
    """Make a folder this user owns private (`mode`), e.g. a sessions folder that came from git
    as 0755. A folder owned by someone else, or one that cannot be changed, is left as it is."""
    try:
        info = os.stat(folder)
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return
        if stat.S_IMODE(info.st_mode) != mode:
            os.chmod(folder, mode)
    except OSError:
        pass


def make_private_dir(folder: Path, mode: int = 0o700) -> None:
    """Create `folder` (and missing parents) private to the user, or tighten an existing one
    this user owns. Raises OSError when it cannot be created."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(mode=mode, parents=True, exist_ok=True)
    tighten_dir(folder, mode)
