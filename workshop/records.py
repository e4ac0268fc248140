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
The rule tables below (RECORD_RULES per kind, SESSION_RULES, PARTICIPANT_RULES, AGENDA_RULES, made
of workshop.rules.Field) are the one definition of valid data: the store applies them on every
change and every open, `workshop import` before anything is written, and the shipped JSON Schema
is generated from them (workshop/export/json_schema.py). The older `*_FIELDS` maps of
(type, default) are views of the same tables. Nothing here imports TinyDB or Textual.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from workshop.errors import WorkshopError
from workshop.rules import Field, check_form, normalise

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

# The field rules of every record kind (workshop.rules.Field): the store, import and the shipped
# JSON Schema all apply these, so this table is the one place a record's shape is defined.
_TIMESTAMP_DOC = "ISO 8601 UTC time, e.g. 2026-03-12T13:43:00+00:00."
_DATE_DOC = "YYYY-MM-DD, or \"\" when unset"
COMMON_RULES: dict[str, Field] = {
    "id": Field(str, "", "Stable record id; never changes."),
    "no": Field(int, 0, "Per-kind sequence number people quote (\"action 7\").", bounds=(0, None)),
    "kind": Field(str, ""),
    "part": Field(str, "", "Guide part id, e.g. B3."),
    "rec": Field(str, "", "Recommendation id, e.g. B3.R1, or \"\"."),
    "target": Field(str, "", "Id of another record this one is about (vote on an idea, action "
                    "from a decision), or \"\"."),
    "author": Field(str, "", "Author or table group."),
    "created": Field(str, "", _TIMESTAMP_DOC, form="timestamp"),
    "updated": Field(str, "", _TIMESTAMP_DOC, form="timestamp"),
    "origin": Field(dict, None, "Where a carried-over record came from, or null.",
                    values=str, keys={"session": True, "title": False, "record": True},
                    nullable=True),
}


def _text(default: str = "", doc: str = "", choices: tuple[str, ...] | None = None) -> Field:
    return Field(str, default, doc, choices=choices)


def _date(doc: str = _DATE_DOC) -> Field:
    return Field(str, "", doc, form="date")


def _texts(doc: str = "") -> Field:
    return Field(list, [], doc, items=str)


KIND_RULES: dict[str, dict[str, Field]] = {
    "note": {"text": _text()},
    "idea": {"text": _text()},
    "rating": {"current": Field(int, 0, bounds=(1, 5)),
               "target_level": Field(int, 0, bounds=(1, 5)), "comment": _text()},
    "vote": {"dots": Field(int, 1, bounds=(1, 99)), "voter": _text()},
    "decision": {"outcome": _text("agreed", choices=DECISION_OUTCOMES), "text": _text(),
                 "rationale": _text()},
    "action": {
        "title": _text(),
        "description": _text(),
        "owner": _text(),
        "due": _date(),
        "priority": _text("medium", choices=PRIORITIES),
        "status": _text("open", choices=ACTION_STATUSES),
        "status_note": _text(),
    },
    "engagement": {
        "stakeholders": _texts("Participant ids."),
        "level": _text("consult", choices=ENGAGEMENT_LEVELS),
        "channels": _texts(),
        "due": _date(),
        "owner": _text(),
        "loop_closed": Field(bool, False),
        "text": _text(),
    },
    "risk": {
        "risk": _text(doc="Annex B risk id, or \"\" for a city's own risk."),
        "title": _text(),
        "answers": Field(dict, {}, "Question text -> the group's answer.", values=str),
        "likelihood": Field(int, 0, "1-5; 0 while not yet rated.", bounds=(0, 5)),
        "impact": Field(int, 0, "1-5; 0 while not yet rated.", bounds=(0, 5)),
        "status": _text("not addressed", choices=RISK_STATUSES),
        "mitigation": _text(),
    },
    "benefit": {
        "title": _text(),
        "beneficiaries": _texts(),
        "measure": _text(),
        "baseline": _text(),
        "target_value": _text(),
        "due": _date(),
        "owner": _text(),
        "parts": _texts("Guide part ids."),
        "actions": _texts("Ids of the action records that deliver it."),
    },
}


