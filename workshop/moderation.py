"""Moderating what the room sends: hide or show, approve, merge duplicates.

Why a core module: the facilitator moderates from the walkthrough, and the same rules must hold
wherever contributions are shown (the room display, exports). Every change goes through the
session's public API, durable before the call returns and undoable like any other change; a
merge is ONE undoable change (the votes move to the kept idea, the duplicate is hidden and points
at it), so one undo brings the duplicate and its votes back.
Core module: no Textual, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from workshop.errors import WorkshopError
from workshop.records import KIND_LABELS

#: Kinds whose records can be merged as duplicates (text contributions).
MERGEABLE = ("idea", "note")


class _Session(Protocol):
    def record(self, record_id: str) -> dict[str, Any]: ...

    def records(self, kind: str | None = None, part: str | None = None
                ) -> list[dict[str, Any]]: ...

    def update_record(self, record_id: str, **fields: Any) -> dict[str, Any]: ...

    def update_records(self, changes: dict[str, dict[str, Any]], *, label: str
                       ) -> list[dict[str, Any]]: ...


def from_room(record: dict[str, Any]) -> bool:
    """Sent from a participant's phone (not typed by the facilitator)."""
    return record.get("via") == "room"


def tags(record: dict[str, Any]) -> list[str]:
    """Short words the capture panel shows before a contribution: phone, pending, hidden."""
    out = []
    if from_room(record):
        out.append("phone")
    if record.get("pending"):
        out.append("pending")
    if record.get("hidden"):
        out.append("hidden")
    return out


def name(record: dict[str, Any]) -> str:
    return f"{KIND_LABELS.get(record.get('kind', ''), '?').lower()} {record.get('no', '?')}"


def set_hidden(session: _Session, record_id: str, hidden: bool) -> dict[str, Any]:
    """Hide a contribution from the room (kept in the session and its exports), or show it."""
    return session.update_record(record_id, hidden=hidden)


def toggle_hidden(session: _Session, record_id: str) -> dict[str, Any]:
    return set_hidden(session, record_id, not session.record(record_id).get("hidden", False))


def approve(session: _Session, record_id: str) -> dict[str, Any]:
    """Let a pre-moderated contribution reach the room display."""
    record = session.record(record_id)
    if not record.get("pending"):
        raise WorkshopError(f"{name(record)} is not waiting for approval")
    return session.update_record(record_id, pending=False)


def pending(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in records if r.get("pending")]


def merge_candidates(records: Iterable[dict[str, Any]], duplicate: dict[str, Any]
                     ) -> list[dict[str, Any]]:
    """What `duplicate` can be merged into: the other shown records of its kind on its part."""
    return [r for r in records
            if r.get("kind") == duplicate.get("kind") and r.get("part") == duplicate.get("part")
            and r["id"] != duplicate["id"] and not r.get("hidden")]


def merge(session: _Session, keep_id: str, duplicate_id: str) -> dict[str, Any]:
    """Merge `duplicate_id` into `keep_id`: votes on the duplicate move to the kept record, the
    duplicate is hidden and points at the kept one (its `target`), and a pending kept record is
    approved (the facilitator has looked at it). One undoable change; returns the kept record."""
    if keep_id == duplicate_id:
        raise WorkshopError("pick another record to merge into (a record is not its own "
                            "duplicate)")
    keep, duplicate = session.record(keep_id), session.record(duplicate_id)
    if duplicate.get("kind") not in MERGEABLE:
        raise WorkshopError(f"only ideas and notes can be merged, not a {duplicate.get('kind')}")
    if keep.get("kind") != duplicate.get("kind") or keep.get("part") != duplicate.get("part"):
        raise WorkshopError(f"{name(duplicate)} can only be merged into another "
                            f"{duplicate.get('kind')} on part {duplicate.get('part')}")
    if keep.get("hidden"):
        raise WorkshopError(f"{name(keep)} is hidden: show it first (H), then merge into it")
    changes: dict[str, dict[str, Any]] = {
        vote["id"]: {"target": keep_id}
        for vote in session.records(kind="vote", part=duplicate["part"])
        if vote.get("target") == duplicate_id
    }
    changes[duplicate_id] = {"hidden": True, "pending": False, "target": keep_id}
    if keep.get("pending"):
        changes[keep_id] = {"pending": False}
    stored = session.update_records(changes, label=f"merge {name(duplicate)} into {name(keep)}")
    return next(r for r in stored if r["id"] == keep_id) if keep_id in changes \
        else session.record(keep_id)


def merged_into(record: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> dict | None:
    """The record a hidden duplicate was merged into, or None."""
    if not record.get("hidden") or record.get("kind") not in MERGEABLE:
        return None
    target = by_id.get(record.get("target", ""))
    return target if target is not None and target.get("kind") == record.get("kind") else None
