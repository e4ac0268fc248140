"""Which agenda parts a session has covered: the one rule every screen, list and export uses.

A part is covered when the room worked on it in this session: something NEW was captured on it,
or at least MIN_COVERED_SECONDS were spent on it (its agenda items added up). Passing through a
part on the way to another (a second on its clock, nothing captured) is not covering it, so
nobody is credited with attending it. Records carried over from an earlier session (their
`origin` is set) do not count: bringing last month's actions along is not discussing the part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

MIN_COVERED_SECONDS = 120  # two minutes: long enough to read a part out and hear one reaction


def is_new_record(record: Mapping[str, Any]) -> bool:
    """True for a record made in this session (not carried over from an earlier one)."""
    return not record.get("origin")


def _seconds(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 0


def covered_parts(agenda: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]]
                  ) -> set[str]:
    """Part ids with MIN_COVERED_SECONDS spent (agenda) or at least one new record."""
    spent: dict[str, int] = defaultdict(int)
    for item in agenda:
        spent[str(item.get("part", ""))] += _seconds(item.get("spent", 0))
    covered = {part for part, seconds in spent.items() if seconds >= MIN_COVERED_SECONDS}
    covered.update(str(r.get("part", "")) for r in records if r.get("part") and is_new_record(r))
    return covered


def covered_count(agenda: Iterable[Mapping[str, Any]], records: Iterable[Mapping[str, Any]]
                  ) -> int:
    """How many distinct agenda parts are covered."""
    items = list(agenda)
    covered = covered_parts(items, records)
    planned = dict.fromkeys(str(item.get("part", "")) for item in items)
    return sum(1 for part in planned if part in covered)