def _types(rules: dict[str, Field]) -> dict[str, tuple[type, Any]]:
    return {name: (field.type, field.default) for name, field in rules.items()}


# Per kind: field name -> (python type, default), read from the rules above.
COMMON_FIELDS: dict[str, tuple[type, Any]] = _types(COMMON_RULES)
KIND_FIELDS: dict[str, dict[str, tuple[type, Any]]] = {
    kind: _types(rules) for kind, rules in KIND_RULES.items()
}
KINDS = tuple(KIND_FIELDS)
KIND_LABELS = {
    "note": "Note", "idea": "Idea", "rating": "Rating", "vote": "Vote", "decision": "Decision",
    "action": "Action", "engagement": "Engagement", "risk": "Risk", "benefit": "Benefit",
}
#: Every field of every kind, common ones first: what the store and import check a record with.
RECORD_RULES: dict[str, dict[str, Field]] = {
    kind: {**COMMON_RULES, **rules} for kind, rules in KIND_RULES.items()
}


def now_iso() -> str:
    """UTC timestamp with seconds, as stored in every record."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def check_date(value: str, what: str = "date") -> str:
    """Return `value` if it is "" or a real YYYY-MM-DD date, else raise a one-line error."""
    if not isinstance(value, str):
        raise WorkshopError(f"{what} {value!r} is not a date: use YYYY-MM-DD, e.g. 2026-12-01")
    return check_form(value, "date", what)


def normalise_record(record: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults and validate a record dict; raise WorkshopError naming the bad field."""
    kind = record.get("kind")
    if not isinstance(kind, str) or kind not in RECORD_RULES:
        raise WorkshopError(f"unknown record kind {kind!r}: use one of {', '.join(KINDS)}")
    return normalise(kind, RECORD_RULES[kind], record)


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

SESSION_RULES: dict[str, Field] = {
    "id": _text(),
    "title": _text(),
    "city": _text(),
    "date": _date(),
    "venue": _text(),
    "facilitator": _text(),
    "purpose": _text(),
    "status": _text("planned", choices=SESSION_STATUSES),
    "created": Field(str, "", _TIMESTAMP_DOC, form="timestamp"),
    "updated": Field(str, "", _TIMESTAMP_DOC, form="timestamp"),
}

PARTICIPANT_RULES: dict[str, Field] = {
    "id": _text(),
    "name": _text(),
    "organisation": _text(),
    "sector": _text(doc="One of the five sectors, or \"\" while not yet known.",
                    choices=("", *SECTORS)),
    "role": _text(),
    "attended": Field(bool, True),
    "kind": _text("person", choices=PARTICIPANT_KINDS),
    "interest": _text(choices=LEVELS_LMH),
    "influence": _text(choices=LEVELS_LMH),
}

AGENDA_RULES: dict[str, Field] = {
    "part": Field(str, "", nonempty=True),
    "timebox": Field(int, 0, "Minutes planned.", bounds=(0, 24 * 60)),
    "spent": Field(int, 0, "Seconds actually spent.", bounds=(0, None)),
}

SESSION_FIELDS: dict[str, tuple[type, Any]] = _types(SESSION_RULES)
PARTICIPANT_FIELDS: dict[str, tuple[type, Any]] = _types(PARTICIPANT_RULES)
AGENDA_FIELDS: dict[str, tuple[type, Any]] = _types(AGENDA_RULES)


def normalise_session_meta(meta: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults and validate the session's metadata; raise WorkshopError naming the field."""
    return normalise("session", SESSION_RULES, meta)


def normalise_participant(participant: dict[str, Any]) -> dict[str, Any]:
    """Fill defaults and validate one participant; raise WorkshopError naming the field."""
    return normalise("participant", PARTICIPANT_RULES, participant)


def normalise_agenda_item(item: dict[str, Any]) -> dict[str, Any]:
    """Validate one agenda item {"part", "timebox" (minutes), "spent" (seconds)}."""
    if isinstance(item, dict) and item.get("part", "") == "":
        raise WorkshopError("agenda item needs a part id, e.g. B3")
    return normalise("agenda item", AGENDA_RULES, item)
