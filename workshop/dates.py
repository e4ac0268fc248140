"""Due dates as people type them: "2026-12-01", "+2w", "+3d", "tomorrow", "next friday".

`parse_due(text, today)` returns a "YYYY-MM-DD" string ("" for empty input) or raises a one-line
WorkshopError that says what is accepted. No Textual here: forms and the CLI share it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from workshop.errors import WorkshopError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT_DAYS = {name[:3]: i for i, name in enumerate(WEEKDAYS)}
_UNITS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "month": "m", "months": "m",
    "y": "y", "yr": "y", "year": "y", "years": "y",
}
_RELATIVE = re.compile(r"^(?:\+|in\s+)(\d{1,4})\s*([a-z]+)$")
HELP = "use YYYY-MM-DD, +3d, +2w, +1m, today, tomorrow, friday, next friday or 'in 2 weeks'"


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _weekday(name: str) -> int | None:
    name = name.rstrip(".")
    if name in WEEKDAYS:
        return WEEKDAYS.index(name)
    if name in _SHORT_DAYS or (len(name) >= 3 and name[:3] in _SHORT_DAYS and
                               WEEKDAYS[_SHORT_DAYS[name[:3]]].startswith(name)):
        return _SHORT_DAYS[name[:3]]
    return None


def _next_weekday(today: dt.date, weekday: int) -> dt.date:
    """The first such weekday strictly after today."""
    return today + dt.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def parse_due(text: str, today: dt.date | None = None) -> str:
    """Turn typed due-date text into "YYYY-MM-DD" ("" stays ""); WorkshopError if not understood."""
    today = today or dt.date.today()
    raw = text
    text = " ".join(str(text).strip().lower().split())
    if not text:
        return ""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise WorkshopError(f"due date {raw!r} is not a real date: {HELP}") from None
    if text in ("today", "now"):
        return today.isoformat()
    if text in ("tomorrow", "tmrw", "tmr"):
        return (today + dt.timedelta(days=1)).isoformat()
    if text == "next week":
        return (today + dt.timedelta(weeks=1)).isoformat()
    if text == "next month":
        return add_months(today, 1).isoformat()
    if text in ("end of month", "eom"):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1]).isoformat()
    match = _RELATIVE.match(text)
    if match:
        count, unit = int(match.group(1)), _UNITS.get(match.group(2))
        if unit == "d":
            return (today + dt.timedelta(days=count)).isoformat()
        if unit == "w":
            return (today + dt.timedelta(weeks=count)).isoformat()
        if unit == "m":
            return add_months(today, count).isoformat()
        if unit == "y":
            return add_months(today, 12 * count).isoformat()
    words = text.split()
    if len(words) in (1, 2) and (len(words) == 1 or words[0] in ("next", "this", "on")):
        weekday = _weekday(words[-1])
        if weekday is not None:
            # "friday", "this friday" and "next friday" all mean the first Friday after today;
            # the form shows the resolved date, so the facilitator sees exactly which day it is.
            return _next_weekday(today, weekday).isoformat()
    raise WorkshopError(f"due date {raw!r} is not understood: {HELP}")


def describe_due(due: str, today: dt.date | None = None) -> str:
    """'Fri 4 Dec 2026 (in 9 days)' for showing a parsed date beside the field."""
    if not due:
        return ""
    today = today or dt.date.today()
    day = dt.date.fromisoformat(due)
    delta = (day - today).days
    if delta == 0:
        when = "today"
    elif delta == 1:
        when = "tomorrow"
    elif delta > 0:
        when = f"in {delta} days"
    elif delta == -1:
        when = "yesterday, in the past"
    else:
        when = f"{-delta} days ago, in the past"
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')} ({when})"
