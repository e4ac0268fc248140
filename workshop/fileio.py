"""Writing a file so that a crash leaves either the old or the new file, never half of one.

One helper for every file the program writes (session files, exports, settings): the bytes go to a
temp file in the same folder (`.<name>.<random>.tmp`, so a leftover is recognisable), which is
fsynced and then renamed over the target, and the folder is fsynced so the rename itself survives
a power cut. Without `overwrite` the temp file is hard-linked to the target name instead, which
fails if the target exists, so a file that appeared meanwhile is never replaced. Core module:
no Textual, no TinyDB. Callers turn OSError into their own one-line messages.
"""

from __future__ import annotations

import errno
import os
from contextlib import suppress
from pathlib import Path

# os.link errors meaning "this file system has no hard links" (FAT, exFAT, some network shares)
_NO_LINKS = frozenset(code for code in (
    errno.EPERM, errno.EINVAL, errno.ENOSYS, getattr(errno, "ENOTSUP", None),
    getattr(errno, "EOPNOTSUPP", None),
) if code is not None)


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
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
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
