"""Session file names: a short stable id plus a readable slug, always inside the sessions folder."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # base32, lower case: safe in any file system
SESSION_ID_LENGTH = 6
RECORD_ID_LENGTH = 8
SLUG_MAX = 40
SUFFIX = ".json"
_ID_RE = re.compile(rf"[{ID_ALPHABET}]{{{SESSION_ID_LENGTH}}}")  # used with fullmatch only
_SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: What an id looks like, for messages that refuse one.
ID_SHAPE = f"{SESSION_ID_LENGTH} characters from a-z and 2-7, like 6v33ur"


def random_id(length: int) -> str:
    import secrets  # here, not at the top: it pulls in hashlib, which listing never needs

    return "".join(secrets.choice(ID_ALPHABET) for _ in range(length))


def is_session_id(text: object) -> bool:
    """The one safe-id rule for every session id, wherever it comes from (new, disk, import,
    index, command line): exactly six of a-z and 2-7, so it can never name a path."""
    return isinstance(text, str) and _ID_RE.fullmatch(text) is not None


def new_session_id(taken: set[str]) -> str:
    while True:
        candidate = random_id(SESSION_ID_LENGTH)
        if candidate not in taken:
            return candidate


def new_record_id(taken: set[str] | dict[str, int], prefix: str = "") -> str:
    while True:
        candidate = prefix + random_id(RECORD_ID_LENGTH)
        if candidate not in taken:
            return candidate


def slugify(title: str, max_len: int = SLUG_MAX) -> str:
    """ASCII words joined by '-', at most `max_len` characters; "session" when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            if not slug:
                slug = word[:max_len]
            break
        slug = candidate
    return slug or "session"


def session_file_name(session_id: str, title: str) -> str:
    if not is_session_id(session_id):
        raise ValueError(f"not a session id: {session_id!r}")
    return f"{session_id}-{slugify(title)}{SUFFIX}"


def session_path(folder: Path, session_id: str, title: str) -> Path:
    """The file for a session; proven to be directly inside `folder`."""
    path = folder / session_file_name(session_id, title)
    if path.parent != folder or path.name in ("", ".", ".."):
        raise ValueError(f"unsafe session file name {path.name!r}")
    return path


def id_from_file_name(name: str) -> str:
    """The id part of "<id>-<slug>.json" (the whole stem for files named otherwise)."""
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else name
    return stem.split("-", 1)[0]


def is_store_file_name(name: str, session_id: str) -> bool:
    """True when `name` is shaped the way the store names the file of `session_id`:
    "<id>-<slug>.json" (the slug of some title: files are not renamed when a title changes)."""
    prefix = f"{session_id}-"
    if not name.startswith(prefix) or not name.endswith(SUFFIX):
        return False
    slug = name[len(prefix): -len(SUFFIX)]
    return len(slug) <= SLUG_MAX and _SLUG_RE.fullmatch(slug) is not None


def is_session_file_name(name: str) -> bool:
    return name.endswith(SUFFIX) and not name.startswith(".")
