"""Follow-up across workshops: carry open work into a new session and show what moved since.

Facilitation tools lose open actions between meetings (see shared/facilitation-notes.md); here a new
session can pull in what earlier sessions left open, each item keeping a link to where it came from.
Works on the store's Session objects and plain snapshot dicts; no Textual, no TinyDB. A city's
earlier sessions (workshop.city_history) and which sectors took part (workshop.sector_presence)
live in modules of their own and are still importable from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from workshop.city_history import (
    PartHistory,
    city_history,
    city_key,
    origin_key,
    part_history,
    same_city,
    session_order,
)
from workshop.dates import HELP as DUE_HELP
from workshop.dates import parse_due
from workshop.errors import WorkshopError
from workshop.kinds import CARRY_KINDS, REGISTRY
from workshop.records import KIND_FIELDS
from workshop.sector_presence import (
    absent_sectors,
    covered_sector_parts,
    sector_coverage,
    sector_presence,
)


class WritableSession(Protocol):  # the part of store.Session this module needs
    id: str

    @property
    def participants(self) -> list[dict]: ...
    def add_participant(self, **fields: Any) -> dict: ...
    def records(self, kind: str | None = None, part: str | None = None) -> list[dict]: ...
    def add_record(self, kind: str, part: str, **fields: Any) -> dict: ...
    def update_record(self, record_id: str, **fields: Any) -> dict: ...
    def record(self, record_id: str) -> dict: ...


def is_still_open(record: dict[str, Any]) -> bool:
    """Whether an earlier session's record still needs attention in the next one (as its kind
    declares in workshop/kinds/; kinds that never carry over are never open)."""
    declared = REGISTRY.get(record["kind"])
    return bool(declared and declared.carry and declared.carry.still_open(record))


def latest_versions(
    snapshots: Iterable[dict[str, Any]], kinds: Iterable[str] = CARRY_KINDS
) -> dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]]:
    """For each item (by origin), its newest copy across sessions: key -> (snapshot, record).

    An action carried from session 1 to session 2 and closed there must not come back from
    session 1, so the newest copy decides whether an item is still open.
    """
    wanted = set(kinds)
    latest: dict[tuple[str, str], tuple[dict[str, Any], dict[str, Any]]] = {}
    for snapshot in sorted(snapshots, key=session_order):
        for record in snapshot.get("records", []):
            if record["kind"] in wanted:
                latest[origin_key(snapshot, record)] = (snapshot, record)
    return latest


def carryable(snapshot: dict[str, Any], kinds: Iterable[str] = CARRY_KINDS) -> list[dict[str, Any]]:
    """Records of an earlier session that are worth carrying over, oldest first."""
    wanted = set(kinds)
    return [r for r in snapshot.get("records", []) if r["kind"] in wanted and is_still_open(r)]


@dataclass(frozen=True)
class CarryItem:
    """One record a carry-over would copy, with the session it is taken from."""

    key: tuple[str, str]  # origin (session id, record id)
    source: dict[str, Any]  # session meta of the snapshot the copy is taken from
    record: dict[str, Any]


def carry_preview(
    target: WritableSession,
    sources: Iterable[dict[str, Any]],
    kinds: Iterable[str] = CARRY_KINDS,
    *,
    history: Iterable[dict[str, Any]] = (),
) -> list[CarryItem]:
    """What `carry_over` would copy: open items of `sources` not yet in `target`, oldest first.

    `history` are further snapshots (e.g. every other session in the store) that are not carried
    from but whose newer copies of an item decide its state: an item closed later is skipped.
    """
    kinds = tuple(kinds)
    sources = [s for s in sources if s["session"]["id"] != target.id]
    source_ids = {s["session"]["id"] for s in sources}
    skip = source_ids | {target.id}
    others = [s for s in history if s["session"]["id"] not in skip]
    already = {
        (r["origin"]["session"], r["origin"]["record"]) for r in target.records() if r.get("origin")
    }
    newest_anywhere = latest_versions([*sources, *others], kinds)
    newest_in_sources = latest_versions(sources, kinds)
    items: list[CarryItem] = []
    for key, (snapshot, record) in newest_in_sources.items():
        if key in already or key[0] == target.id:
            continue
        _, newest = newest_anywhere[key]
        if not is_still_open(newest) or not is_still_open(record):
            continue
        items.append(CarryItem(key=key, source=snapshot["session"], record=record))
    position = {
        (s["session"]["id"], r["id"]): n for s in sources for n, r in enumerate(s["records"])
    }
    items.sort(
        key=lambda i: (
            i.source.get("date") or "",
            i.source.get("created") or "",
            position.get((i.source["id"], i.record["id"]), 0),
        )
    )
    return items


def _person_label(person: dict[str, Any]) -> str:
    name, org = person.get("name", "").strip(), person.get("organisation", "").strip()
    if name and org and name != org:
        return f"{name} ({org})"
    return name or org or "(unnamed)"


def _name_key(person: dict[str, Any]) -> tuple[str, str]:
    return (
        person.get("name", "").strip().lower(),
        person.get("organisation", "").strip().lower(),
    )


def _map_stakeholders(
    target: WritableSession,
    snapshot_by_id: dict[str, dict[str, Any]],
    items: list[CarryItem],
    log: list[str],
    *,
    add_missing: bool,
) -> tuple[dict[str, str], dict[str, str]]:
    """Match the participants engagement decisions name with `target`'s register.

    Returns (old participant id -> id in `target`, old id -> label of someone not in `target`).
    A participant is matched by id, then by name and organisation. With `add_missing` one who
    is missing is added to `target` (not marked as attending); without it they are only named
    (the caller keeps the names in the carried record's text).
    """
    mapping: dict[str, str] = {}
    missing: dict[str, str] = {}
    present = target.participants
    by_id = {p["id"]: p for p in present}
    by_name = {_name_key(p): p for p in present}
    registers: dict[str, dict[str, dict[str, Any]]] = {}  # source session id -> its people by id
    for item in items:
        if item.record["kind"] != "engagement":
            continue
        source_id = item.source["id"]
        people = registers.get(source_id)
        if people is None:
            people = registers[source_id] = {
                p["id"]: p for p in snapshot_by_id[source_id].get("participants", [])}
        for pid in item.record.get("stakeholders", []):
            if pid in mapping or pid in missing:
                continue
            if pid in by_id:
                mapping[pid] = pid
                continue
            person = people.get(pid)
            if person is None:
                continue  # dangling id in the source: drop it rather than invent someone
            if _name_key(person) in by_name:
                mapping[pid] = by_name[_name_key(person)]["id"]
                continue
            if not add_missing:
                missing[pid] = _person_label(person)
                continue
            fields = {k: v for k, v in person.items() if k not in ("id", "attended")}
            added = target.add_participant(**fields, attended=False)
            log.append(f"add participant {added['id']}")
            by_id[added["id"]] = added
            by_name[_name_key(person)] = added
            mapping[pid] = added["id"]
    return mapping, missing


def named_stakeholders(items: Iterable[CarryItem], snapshots: Iterable[dict[str, Any]]) -> int:
    """How many distinct people the engagement decisions among `items` name (for the UI)."""
    known = {
        (s["session"]["id"], p["id"]) for s in snapshots for p in s.get("participants", [])
    }
    return len({
        (i.source["id"], pid)
        for i in items
        if i.record["kind"] == "engagement"
        for pid in i.record.get("stakeholders", [])
        if (i.source["id"], pid) in known
    })


def carry_over(
    target: WritableSession,
    sources: Iterable[dict[str, Any]],
    kinds: Iterable[str] = CARRY_KINDS,
    *,
    history: Iterable[dict[str, Any]] = (),
    log: list[str] | None = None,
    add_stakeholders: bool = False,
) -> list[dict[str, Any]]:
    """Copy open items of earlier sessions (snapshots) into `target`; return the new records.

    Each copy gets `origin` = {session, title, record} naming the session the item was first
    written in; an item already carried is skipped, so running it twice never duplicates
    anything. Of several copies of one item, the newest is carried. Links between carried items
    (an action made from an engagement decision, a benefit's actions) are re-pointed at their
    copies in `target`. The stakeholders an engagement decision names are linked when they are
    already in `target`'s register; the others are added to it only with `add_stakeholders`
    (not as attendees), else their names are kept in the copy's text ("...; named: Alice").
    A carried action starts with an empty status note, so it waits for the follow-up review.
    Every store change made is appended to `log` (when given), so a caller can undo exactly
    that many steps.
    """
    if log is None:
        log = []
    sources = list(sources)
    snapshot_by_id = {s["session"]["id"]: s for s in sources}
    items = carry_preview(target, sources, kinds, history=history)
    people, unnamed = _map_stakeholders(
        target, snapshot_by_id, items, log, add_missing=add_stakeholders
    )
    new_ids: dict[str, str] = {}  # source record id -> id of its copy in target
    for r in target.records():
        if r.get("origin"):
            new_ids[r["origin"]["record"]] = r["id"]
    added: list[dict[str, Any]] = []
    pending_links: list[tuple[dict[str, Any], CarryItem]] = []
    for item in items:
        record = item.record
        fields = {k: v for k, v in record.items() if k in KIND_FIELDS[record["kind"]]}
        carry = REGISTRY[record["kind"]].carry
        fields.update(carry.reset if carry else {})
        if record["kind"] == "engagement":
            fields["stakeholders"] = [people[p] for p in record["stakeholders"] if p in people]
            named = [unnamed[p] for p in record["stakeholders"] if p in unnamed]
            if named:
                text = fields.get("text", "").strip()
                fields["text"] = "; ".join(x for x in (text, f"named: {', '.join(named)}") if x)
        origin = record.get("origin") or {
            "session": item.source["id"],
            "title": item.source.get("title", ""),
            "record": record["id"],
        }
        copy = target.add_record(
            record["kind"],
            record["part"],
            rec=record.get("rec", ""),
            author=record.get("author", ""),
            origin=dict(origin),
            **fields,
        )
        log.append(f"add {copy['kind']} {copy['id']}")
        new_ids[record["id"]] = copy["id"]
        new_ids[item.key[1]] = copy["id"]
        added.append(copy)
        pending_links.append((copy, item))
    for index, (copy, item) in enumerate(pending_links):
        changes: dict[str, Any] = {}
        old_target = item.record.get("target", "")
        if old_target and old_target in new_ids:
            changes["target"] = new_ids[old_target]
        if item.record["kind"] == "benefit" and item.record.get("actions"):
            actions = [new_ids[a] for a in item.record["actions"] if a in new_ids]
            if actions != copy["actions"]:
                changes["actions"] = actions
        if changes:
            added[index] = target.update_record(copy["id"], **changes)
            log.append(f"link {copy['id']}")
    return added


REVIEW_OUTCOMES = ("done", "still open", "dropped")


def review_carried_action(
    session: WritableSession,
    record_id: str,
    outcome: str,
    *,
    new_due: str = "",
    reason: str = "",
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Record the follow-up review of one carried-over action (done / still open / dropped).

    A still-open action needs a new due date from `today` on (typed as YYYY-MM-DD or relative,
    e.g. +2w): keeping an overdue date would leave it overdue the moment it is reviewed.
    """
    if outcome not in REVIEW_OUTCOMES:
        choices = ", ".join(REVIEW_OUTCOMES)
        raise WorkshopError(f"review outcome {outcome!r} is not one of: {choices}")
    changes: dict[str, Any] = {}
    if outcome == "done":
        changes = {"status": "done", "status_note": reason or "done by the follow-up review"}
    elif outcome == "still open":
        if not new_due.strip():
            raise WorkshopError(
                "a still-open action needs a new due date: type it as YYYY-MM-DD or +2w"
            )
        try:
            due = parse_due(new_due, today)
        except WorkshopError:
            raise WorkshopError(
                f"new due date {new_due.strip()!r} not understood: {DUE_HELP}"
            ) from None
        if due < (today or dt.date.today()).isoformat():
            raise WorkshopError(
                f"new due date {due} is in the past: give a date from today on, e.g. +2w"
            )
        changes["due"] = due
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


__all__ = [
    "CARRY_KINDS",
    "REVIEW_OUTCOMES",
    "CarryItem",
    "absent_sectors",
    "city_history",
    "city_key",
    "same_city",
    "covered_sector_parts",
    "carry_preview",
    "latest_versions",
    "named_stakeholders",
    "origin_key",
    "sector_presence",
    "session_order",
    "PartHistory",
    "carry_over",
    "carryable",
    "follow_up_queue",
    "is_still_open",
    "part_history",
    "review_carried_action",
    "sector_coverage",
]
