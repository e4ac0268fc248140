"""The session data contract shared by the store, the exports and the UI.

A session is one plain JSON-able dict (the "snapshot"), which is also the JSON export format:

    {
      "format": "workshop-session", "format_version": 1,
      "session": {id, title, city, date, venue, facilitator, purpose, status, created, updated},
      "agenda": [{"part": "B3", "timebox": 20, "spent": 0}],          # ordered; minutes, seconds
      "participants": [{id, name, organisation, sector, role, attended,
                        kind, interest, influence}],
      "records": [{id, no, kind, part, rec, target, author, created, updated, origin, ...fields}],
      "ui": {...}                                                       # resume position etc.
    }

Dates are "YYYY-MM-DD" strings ("" when unset), times are ISO 8601 UTC strings. Ids never change.
Nothing here imports TinyDB or Textual.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from workshop.errors import WorkshopError

FORMAT_NAME = "workshop-session"
FORMAT_VERSION = 1

SESSION_STATUSES = ("planned", "in progress", "closed")
SECTORS = ("public", "private", "voluntary", "academic", "citizen")
SECTOR_LABELS = {
    "public": "Public sector",
    "private": "Private sector",
    "voluntary": "Voluntary sector",
    "academic": "Universities and colleges",
    "citizen": "Citizens and community",
}
PARTICIPANT_KINDS = ("person", "organisation", "group")
LEVELS_LMH = ("", "low", "medium", "high")

# The 5-level maturity scale used for ratings (our own names, not the standard's).
MATURITY_LEVELS: tuple[tuple[int, str, str], ...] = (
    (1, "Not started", "Nothing in place yet; the topic is new to the city."),
    (2, "Exploring", "Pilots or isolated efforts by single teams, no shared approach."),
    (3, "Defined", "An agreed city-wide approach exists and is starting to be used."),
    (4, "Embedded", "The approach is routine across partners and measured."),
    (5, "Leading", "Continuously improved; other cities learn from it."),
)

DECISION_OUTCOMES = ("agreed", "parked", "rejected")
ACTION_STATUSES = ("open", "in progress", "done", "dropped")
PRIORITIES = ("high", "medium", "low")
ENGAGEMENT_LEVELS = ("inform", "consult", "involve", "collaborate", "empower")
ENGAGEMENT_CHANNELS = (
    "workshop", "survey", "online platform", "citizen panel", "hackathon", "living lab",
    "public meeting", "social media", "one-to-one",
)
RISK_STATUSES = ("not addressed", "partly", "mitigated")

# Per kind: field name -> (python type, default). Common fields are listed in COMMON_FIELDS.
COMMON_FIELDS: dict[str, tuple[type, Any]] = {
    "id": (str, ""),
    "no": (int, 0),  # per-kind sequence number for people to quote ("action 7")
    "kind": (str, ""),
    "part": (str, ""),  # guide part id
    "rec": (str, ""),  # recommendation id, or ""
    "target": (str, ""),  # id of another record this one is about (vote on idea, action from note)
    "author": (str, ""),  # author or table group
    "created": (str, ""),
    "updated": (str, ""),
    "origin": (dict, None),  # {"session": id, "title": ..., "record": id} when carried over
}

KIND_FIELDS: dict[str, dict[str, tuple[type, Any]]] = {
    "note": {"text": (str, "")},
    "idea": {"text": (str, "")},
    "rating": {"current": (int, 0), "target_level": (int, 0), "comment": (str, "")},
    "vote": {"dots": (int, 1), "voter": (str, "")},
    "decision": {"outcome": (str, "agreed"), "text": (str, ""), "rationale": (str, "")},
    "action": {
        "title": (str, ""),
        "description": (str, ""),
        "owner": (str, ""),
        "due": (str, ""),
        "priority": (str, "medium"),
        "status": (str, "open"),
        "status_note": (str, ""),
    },
    "engagement": {
        "stakeholders": (list, []),  # participant ids
        "level": (str, "consult"),
        "channels": (list, []),
        "due": (str, ""),
        "owner": (str, ""),
        "loop_closed": (bool, False),
        "text": (str, ""),
    },
    "risk": {
        "risk": (str, ""),  # Annex B risk id, or "" for a city's own risk
        "title": (str, ""),
        "answers": (dict, {}),  # question text -> answer
        "likelihood": (int, 0),
        "impact": (int, 0),
        "status": (str, "not addressed"),
        "mitigation": (str, ""),
    },
    "benefit": {
        "title": (str, ""),
        "beneficiaries": (list, []),
        "measure": (str, ""),
        "baseline": (str, ""),
        "target_value": (str, ""),
        "due": (str, ""),
        "owner": (str, ""),
        "parts": (list, []),
        "actions": (list, []),
    },
}
KINDS = tuple(KIND_FIELDS)
KIND_LABELS = {
    "note": "Note", "idea": "Idea", "rating": "Rating", "vote": "Vote", "decision": "Decision",
    "action": "Action", "engagement": "Engagement", "risk": "Risk", "benefit": "Benefit",
}

_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("decision", "outcome"): DECISION_OUTCOMES,
    ("action", "status"): ACTION_STATUSES,
    ("action", "priority"): PRIORITIES,
    ("engagement", "level"): ENGAGEMENT_LEVELS,
    ("risk", "status"): RISK_STATUSES,
}
_RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("rating", "current"): (1, 5),
    ("rating", "target_level"): (1, 5),
    ("vote", "dots"): (1, 99),
    ("risk", "likelihood"): (0, 5),  # 0 = not yet rated
    ("risk", "impact"): (0, 5),
}
_DATE_FIELDS = {"due"}


def now_iso() -> str:
    """UTC timestamp with seconds, as stored in every record."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def check_date(value: str, what: str = "date") -> str:
    """Return `value` if it is "" or a real YYYY-MM-DD date, else raise a one-line error."""
    if value == "":
        return value
    problem = f"{what} {value!r} is not a date: use YYYY-MM-DD, e.g. 2026-12-01"
    try:
        _dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise WorkshopError(problem) from None
    if len(value) != 10:  # fromisoformat also takes "20261201"; people type the dashed form
        raise WorkshopError(problem)
    return value


