"""Participation from the room, for the summary: how many phones joined, what they sent by kind,
and by sector when the room asked for names.

Why its own module: it reads two things the rest of the summary does not, the room's records
(`via="room"`, by pseudonymous device) and the phones kept in the session's ui state, both
hostile until checked (workshop.records' rules). It never returns a name: the sector table
counts devices and contributions, so `--no-names` needs nothing more here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workshop.records import SECTORS, room_devices_of

KINDS = ("ideas", "dots", "ratings", "answers")


@dataclass(frozen=True)
class SectorParticipation:
    sector: str  # one of SECTORS, or "" (not given)
    devices: int
    ideas: int
    dots: int
    ratings: int
    answers: int  # poll answers


@dataclass(frozen=True)
class RoomParticipation:
    devices: int  # phones that joined (including those that sent nothing)
    contributing: int  # phones with at least one contribution kept
    ideas: int
    dots: int
    ratings: int
    answers: int
    by_sector: tuple[SectorParticipation, ...]  # empty unless some phone gave its sector


def _poll_options(ui: Any) -> set[str]:
    """The idea ids that are poll options (a vote on one is a poll answer, not dots)."""
    room = ui.get("room") if isinstance(ui, Mapping) else None
    parts = room.get("parts") if isinstance(room, Mapping) else None
    ids: set[str] = set()
    for activities in (parts.values() if isinstance(parts, Mapping) else ()):
        poll = activities.get("poll") if isinstance(activities, Mapping) else None
        options = poll.get("options") if isinstance(poll, Mapping) else None
        for option in (options if isinstance(options, list) else ()):
            if isinstance(option, Mapping) and isinstance(option.get("id"), str):
                ids.add(option["id"])
    return ids


def _count(records: Iterable[Mapping[str, Any]], options: set[str]) -> dict[str, int]:
    counts = dict.fromkeys(KINDS, 0)
    for r in records:
        kind = r.get("kind")
        if kind == "idea":
            counts["ideas"] += 1
        elif kind == "rating":
            counts["ratings"] += 1
        elif kind == "vote" and r.get("target") in options:
            counts["answers"] += 1
        elif kind == "vote":
            dots = r.get("dots")
            counts["dots"] += dots if type(dots) is int and dots > 0 else 0
    return counts


def room_participation(records: Iterable[Mapping[str, Any]], ui: Any
                       ) -> RoomParticipation | None:
    """From the records the summary keeps (hidden and pending left out) and the ui state;
    None when no phone ever joined."""
    mine: dict[str, list[Mapping[str, Any]]] = {}
    for r in records:
        device = r.get("device")
        if r.get("via") == "room" and isinstance(device, str) and device:
            mine.setdefault(device, []).append(r)
    known = room_devices_of(ui)
    devices = set(known) | set(mine)
    if not devices:
        return None
    options = _poll_options(ui)
    total = _count((r for rs in mine.values() for r in rs), options)
    by_sector: list[SectorParticipation] = []
    if any(d["sector"] for d in known.values()):
        for sector in (*SECTORS, ""):
            members = [d for d in devices if known.get(d, {}).get("sector", "") == sector]
            if members:
                counts = _count((r for d in members for r in mine.get(d, ())), options)
                by_sector.append(SectorParticipation(sector, len(members), **counts))
    return RoomParticipation(len(devices), len(mine), **total, by_sector=tuple(by_sector))
