"""Summary -> an iCalendar file (.ics, the icalendar library): each open action with a due date
as an all-day event on that date, for the owner's or the team's calendar.

All-day events (VEVENT with a DATE start), not to-dos (VTODO): every calendar a city officer uses
(Outlook, Google Calendar, Apple Calendar, Thunderbird) shows an event on its day, while VTODO is
ignored by Google Calendar and lands in a separate task list, or nowhere, elsewhere. Events are
transparent (they do not block the day as busy).

Each event's UID is the session's id and the action's record id, so exporting again and
re-importing updates the entries instead of duplicating them; an action carried over from an
earlier session keeps the UID it had there (its origin session and record, as
`workshop actions` counts it once), so the next session's calendar updates the same entry.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any

from icalendar import Calendar, Event

from workshop.export.common import clean, one_line
from workshop.summary import ActionRow, Summary

PRODID = "-//workshop//ISO 37106 workshop actions//EN"
UID_DOMAIN = "workshop.invalid"  # a domain of our own that no one else uses


def action_uid(session_id: str, record: Mapping[str, Any]) -> str:
    """The action's lasting identity: where it was first recorded (origin session and record
    for a carried-over copy), e.g. "r6q6mp-act0003@workshop.invalid"."""
    origin = record.get("origin") if isinstance(record.get("origin"), Mapping) else {}
    session = str(origin.get("session") or session_id or "session")
    rec = str(origin.get("record") or record.get("id") or "")
    return f"{session}-{rec}@{UID_DOMAIN}"


def _due(action: ActionRow) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(action.due)
    except ValueError:
        return None


def _description(action: ActionRow, session_title: str) -> str:
    lines = [clean(action.description)] if action.description else []
    lines += [f"{label}: {one_line(value)}" for label, value in (
        ("Owner", action.owner or "no owner yet"), ("Priority", action.priority),
        ("Status", action.status + (f" ({action.status_note})" if action.status_note else "")),
        ("Part", action.where.part_label), ("Recommendation", action.where.rec_label),
        ("Session", session_title), ("Carried over from", action.carried_from)) if value]
    return "\n".join(lines)


def calendar_actions(summary: Summary) -> list[ActionRow]:
    """The actions the calendar shows: open ones (open, in progress) with a valid due date."""
    return [a for a in summary.actions if a.is_open and _due(a) is not None]


def render_ics(summary: Summary, now: _dt.datetime | None = None) -> str:
    stamp = now or _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    session_id = summary.title.session_id
    session_title = one_line(summary.title.title) or "Workshop"
    records = {str(r.get("id")): r for r in summary.records.get("action", ())}
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{session_title}: open actions")
    for action in calendar_actions(summary):
        due = _due(action)
        assert due is not None  # calendar_actions keeps only these
        event = Event()
        event.add("uid", action_uid(session_id, records.get(action.id, {"id": action.id})))
        event.add("dtstamp", stamp)
        event.add("dtstart", due)
        event.add("dtend", due + _dt.timedelta(days=1))
        owner = one_line(action.owner)
        title = one_line(action.title) or f"Action #{action.no}"
        event.add("summary", f"{title} ({owner})" if owner else title)
        event.add("description", _description(action, session_title))
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        if action.labels:
            event.add("categories", [one_line(x) for x in action.labels])
        if action.priority in ("high", "medium", "low"):  # RFC 5545: 1 highest, 9 lowest
            event.add("priority", {"high": 1, "medium": 5, "low": 9}[action.priority])
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