def normalise_record(record: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults and validate a record dict; raise WorkshopError naming the bad field."""
    kind = record.get("kind")
    if not isinstance(kind, str) or kind not in KIND_FIELDS:
        raise WorkshopError(f"unknown record kind {kind!r}: use one of {', '.join(KINDS)}")
    spec = {**COMMON_FIELDS, **KIND_FIELDS[kind]}
    unknown = set(record) - set(spec)
    if unknown:
        raise WorkshopError(f"{kind}: unknown field(s) {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name, (typ, default) in spec.items():
        value = record.get(name, default)
        if value is None and name == "origin":
            out[name] = None
            continue
        if typ is int and isinstance(value, bool) or not isinstance(value, typ):
            raise WorkshopError(f"{kind} field {name!r} must be {typ.__name__}, got {value!r}")
        if isinstance(value, (list, dict)):
            value = type(value)(value)  # never share mutable defaults
        choices = _CHOICES.get((kind, name))
        if choices and value not in choices:
            raise WorkshopError(f"{kind} {name} {value!r} is not one of: {', '.join(choices)}")
        bounds = _RANGES.get((kind, name))
        if bounds and not bounds[0] <= value <= bounds[1]:
            raise WorkshopError(f"{kind} {name} must be {bounds[0]}-{bounds[1]}, got {value}")
        if name in _DATE_FIELDS:
            check_date(value, f"{kind} {name}")
        out[name] = value
    return out


@dataclass(frozen=True)
class Level:
    number: int
    name: str
    meaning: str


def maturity_level(number: int) -> Level:
    for n, name, meaning in MATURITY_LEVELS:
        if n == number:
            return Level(n, name, meaning)
    raise WorkshopError(f"maturity level {number} is not 1-5")


def record_title(record: dict[str, Any]) -> str:
    """The one-line text people recognise a record by, whatever its kind."""
    kind = record.get("kind")
    if kind in ("action", "risk", "benefit"):
        return record.get("title", "")
    if kind == "rating":
        return f"now {record.get('current')} → target {record.get('target_level')}"
    if kind == "vote":
        return f"{record.get('dots')} dot(s)"
    return record.get("text", "")


# --- session-level fields (added by the store; used by store, import and UI) ---------------------

SESSION_FIELDS: dict[str, tuple[type, Any]] = {
    "id": (str, ""),
    "title": (str, ""),
    "city": (str, ""),
    "date": (str, ""),
    "venue": (str, ""),
    "facilitator": (str, ""),
    "purpose": (str, ""),
    "status": (str, "planned"),
    "created": (str, ""),
    "updated": (str, ""),
}

PARTICIPANT_FIELDS: dict[str, tuple[type, Any]] = {
    "id": (str, ""),
    "name": (str, ""),
    "organisation": (str, ""),
    "sector": (str, ""),  # one of SECTORS, or "" while not yet known
    "role": (str, ""),
    "attended": (bool, True),
    "kind": (str, "person"),
    "interest": (str, ""),  # LEVELS_LMH
    "influence": (str, ""),  # LEVELS_LMH
}

AGENDA_FIELDS: dict[str, tuple[type, Any]] = {
    "part": (str, ""),
    "timebox": (int, 0),  # minutes planned
    "spent": (int, 0),  # seconds actually spent
}

_SIMPLE_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("session", "status"): SESSION_STATUSES,
    ("participant", "sector"): ("", *SECTORS),
    ("participant", "kind"): PARTICIPANT_KINDS,
    ("participant", "interest"): LEVELS_LMH,
    ("participant", "influence"): LEVELS_LMH,
}


def _normalise_simple(what: str, spec: dict[str, tuple[type, Any]], data: dict[str, Any]) -> dict:
    unknown = set(data) - set(spec)
    if unknown:
        raise WorkshopError(f"{what}: unknown field(s) {', '.join(sorted(unknown))}")
    out: dict[str, Any] = {}
    for name, (typ, default) in spec.items():
        value = data.get(name, default)
        if typ is int and isinstance(value, bool) or not isinstance(value, typ):
            raise WorkshopError(f"{what} field {name!r} must be {typ.__name__}, got {value!r}")
        choices = _SIMPLE_CHOICES.get((what, name))
        if choices is not None and value not in choices:
            shown = ", ".join(c for c in choices if c)
            raise WorkshopError(f"{what} {name} {value!r} is not one of: {shown}")
        out[name] = value
    return out


def normalise_session_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults and validate the session's metadata; raise WorkshopError naming the field."""
    out = _normalise_simple("session", SESSION_FIELDS, meta)
    check_date(out["date"], "session date")
    return out


def normalise_participant(participant: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults and validate one participant; raise WorkshopError naming the field."""
    return _normalise_simple("participant", PARTICIPANT_FIELDS, participant)


def normalise_agenda_item(item: dict[str, Any]) -> dict[str, Any]:
    """Validate one agenda item {"part", "timebox" (minutes), "spent" (seconds)}."""
    out = _normalise_simple("agenda item", AGENDA_FIELDS, item)
    if not out["part"]:
        raise WorkshopError("agenda item needs a part id, e.g. B3")
    if not 0 <= out["timebox"] <= 24 * 60:
        raise WorkshopError(f"agenda {out['part']}: timebox must be 0-1440 minutes")
    if out["spent"] < 0:
        raise WorkshopError(f"agenda {out['part']}: time spent cannot be negative")
    return out
