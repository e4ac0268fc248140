"""Follow-up across workshops: carry open work into a new session and show what moved since.

Facilitation tools lose open actions between meetings (see shared/facilitation-notes.md); here a new
session can pull in what earlier sessions left open, each item keeping a link to where it came from.
Works on the store's Session objects and plain snapshot dicts; no Textual, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from workshop.errors import WorkshopError
from workshop.records import KIND_FIELDS, check_date

CARRY_KINDS = ("action", "decision", "risk", "benefit", "engagement")


class WritableSession(Protocol):  # the part of store.Session this module needs
    id: str

    def records(self, kind: str | None = None, part: str | None = None) -> list[dict]: ...
    def add_record(self, kind: str, part: str, **fields: Any) -> dict: ...
    def update_record(self, record_id: str, **fields: Any) -> dict: ...
    def record(self, record_id: str) -> dict: ...


def is_still_open(record: dict[str, Any]) -> bool:
    """Whether an earlier session's record still needs attention in the next one."""
    kind = record["kind"]
    if kind == "action":
        return record.get("status") in ("open", "in progress")
    if kind == "decision":
        return record.get("outcome") == "parked"
    if kind == "risk":
        return record.get("status") != "mitigated"
    if kind == "engagement":
        return not record.get("loop_closed", False)
    return kind == "benefit"


def carryable(snapshot: dict[str, Any], kinds: Iterable[str] = CARRY_KINDS) -> list[dict[str, Any]]:
    """Records of an earlier session that are worth carrying over, oldest first."""
    wanted = set(kinds)
    return [r for r in snapshot.get("records", []) if r["kind"] in wanted and is_still_open(r)]


def carry_over(
    target: WritableSession, sources: Iterable[dict[str, Any]], kinds: Iterable[str] = CARRY_KINDS
) -> list[dict[str, Any]]:
    """Copy open items of earlier sessions (snapshots) into `target`; return the new records.

    Each copy gets `origin` = {session, title, record}; an item already carried from the same
    source record is skipped, so running it twice never duplicates anything.
    """
    kinds = tuple(kinds)
    already = {
        (r["origin"]["session"], r["origin"]["record"])
        for r in target.records()
        if r.get("origin")
    }
    added: list[dict[str, Any]] = []
    for snapshot in sources:
        meta = snapshot["session"]
        if meta["id"] == target.id:
            continue
        for record in carryable(snapshot, kinds):
            origin_key = (meta["id"], record["id"])
            if record.get("origin"):  # carried before: keep pointing at the first source
                origin_key = (record["origin"]["session"], record["origin"]["record"])
            if origin_key in already:
                continue
            fields = {k: v for k, v in record.items() if k in KIND_FIELDS[record["kind"]]}
            origin = record.get("origin") or {
                "session": meta["id"],
                "title": meta.get("title", ""),
                "record": record["id"],
            }
            added.append(
                target.add_record(
                    record["kind"],
                    record["part"],
                    rec=record.get("rec", ""),
                    author=record.get("author", ""),
                    origin=dict(origin),
                    **fields,
                )
            )
            already.add(origin_key)
    return added


REVIEW_OUTCOMES = ("done", "still open", "dropped")


def review_carried_action(
    session: WritableSession, record_id: str, outcome: str, *, new_due: str = "", reason: str = ""
) -> dict[str, Any]:
    """Record the follow-up review of one carried-over action (done / still open / dropped)."""
    if outcome not in REVIEW_OUTCOMES:
        choices = ", ".join(REVIEW_OUTCOMES)
        raise WorkshopError(f"review outcome {outcome!r} is not one of: {choices}")
    changes: dict[str, Any] = {}
    if outcome == "done":
        changes = {"status": "done", "status_note": reason or "done by the follow-up review"}
    elif outcome == "still open":
        if new_due:
            changes["due"] = check_date(new_due, "new due date")
        changes["status_note"] = reason or "still open at the follow-up review"
    else:
        if not reason.strip():
            raise WorkshopError("dropping an action needs a reason: say why it is no longer needed")
        changes = {"status": "dropped", "status_note": reason}
    return session.update_record(record_id, **changes)


def follow_up_queue(session: WritableSession) -> list[dict[str, Any]]:
    """Carried-over actions still open and not yet reviewed in this session."""
    return [
        r
        for r in session.records("action")
        if r.get("origin") and r["status"] in ("open", "in progress") and not r["status_note"]
    ]


@dataclass(frozen=True)
class PartHistory:
    """What earlier sessions agreed for one part, and how its maturity ratings moved since."""

    part: str
    agreed: tuple[tuple[str, dict[str, Any]], ...]  # (session title, decision or action record)
    previous_current: float | None  # average current maturity in the latest earlier session
    previous_target: float | None
    now_current: float | None
    now_target: float | None


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def part_history(
    current: dict[str, Any], earlier: Iterable[dict[str, Any]], part: str
) -> PartHistory:
    """Compare a part across sessions; `earlier` are snapshots of other sessions (any order)."""
    earlier = sorted(
        (s for s in earlier if s["session"]["id"] != current["session"]["id"]),
        key=lambda s: (s["session"].get("date") or "", s["session"].get("created") or ""),
    )
    agreed: list[tuple[str, dict[str, Any]]] = []
    previous: list[dict[str, Any]] = []
    for snap in earlier:
        title = snap["session"].get("title", "")
        records = [r for r in snap.get("records", []) if r["part"] == part]
        for r in records:
            if (r["kind"] == "decision" and r["outcome"] == "agreed") or r["kind"] == "action":
                agreed.append((title, r))
        ratings = [r for r in records if r["kind"] == "rating"]
        if ratings:
            previous = ratings
    now = [r for r in current.get("records", []) if r["part"] == part and r["kind"] == "rating"]
    return PartHistory(
        part=part,
        agreed=tuple(agreed),
        previous_current=_average([r["current"] for r in previous]),
        previous_target=_average([r["target_level"] for r in previous]),
        now_current=_average([r["current"] for r in now]),
        now_target=_average([r["target_level"] for r in now]),
    )


def sector_coverage(snapshot: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """Parts x sectors: which sectors had an attending participant author something on a part.

    A sector counts as present on a part when a record on that part names (as author) a
    participant or organisation of that sector, or an engagement decision on it engages one.
    """
    from workshop.records import SECTORS

    by_name: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for p in snapshot.get("participants", []):
        by_id[p["id"]] = p.get("sector", "")
        for key in (p.get("name", ""), p.get("organisation", "")):
            if key:
                by_name.setdefault(key.strip().lower(), p.get("sector", ""))
    parts = [item["part"] for item in snapshot.get("agenda", [])]
    table = {part: dict.fromkeys(SECTORS, False) for part in parts}
    for r in snapshot.get("records", []):
        row = table.get(r["part"])
        if row is None:
            continue
        sectors = {by_name.get(r.get("author", "").strip().lower(), "")}
        if r["kind"] == "engagement":
            sectors |= {by_id.get(pid, "") for pid in r.get("stakeholders", [])}
        for sector in sectors:
            if sector in row:
                row[sector] = True
    return table


__all__ = [
    "CARRY_KINDS",
    "PartHistory",
    "carry_over",
    "carryable",
    "follow_up_queue",
    "is_still_open",
    "part_history",
    "review_carried_action",
    "sector_coverage",
]
