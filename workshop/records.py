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
The rule tables (RECORD_RULES per kind, declared in workshop/kinds/; SESSION_RULES,
PARTICIPANT_RULES, AGENDA_RULES below; all made of workshop.rules.Field) are the one definition of
valid data: the store applies them on every change and every open, `workshop import` before
anything is written, and the shipped JSON Schema is generated from them
(workshop/export/json_schema.py). The older `*_FIELDS` maps of (type, default) are views of the
same tables. Nothing here imports TinyDB or Textual.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workshop.errors import WorkshopError
from workshop.kinds import REGISTRY, action, decision, engagement, risk
from workshop.kinds.model import COMMON_RULES, DATE_DOC, Kind, date, text, texts
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

# The per-kind choices live in the kinds' declarations (workshop/kinds/); named here too because
# the store, the exports and the app import them from this module.
DECISION_OUTCOMES = decision.DECISION_OUTCOMES
ACTION_STATUSES = action.ACTION_STATUSES
PRIORITIES = action.PRIORITIES
ENGAGEMENT_LEVELS = engagement.ENGAGEMENT_LEVELS
ENGAGEMENT_CHANNELS = engagement.ENGAGEMENT_CHANNELS
RISK_STATUSES = risk.RISK_STATUSES

# The field rules of every record kind are declared once per kind in workshop/kinds/ (the store,
# import and the shipped JSON Schema all apply them); the tables below are views of that registry.
_TIMESTAMP_DOC = "ISO 8601 UTC time, e.g. 2026-03-12T13:43:00+00:00."
_DATE_DOC = DATE_DOC
_text = text
_date = date
_texts = texts

KIND_RULES: dict[str, dict[str, Field]] = {name: dict(k.fields) for name, k in REGISTRY.items()}


def _types(rules: dict[str, Field]) -> dict[str, tuple[type, Any]]:
    return {name: (field.type, field.default) for name, field in rules.items()}


# Per kind: field name -> (python type, default), read from the rules above.
COMMON_FIELDS: dict[str, tuple[type, Any]] = _types(COMMON_RULES)
KIND_FIELDS: dict[str, dict[str, tuple[type, Any]]] = {
    kind: _types(rules) for kind, rules in KIND_RULES.items()
}
KINDS = tuple(KIND_FIELDS)
KIND_LABELS = {name: k.label for name, k in REGISTRY.items()}
#: Every field of every kind, common ones first: what the store and import check a record with.
RECORD_RULES: dict[str, dict[str, Field]] = {name: k.rules for name, k in REGISTRY.items()}


def now_iso() -> str:
    """UTC timestamp with seconds, as stored in every record."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()


def check_date(value: str, what: str = "date") -> str:
    """Return `value` if it is "" or a real YYYY-MM-DD date, else raise a one-line error."""
    if not isinstance(value, str):
        raise WorkshopError(f"{what} {value!r} is not a date: use YYYY-MM-DD, e.g. 2026-12-01")
    return check_form(value, "date", what)


def normalise_record(record: dict[str, Any], kinds: Mapping[str, Kind] = REGISTRY
                     ) -> dict[str, Any]:
    """Fill defaults and validate a record dict; raise WorkshopError naming the bad field.

    `kinds` is the registry of kinds to check against (workshop.kinds.REGISTRY)."""
    kind = record.get("kind")
    if not isinstance(kind, str) or kind not in kinds:
        raise WorkshopError(f"unknown record kind {kind!r}: use one of {', '.join(kinds)}")
    rules = RECORD_RULES[kind] if kinds is REGISTRY else kinds[kind].rules
    return normalise(kind, rules, record)


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
    "copy_of": Field(str, "", "The id of the session this one is an imported copy of (the "
                     "original, however many exports and imports lie between); \"\" for an "
                     "original. `workshop import` recognises a second copy by it.",
                     form="session id"),
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


#: The phones that joined the room, kept in the session's ui state under this key (see
#: workshop/store/room_settings.py): {"<device id>": {"name": "...", "sector": "..."}}.
ROOM_DEVICES_KEY = "room_devices"
ROOM_DEVICE_RULES: dict[str, Field] = {"name": PARTICIPANT_RULES["name"],
                                       "sector": PARTICIPANT_RULES["sector"]}
MAX_ROOM_NAME = 60
_ROOM_DEVICE_ID = re.compile(r"d[A-Za-z0-9_-]{4,40}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def normalise_room_device(device: Any, value: Any) -> dict[str, str]:
    """One joined phone {"name", "sector"} by the participant rules; WorkshopError naming the
    problem (a name of at most 60 characters, no control characters)."""
    if not isinstance(device, str) or not _ROOM_DEVICE_ID.fullmatch(device):
        raise WorkshopError("a room device id must be 'd' and 4-40 letters or digits")
    if not isinstance(value, dict):
        raise WorkshopError(f"room device {device} must be an object")
    out = normalise(f"room device {device}", ROOM_DEVICE_RULES, value)
    if len(out["name"]) > MAX_ROOM_NAME or _CONTROL.search(out["name"]):
        raise WorkshopError(f"room device {device}: a name has at most {MAX_ROOM_NAME} "
                            "characters and no control characters")
    return out


def room_devices_of(ui: Any) -> dict[str, dict[str, str]]:
    """The joined phones stored in a session's ui state; damaged entries left out."""
    stored = ui.get(ROOM_DEVICES_KEY, {}) if isinstance(ui, Mapping) else {}
    out: dict[str, dict[str, str]] = {}
    for device, value in (stored.items() if isinstance(stored, Mapping) else ()):
        try:
            out[device] = normalise_room_device(device, value)
        except WorkshopError:
            continue
    return out
