"""A city's earlier sessions: the order they were held in, where a carried item was first
written, and what they agreed on one part (the walkthrough's "earlier sessions" panel).

Kept apart from the carry-over, which uses the same ordering; no Textual, no TinyDB.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def origin_key(snapshot: dict[str, Any], record: dict[str, Any]) -> tuple[str, str]:
    """(session id, record id) of the first session a record was written in."""
    if record.get("origin"):
        return (record["origin"]["session"], record["origin"]["record"])
    return (snapshot["session"]["id"], record["id"])


def session_order(snapshot: dict[str, Any]) -> tuple[str, str]:
    """Sort key putting sessions in the order they were held (date, then creation time)."""
    meta = snapshot["session"]
    return (meta.get("date") or "", meta.get("created") or "")


def city_key(snapshot: dict[str, Any]) -> str:
    """The session's city as compared across sessions: trimmed, case-folded ("" when unset)."""
    return " ".join(str(snapshot["session"].get("city") or "").split()).casefold()


def same_city(current: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `other` is a session of `current`'s city (never when either city is empty).

    Another city's workshops are not this city's history: they are not pre-ticked for carry-over
    and do not show in a part's "earlier sessions".
    """
    city = city_key(current)
    return bool(city) and city_key(other) == city


def city_history(
    current: dict[str, Any], snapshots: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The other sessions of `current`'s city, oldest first (empty when the city is empty)."""
    here = current["session"]["id"]
    return sorted(
        (s for s in snapshots if s["session"]["id"] != here and same_city(current, s)),
        key=session_order,
    )


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
    """Compare a part across sessions; `earlier` are snapshots of other sessions (any order).

    Only sessions of the same city (see `same_city`) held before `current` count (by date, then
    creation time). An item carried through several sessions is listed once, as its newest copy
    before `current`.
    """
    here = session_order(current)
    earlier = [s for s in city_history(current, earlier) if session_order(s) <= here]
    agreed: dict[tuple[str, str], tuple[str, dict[str, Any]]] = {}
    previous: list[dict[str, Any]] = []
    for snap in earlier:
        title = snap["session"].get("title", "")
        records = [r for r in snap.get("records", []) if r["part"] == part]
        for r in records:
            if (r["kind"] == "decision" and r["outcome"] == "agreed") or r["kind"] == "action":
                key = origin_key(snap, r)
                agreed.pop(key, None)  # re-insert so the order follows the newest copy
                agreed[key] = (title, r)
        ratings = [r for r in records if r["kind"] == "rating"]
        if ratings:
            previous = ratings
    now = [r for r in current.get("records", []) if r["part"] == part and r["kind"] == "rating"]
    return PartHistory(
        part=part,
        agreed=tuple(agreed.values()),
        previous_current=_average([r["current"] for r in previous]),
        previous_target=_average([r["target_level"] for r in previous]),
        now_current=_average([r["current"] for r in now]),
        now_target=_average([r["target_level"] for r in now]),
    )
