"""The tally grid's rules: voters or tables as rows, a part's items as columns, one cell each.

Why: a room without phones or network still votes, and typing each person's dots through a form
took five dialogs for three people. The grid reads the part's vote and rating records into
cells and turns one typed cell value into the few store calls that make the records say it
(add, change or remove), so what the grid shows is always what is on disk.
Core module: no Textual; it writes through the Session's public API only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError

if TYPE_CHECKING:
    from workshop.guide.model import Part

DOTS = "dots"
RATINGS = "ratings"
LEVELS = range(1, 6)  # the maturity scale a rating cell takes
DEFAULT_TABLES = 4


@dataclass(frozen=True)
class Column:
    """One item voters give dots to (an idea or a recommendation) or rate (a recommendation)."""

    label: str  # short header, e.g. "I3" or "R1"
    title: str  # the idea's text or the recommendation's title
    target: str = ""  # idea record id (dots on an idea)
    rec: str = ""  # recommendation id, e.g. "B3.R1"


def shown(record: dict[str, Any]) -> bool:
    """False for a contribution the facilitator hid (moderation); it takes no new votes."""
    return not record.get("hidden")


def dot_columns(part: Part, records: Iterable[dict[str, Any]]) -> list[Column]:
    """The part's ideas (oldest first); when it has none, its recommendations."""
    ideas = [r for r in records if r.get("kind") == "idea" and shown(r)]
    if ideas:
        return [Column(f"I{r['no']}", str(r.get("text", "")), target=r["id"]) for r in ideas]
    return rating_columns(part)


def rating_columns(part: Part) -> list[Column]:
    return [Column(rec.id.rsplit(".", 1)[-1], rec.title, rec=rec.id)
            for rec in part.recommendations]


def tallied(record: dict[str, Any]) -> bool:
    """A vote or rating typed by the facilitator (the grid's own), not one a phone sent: the
    grid never changes a participant's own contribution; phones' dots count in the totals."""
    return record.get("via", "") != "room"


def same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def voter_of(record: dict[str, Any]) -> str:
    """Who a vote or rating is from: a vote's voter, a rating's author (table or name)."""
    if record.get("kind") == "vote":
        return str(record.get("voter", "") or record.get("author", ""))
    return str(record.get("author", ""))


def table_names(count: int) -> list[str]:
    return [f"Table {n}" for n in range(1, count + 1)]


def rows(mode: str, records: Iterable[dict[str, Any]], people: Sequence[str], *,
         tables: bool, extra: Sequence[str] = ()) -> list[str]:
    """Row names: the people in the room (or tables), then anyone else who already voted or
    rated on this part, then rows the facilitator added. Each name once (case-insensitive)."""
    kind = "vote" if mode == DOTS else "rating"
    voted = [voter_of(r) for r in records if r.get("kind") == kind and tallied(r)]
    if tables:
        numbers = [int(m.group(1)) for v in voted if (m := re.fullmatch(r"table (\d+)", v.strip(),
                                                                       re.IGNORECASE))]
        base = table_names(max([DEFAULT_TABLES, *[n for n in numbers if n <= 99]]))
    else:
        base = list(people)
    names: list[str] = []
    for name in [*base, *voted, *extra]:
        if name.strip() and not any(same(name, n) for n in names):
            names.append(name.strip())
    return names


def _matches(record: dict[str, Any], kind: str, voter: str, column: Column) -> bool:
    return (record.get("kind") == kind and tallied(record) and same(voter_of(record), voter)
            and record.get("target", "") == column.target and record.get("rec", "") == column.rec)


def dot_records(records: Iterable[dict[str, Any]], voter: str, column: Column) -> list[dict]:
    return [r for r in records if _matches(r, "vote", voter, column)]


def dots_in(records: Iterable[dict[str, Any]], voter: str, column: Column) -> int:
    return sum(int(r.get("dots", 0)) for r in dot_records(records, voter, column))


def dots_used(records: Iterable[dict[str, Any]], voter: str) -> int:
    """Dots a voter has spent on the part (all columns)."""
    return sum(int(r.get("dots", 0)) for r in records
               if r.get("kind") == "vote" and tallied(r) and same(voter_of(r), voter))


def column_dots(records: Iterable[dict[str, Any]], column: Column) -> int:
    """Every dot on the column, the phones' too."""
    return sum(int(r.get("dots", 0)) for r in records if r.get("kind") == "vote"
               and r.get("target", "") == column.target and r.get("rec", "") == column.rec)


def rating_in(records: Iterable[dict[str, Any]], voter: str, column: Column) -> dict | None:
    """The voter's newest rating of the column's recommendation, or None."""
    found = [r for r in records if _matches(r, "rating", voter, column)]
    return found[-1] if found else None


def check_dots(records: Sequence[dict[str, Any]], voter: str, column: Column, dots: int,
               budget: int) -> None:
    """Raise a one-line WorkshopError when `dots` in this cell would overspend the budget."""
    if not 0 <= dots <= 9:
        raise WorkshopError(f"dots in one cell are 0-9, not {dots}")
    spent_elsewhere = dots_used(records, voter) - dots_in(records, voter, column)
    if spent_elsewhere + dots > budget:
        left = max(budget - spent_elsewhere, 0)
        fix = f"type {left} or less here" if left else "clear another cell first"
        raise WorkshopError(f"{voter} has {left} of {budget} dots left on this part: {fix}, "
                            f"or raise the budget (b)")


def set_dots(session: Any, part: str, records: Sequence[dict[str, Any]], voter: str,
             column: Column, dots: int) -> list[str]:
    """Make the voter's dots on the column `dots` (0 removes them); returns what was done."""
    found = dot_records(records, voter, column)
    done: list[str] = []
    if found and dots:
        first, rest = found[0], found[1:]
        if int(first.get("dots", 0)) != dots:
            session.update_record(first["id"], dots=dots)
            done.append(f"vote {first['no']}")
    else:
        rest = found
        if dots:
            added = session.add_record("vote", part, voter=voter, author=voter, dots=dots,
                                       target=column.target, rec=column.rec)
            done.append(f"vote {added['no']}")
    for record in rest:
        session.delete_record(record["id"])
        done.append(f"vote {record['no']} removed")
    return done


def set_rating(session: Any, part: str, records: Sequence[dict[str, Any]], voter: str,
               column: Column, levels: tuple[int, int] | None) -> list[str]:
    """Make the voter's rating of the column (now, target); None removes it."""
    if levels is not None and not all(level in LEVELS for level in levels):
        raise WorkshopError(f"maturity levels are 1-5, not {levels[0]} and {levels[1]}")
    record = rating_in(records, voter, column)
    if levels is None:
        if record is None:
            return []
        session.delete_record(record["id"])
        return [f"rating {record['no']} removed"]
    current, target = levels
    if record is None:
        added = session.add_record("rating", part, author=voter, rec=column.rec,
                                   current=current, target_level=target)
        return [f"rating {added['no']}"]
    if (record.get("current"), record.get("target_level")) == levels:
        return []
    session.update_record(record["id"], current=current, target_level=target)
    return [f"rating {record['no']}"]
