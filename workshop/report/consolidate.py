"""What a programme report keeps of each session: only the rows of its tables, so sessions can be
read one at a time and dropped (500 sessions of 200 records stay far below 300 MiB).

A record carried over from an earlier session (its `origin`) is the same item as the original:
the copy in the latest session (by date, then creation time) stands for it. Two copies of one
session that diverged are kept apart by their `note`. Kinds are read from the registry, so a kind
with a carry-over rule and no hand-made section (the parking lot's questions) gets its open items
listed with no edit here. No Textual, no TinyDB.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workshop.city_history import city_key, origin_key
from workshop.coverage import is_new_record
from workshop.kinds import REGISTRY
from workshop.kinds.model import Kind
from workshop.records import SECTORS
from workshop.sector_presence import covered_sector_parts, present_sectors

#: Kinds with a section of their own in the report; other carried kinds are listed generically.
OWN_SECTIONS = frozenset({"action", "decision", "rating", "risk", "benefit"})


@dataclass(frozen=True, slots=True)
class SessionRef:
    """The session a row came from, as the report names it."""

    id: str
    title: str
    date: str
    created: str
    city: str
    note: str = ""  # "copy in PATH" for a copy that diverged from another

    @property
    def order(self) -> tuple[str, str, str]:
        return (self.date, self.created, self.note)

    @property
    def label(self) -> str:
        name = self.title or self.id
        return f"{name} ({self.note})" if self.note else name

    @property
    def short(self) -> str:
        """A matrix column's heading: the date, else the session id (never user text: headings
        are our words in every writer)."""
        return (self.date or self.id) + (" *" if self.note else "")


@dataclass(slots=True)
class Row:
    """One item of a register, in the latest session that holds it."""

    session: SessionRef
    record: dict[str, Any]


@dataclass(slots=True)
class RiskTrack:
    """One risk across sessions: its latest row, and its score in each session."""

    latest: Row
    scores: list[tuple[SessionRef, int, int]] = field(default_factory=list)  # (s, lk, im)


def part_order(part: str) -> list[Any]:
    """B2 before B11: digits compared as numbers."""
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", part)]




@dataclass
class Programme:
    """Everything the report says, gathered one session at a time (`add`)."""

    kinds: Mapping[str, Kind] = field(default_factory=lambda: REGISTRY)
    sessions: list[SessionRef] = field(default_factory=list)
    actions: dict[tuple[str, ...], Row] = field(default_factory=dict)
    decisions: dict[tuple[str, ...], Row] = field(default_factory=dict)
    ratings: dict[str, dict[SessionRef, tuple[int, int, int]]] = field(default_factory=dict)
    covered: dict[str, set[str]] = field(default_factory=dict)  # part -> sectors present
    risks: dict[tuple[str, ...], RiskTrack] = field(default_factory=dict)
    benefits: dict[tuple[str, ...], Row] = field(default_factory=dict)
    open_items: dict[str, dict[tuple[str, ...], Row]] = field(default_factory=dict)

    def generic_kinds(self) -> list[Kind]:
        """Kinds carried over until closed, with no section of their own (e.g. questions)."""
        return [k for name, k in self.kinds.items()
                if k.carry is not None and name not in OWN_SECTIONS and k.layout != "own"]

    def add(self, snapshot: dict[str, Any], note: str = "") -> None:
        meta = snapshot["session"]
        ref = SessionRef(meta.get("id", ""), meta.get("title", ""), meta.get("date", ""),
                         meta.get("created", ""), meta.get("city", ""), note)
        self.sessions.append(ref)
        generic = {k.name: k for k in self.generic_kinds()}
        wanted = OWN_SECTIONS | generic.keys()
        for record in snapshot["records"]:
            kind = record["kind"]
            if kind not in wanted:
                continue  # notes, ideas, votes: nothing in the report lists them
            if record.get("hidden") or record.get("pending"):
                continue  # as in every document: what the moderator hid or has not approved
            key = (*origin_key(snapshot, record), note)
            if kind == "action":
                self._latest(self.actions, key, ref, record)
            elif kind == "decision":
                self._latest(self.decisions, key, ref, record)
            elif kind == "rating" and is_new_record(record):
                cur, tgt, n = self.ratings.setdefault(record["part"], {}).get(ref, (0, 0, 0))
                self.ratings[record["part"]][ref] = (cur + record["current"],
                                                     tgt + record["target_level"], n + 1)
            elif kind == "risk":
                self._risk(snapshot, ref, record, note)
            elif kind == "benefit":
                self._latest(self.benefits, key, ref, record)
            elif kind in generic:
                self._latest(self.open_items.setdefault(kind, {}), key, ref, dict(record))
        covered = covered_sector_parts(snapshot)
        presence = present_sectors(snapshot, covered)
        for part in covered:
            self.covered.setdefault(part, set()).update(presence.get(part, ()))

    @staticmethod
    def _latest(table: dict[tuple[str, ...], Row], key: tuple[str, ...], ref: SessionRef,
                record: dict[str, Any]) -> None:
        have = table.get(key)
        if have is None or ref.order >= have.session.order:
            table[key] = Row(ref, record)

    def _risk(self, snapshot: dict[str, Any], ref: SessionRef, record: dict[str, Any],
              note: str) -> None:
        """The same risk: the same checklist risk in the same city, else the same item carried
        over from session to session."""
        if record.get("risk"):
            key: tuple[str, ...] = ("checklist", city_key(snapshot), record["risk"], note)
        else:
            key = (*origin_key(snapshot, record), note)
        row = Row(ref, record)
        track = self.risks.get(key)
        if track is None:
            track = self.risks[key] = RiskTrack(row)
        elif ref.order >= track.latest.session.order:
            track.latest = row
        if record["likelihood"] and record["impact"]:
            track.scores.append((ref, record["likelihood"], record["impact"]))

    # views the document is built from ----------------------------------------------------------
    def ordered_sessions(self) -> list[SessionRef]:
        return sorted(self.sessions, key=lambda s: s.order)

    def never_present(self) -> dict[str, list[str]]:
        """Per part covered in any session, the sectors never in the room for it."""
        return {part: [s for s in SECTORS if s not in self.covered[part]]
                for part in sorted(self.covered, key=part_order)}
