"""Which agenda parts a session has covered: the one rule every screen, list and export uses.

A part is covered when time was spent on it or something NEW was recorded on it in this session.
Records carried over from an earlier session (their `origin` is set) do not count: bringing last
month's actions along is not discussing the part today.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def is_new_record(record: Mapping[str, Any]) -> bool:
    """True for a record made in this session (not carried over from an earlier one)."""
    return not record.get("origin")


def covered_parts(agenda: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]]
                  ) -> set[str]:
    """Part ids with time spent (agenda) or at least one new record (carried-over ones excluded)."""
    covered: set[str] = set()
    for item in agenda:
        spent = item.get("spent", 0)
        if isinstance(spent, int) and not isinstance(spent, bool) and spent > 0:
            covered.add(str(item.get("part", "")))
    covered.update(str(r.get("part", "")) for r in records if r.get("part") and is_new_record(r))
    return covered


def covered_count(agenda: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]]
                  ) -> int:
    """How many distinct agenda parts are covered."""
    items = list(agenda)
    covered = covered_parts(items, records)
    planned = dict.fromkeys(str(item.get("part", "")) for item in items)
    return sum(1 for part in planned if part in covered)
