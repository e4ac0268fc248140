"""Which stakeholder sectors took part in each part of a session (the ISO 37106 sector grid).

Kept apart from the carry-over: the stakeholder grid, the summary and the exports ask it of one
snapshot, without any earlier session. No Textual, no TinyDB.
"""

from __future__ import annotations

from typing import Any

from workshop.coverage import covered_parts, is_new_record
from workshop.records import SECTORS


def _label(person: dict[str, Any]) -> str:
    return person.get("name") or person.get("organisation") or "?"


def _took_part(snapshot: dict[str, Any], covered: set[str] | None
               ) -> tuple[list[str], list[tuple[str, list[dict[str, Any]]]]]:
    """The parts, in order, and who took part in each as (part, people) pairs, by the rule
    `sector_presence` states (the attendees of a covered part come as one shared list)."""
    participants = snapshot.get("participants", [])
    by_name: dict[str, dict[str, Any]] = {}
    by_id: dict[str, dict[str, Any]] = {}
    for p in participants:
        by_id[p["id"]] = p
        for key in (p.get("name", ""), p.get("organisation", "")):
            if key.strip():
                by_name.setdefault(key.strip().lower(), p)
    records = [r for r in snapshot.get("records", []) if is_new_record(r)]
    if covered is None:
        covered = covered_sector_parts(snapshot)
    parts = dict.fromkeys(item["part"] for item in snapshot.get("agenda", []))
    for r in records:
        if r["part"]:
            parts.setdefault(r["part"])
    attendees = [p for p in participants if p.get("attended", True)]
    pairs = [(part, attendees) for part in covered if part in parts]
    authors: dict[str, list[dict[str, Any]]] = {}  # one shared list per author as written
    for r in records:
        if r["part"] not in parts:
            continue
        written = r.get("author", "")
        author = authors.get(written)
        if author is None:
            found = by_name.get(written.strip().lower())
            author = authors[written] = [found] if found is not None else []
        if author:
            pairs.append((r["part"], author))
        if r["kind"] == "engagement":
            pairs.append((r["part"], [by_id[pid] for pid in r.get("stakeholders", [])
                                      if pid in by_id]))
    return list(parts), pairs


def sector_presence(snapshot: dict[str, Any], covered: set[str] | None = None
                    ) -> dict[str, dict[str, list[str]]]:
    """Parts x sectors -> names of the people of that sector present for that part.

    A sector is present on a part when someone of it
    - attended this session and the part was covered (time spent on it, or something new
      recorded on it: see workshop.coverage), or
    - authored a record on it (matched by name or organisation), or
    - was engaged on it by an engagement decision made in this session.
    Carried-over records (origin set) never count: they neither cover a part nor put anyone
    in the room. Parts are the agenda's, then any other part with a new record, in order of
    first appearance; a part not covered has empty rows (see `covered_sector_parts`).
    `covered` is `covered_sector_parts(snapshot)` when the caller has it already.
    """
    parts, pairs = _took_part(snapshot, covered)
    table = {part: {sector: [] for sector in SECTORS} for part in parts}
    seen: set[tuple[str, str, str]] = set()  # (part, sector, label) already listed
    for part, people in pairs:
        row = table[part]
        for person in people:
            if person.get("sector") not in row:
                continue
            label = _label(person)
            key = (part, person["sector"], label)
            if key not in seen:
                seen.add(key)
                row[person["sector"]].append(label)
    return table


def present_sectors(snapshot: dict[str, Any], covered: set[str] | None = None
                    ) -> dict[str, set[str]]:
    """Parts x the sectors present on each: `sector_presence`'s rule giving sets of sectors
    instead of names, for reports over hundreds of sessions (quicker: the room's sectors are
    worked out once, not per person and part)."""
    parts, pairs = _took_part(snapshot, covered)
    table: dict[str, set[str]] = {part: set() for part in parts}
    known = set(SECTORS)
    sectors_of: dict[int, set[str]] = {}  # each shared list (attendees, an author): once
    for part, people in pairs:
        found = sectors_of.get(id(people))
        if found is None:  # (every list stays alive in `pairs`, so an id is never reused)
            found = sectors_of[id(people)] = {p.get("sector") for p in people} & known
        table[part] |= found
    return table


def covered_sector_parts(snapshot: dict[str, Any]) -> set[str]:
    """The parts this session covered (time spent or a new record; carried-over ones don't)."""
    return covered_parts(snapshot.get("agenda", []), snapshot.get("records", []))


def sector_coverage(snapshot: dict[str, Any]) -> dict[str, dict[str, bool]]:
    """Parts x sectors: whether any stakeholder of the sector took part (see sector_presence)."""
    return {
        part: {sector: bool(names) for sector, names in row.items()}
        for part, row in sector_presence(snapshot).items()
    }


def absent_sectors(snapshot: dict[str, Any]) -> dict[str, list[str]]:
    """Per covered part, the sectors nobody took part for (in SECTORS order).

    A part not covered yet is left out: nobody can be absent from what has not happened.
    """
    covered = covered_sector_parts(snapshot)
    return {
        part: [sector for sector, present in row.items() if not present]
        for part, row in sector_coverage(snapshot).items()
        if part in covered
    }
