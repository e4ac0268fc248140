"""Due dates as people type them: "15/12", "15/12/2026", "2026-12-15", "+2w", "friday".

`parse_due(text, base)` returns a "YYYY-MM-DD" string ("" for empty input) or raises a one-line
WorkshopError naming the field and the accepted forms. No Textual here: forms and the CLI share it.

- Numeric dates are day first (15/12/2026, 15.12.2026, 15-12-2026, 15/12/26) as officers in the
  UK and EU write them; the setting `"date_order": "month-first"` in the app's config.json reads
  12/15/2026 instead. YYYY-MM-DD (and 2026/12/15) is always year, month, day.
- A date without a year (15/12, 15 Dec) is the first such day on or after the base date.
- Relative dates (+3d, +2w, +1m, in 2 weeks, tomorrow, friday, end of month) count from `base`:
  today, or the session's date when the session is not today (minutes typed up afterwards).
- `friday` (also `this friday`, `fri`) is the coming Friday: the base day itself when it is a
  Friday. `next friday` is the Friday of next week (weeks run Monday to Sunday), so on Monday to
  Friday the two are a week apart; on a Saturday or Sunday the coming Friday already is in next
  week, and both give that day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from workshop.errors import WorkshopError

DAY_FIRST = "day-first"
MONTH_FIRST = "month-first"
DATE_ORDERS = (DAY_FIRST, MONTH_FIRST)

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT_DAYS = {name[:3]: i for i, name in enumerate(WEEKDAYS)}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_UNITS = {
    "d": "d", "day": "d", "days": "d",
    "w": "w", "wk": "w", "wks": "w", "week": "w", "weeks": "w",
    "m": "m", "mo": "m", "month": "m", "months": "m",
    "y": "y", "yr": "y", "year": "y", "years": "y",
}
_RELATIVE = re.compile(r"^(?:\+|in\s+)(\d{1,4})\s*([a-z]+)$")
_YEAR_FIRST = re.compile(r"^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?\.?$")
_DAY_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?(?:,?\s+(\d{4}))?$")
_NAME_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")

_default_order = DAY_FIRST


def set_date_order(order: str) -> None:
    """Choose how 01/02/2026 is read for this run (from the config's "date_order")."""
    global _default_order
    if order not in DATE_ORDERS:
        raise WorkshopError(f"date order {order!r} is not one of: {', '.join(DATE_ORDERS)}")
    _default_order = order


def date_order() -> str:
    return _default_order


def accepted_forms(order: str | None = None) -> str:
    """The forms a date field accepts, for help text and error messages."""
    example = "15/12/2026, 15/12" if (order or _default_order) == DAY_FIRST else \
        "12/15/2026, 12/15"
    return (f"use {example}, YYYY-MM-DD, +3d, +2w, +1m, today, tomorrow, friday, "
            "next friday or end of month")


HELP = accepted_forms(DAY_FIRST)  # the default; accepted_forms(order) follows the setting


def due_forms(order: str | None = None) -> str:
    """The short list a due-date field's label shows, with what the two Fridays mean."""
    example = "15/12/2026, 15/12" if (order or _default_order) == DAY_FIRST else \
        "12/15/2026, 12/15"
    return f"{example}, +2w, friday (coming), next friday (next week)"


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


def _month(name: str) -> int | None:
    """1-12 for "dec", "december", "sept"; None otherwise."""
    if len(name) < 3:
        return None
    found = [i for i, month in enumerate(MONTHS, 1) if month.startswith(name)]
    return found[0] if len(found) == 1 else None


def coming_weekday(base: dt.date, weekday: int) -> dt.date:
    """The first such weekday on or after `base` ("friday" on a Friday is that day)."""
    return base + dt.timedelta(days=(weekday - base.weekday()) % 7)


def next_week_weekday(base: dt.date, weekday: int) -> dt.date:
    """That weekday in the week after `base`'s week (weeks run Monday to Sunday)."""
    monday = base - dt.timedelta(days=base.weekday())
    return monday + dt.timedelta(weeks=1, days=weekday)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _calendar_date(day: int, month: int, year: int | None, base: dt.date) -> dt.date | None:
    """A typed day and month (and maybe year); without a year, the first on or after base."""
    if year is not None:
        return _day(year + 2000 if year < 100 else year, month, day)
    for candidate_year in range(base.year, base.year + 9):  # 29/02 waits for a leap year
        found = _day(candidate_year, month, day)
        if found is not None and found >= base:
            return found
    return None


def _absolute(text: str, base: dt.date, order: str) -> dt.date | None | bool:
    """A written date: the date, None when it has the shape of one but is not real, False when
    it is not written as a date at all."""
    match = _YEAR_FIRST.match(text)
    if match:
        return _day(int(match.group(1)), int(match.group(3)), int(match.group(4)))
    match = _NUMERIC.match(text)
    if match:
        first, second = int(match.group(1)), int(match.group(3))
        day, month = (first, second) if order == DAY_FIRST else (second, first)
        year = int(match.group(4)) if match.group(4) else None
        return _calendar_date(day, month, year, base)
    for pattern, day_group, month_group in ((_DAY_NAME, 1, 2), (_NAME_DAY, 2, 1)):
        match = pattern.match(text)
        if match and _month(match.group(month_group)):
            year = int(match.group(3)) if match.group(3) else None
            return _calendar_date(int(match.group(day_group)), _month(match.group(month_group)),
                                  year, base)
    return False


def _relative(text: str, base: dt.date) -> dt.date | None:
    if text in ("today", "now"):
        return base
    if text in ("tomorrow", "tmrw", "tmr"):
        return base + dt.timedelta(days=1)
    if text == "next week":
        return base + dt.timedelta(weeks=1)
    if text == "next month":
        return add_months(base, 1)
    if text in ("end of month", "eom", "end of the month"):
        return base.replace(day=calendar.monthrange(base.year, base.month)[1])
    match = _RELATIVE.match(text)
    if match:
        count, unit = int(match.group(1)), _UNITS.get(match.group(2))
        if unit == "d":
            return base + dt.timedelta(days=count)
        if unit == "w":
            return base + dt.timedelta(weeks=count)
        if unit == "m":
            return add_months(base, count)
        if unit == "y":
            return add_months(base, 12 * count)
    words = text.split()
    if len(words) in (1, 2) and (len(words) == 1 or words[0] in ("next", "this", "on")):
        weekday = _weekday(words[-1])
        if weekday is not None:
            if words[0] == "next" and len(words) == 2:
                return next_week_weekday(base, weekday)
            return coming_weekday(base, weekday)
    return None


def parse_due(text: str, base: dt.date | None = None, *, order: str | None = None,
              what: str = "due date") -> str:
    """Turn typed date text into "YYYY-MM-DD" ("" stays "").

    `base` is the day relative dates count from (default: today); `order` is day-first or
    month-first (default: the setting); `what` names the field in the one-line WorkshopError.
    """
    base = base or dt.date.today()
    order = order or _default_order
    raw = str(text)
    text = " ".join(raw.strip().lower().split())
    if not text:
        return ""
    try:
        found = _absolute(text, base, order)
        if found is None:
            raise WorkshopError(f"{what} {raw.strip()!r} is not a real date: "
                                f"{accepted_forms(order)}")
        if found is False:
            found = _relative(text, base)
    except OverflowError:  # +9999y
        found = None
    if not found:
        raise WorkshopError(f"{what} {raw.strip()!r} is not a date: {accepted_forms(order)}")
    return found.isoformat()


def session_base(session_date: str, today: dt.date | None = None) -> dt.date | None:
    """The day relative due dates count from in a session: its date when that is not today
    (minutes typed up afterwards, or prepared ahead), None (today) otherwise or when unset."""
    try:
        day = dt.date.fromisoformat(str(session_date or "").strip())
    except ValueError:
        return None
    return None if day == (today or dt.date.today()) else day


def describe_due(due: str, today: dt.date | None = None, *, base: dt.date | None = None) -> str:
    """'Fri 4 Dec 2026 (in 9 days)' for showing a parsed date beside the field.

    With a `base` other than today, it also says that relative dates counted from the
    session's date, so "+2w" typed a week after the workshop is not a surprise.
    """
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
    if base is not None and base != today:
        when += f"; counted from the session's date, {short_date(base)}"
    return f"{short_date(day)} ({when})"


def short_date(day: dt.date) -> str:
    """'Fri 4 Dec 2026': unambiguous in every date order."""
    return f"{day.strftime('%a')} {day.day} {day.strftime('%b %Y')}"
