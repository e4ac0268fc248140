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
    table: dict[str, dict[str, list[str]]] = {
        part: {sector: [] for sector in SECTORS} for part in parts
    }
    seen: set[tuple[str, str, str]] = set()  # (part, sector, label) already listed

    def add(part: str, person: dict[str, Any] | None) -> None:
        row = table[part]
        if person is None or person.get("sector") not in row:
            return
        label = _label(person)
        key = (part, person["sector"], label)
        if key not in seen:
            seen.add(key)
            row[person["sector"]].append(label)

    attendees = [p for p in participants if p.get("attended", True)]
    for part in covered:
        if part in table:
            for person in attendees:
                add(part, person)
    for r in records:
        if r["part"] not in table:
            continue
        add(r["part"], by_name.get(r.get("author", "").strip().lower()))
        if r["kind"] == "engagement":
            for pid in r.get("stakeholders", []):
                add(r["part"], by_id.get(pid))
    return table


def present_sectors(snapshot: dict[str, Any], covered: set[str] | None = None
                    ) -> dict[str, set[str]]:
    """Parts x the sectors present on each: `sector_presence`'s rule giving sets of sectors
    instead of names, for reports over hundreds of sessions (several times quicker: the room's
    sectors are worked out once, not per person and part). Tests hold the two equal."""
    participants = snapshot.get("participants", [])
    by_name: dict[str, dict[str, Any]] = {}
    by_id: dict[str, dict[str, Any]] = {}
    for p in participants:
        by_id[p["id"]] = p
        for key in (p.get("name", ""), p.get("organisation", "")):
            if key.strip():
                by_name.setdefault(key.strip().lower(), p)
    records = [r for r in snapshot.get("records", []) if not r.get("origin")]  # is_new_record
    if covered is None:
        covered = covered_sector_parts(snapshot)
    table: dict[str, set[str]] = {item["part"]: set() for item in snapshot.get("agenda", [])}
    for r in records:
        if r["part"]:
            table.setdefault(r["part"], set())
    sectors = set(SECTORS)
    room = {p.get("sector") for p in participants if p.get("attended", True)} & sectors
    for part in covered:
        if part in table:
            table[part] |= room
    author_sector: dict[str, str | None] = {}  # a session has a handful of authors
    for r in records:
        row = table.get(r["part"])
        if row is None:
            continue
        author = r.get("author", "")
        if author in author_sector:
            sector = author_sector[author]
        else:
            person = by_name.get(author.strip().lower())
            sector = author_sector[author] = (
                person["sector"] if person is not None and person.get("sector") in sectors
                else None)
        if sector is not None:
            row.add(sector)
        if r["kind"] == "engagement":
            for pid in r.get("stakeholders", []):
                person = by_id.get(pid)
                if person is not None and person.get("sector") in sectors:
                    row.add(person["sector"])
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
