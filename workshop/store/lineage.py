"""Which sessions are copies of one original, so a second import of an export is recognised.

Why by id and not by content: an import records the original session's id in its `copy_of`
(workshop/records.py), and an export carries it on, so a copy is recognised however many exports
and imports lie between and whatever was edited since (Tuesday's export of Monday's session is
still the same session: its actions would be listed twice just the same). A content hash would
miss every copy that changed by one keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .naming import is_session_id
from .reading import SessionInfo


def export_origin(meta: Mapping[str, Any]) -> str:
    """The original session an export (its validated `session` object) is a copy of: its
    `copy_of`, else its own id ("" when it has no usable id: then nothing can be its copy)."""
    copy_of, own = meta.get("copy_of", ""), meta.get("id", "")
    if is_session_id(copy_of):
        return copy_of
    return own if is_session_id(own) else ""


def copies_of(infos: Iterable[SessionInfo], origin: str) -> list[SessionInfo]:
    """The readable sessions that are `origin` itself or a copy of it."""
    if not origin:
        return []
    return [info for info in infos if info.readable and info.origin == origin]


def copy_groups(infos: Iterable[SessionInfo]) -> list[list[SessionInfo]]:
    """Sessions (each once) grouped by origin, for every origin held by two or more."""
    groups: dict[str, dict[str, SessionInfo]] = {}
    for info in infos:
        if info.readable:
            groups.setdefault(info.origin, {})[info.id] = info
    return [sorted(group.values(), key=lambda i: (i.created, i.id))
            for group in groups.values() if len(group) > 1]


def named(infos: Iterable[SessionInfo]) -> str:
    """"abc234 'Title', def567 'Title'" for a one-line message."""
    return ", ".join(f"{info.id} {info.title or 'untitled'!r}" for info in infos)
