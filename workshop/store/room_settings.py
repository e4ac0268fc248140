"""What the room may do, per agenda item: kept durably in the session, validated like the rest.

Why here: the facilitator opens and closes activities from the app, and `workshop room` may be
started again on the same session; both must see the same settings after a crash. They live in
the session's ui state under "room" (durable, not undoable: opening a vote is not a change of
the workshop's content, and undo must never reopen a closed vote). They travel in the JSON
export's free-form "ui" and so survive export and import. Secrets never go here: they are made
kept per session in a private key file in the config folder (workshop/room/keys.py), so an
export lets nobody into a room.

The phones that joined are kept beside, under "room_devices": {"<device id>": {"name": "Sara",
"sector": "public"}} (name and sector only in a named room, else ""), checked by the
participant rules (name, sector), so a restarted room still knows them and the exports count
the devices joined and the participation by sector.

Shape (every key optional on input; `normalise_room_settings` fills defaults):

    {"current": "B3",                    # the part phones see ("" = the room follows nobody)
     "names": "off",                     # "off" | "optional" | "asked"
     "premoderation": False,             # True: room contributions wait for approval
     "parts": {"B3": {"ideas": {"open": True, "revealed": True},
                      "dots": {"open": False, "revealed": False, "budget": 3},
                      "rating": {"open": False, "revealed": False},
                      "poll": {"open": False, "revealed": False, "question": "...",
                               "options": [{"id": "<idea record id>", "text": "..."}]}}}}

Core: no Textual; the functions taking a session use only its public API.
"""

from __future__ import annotations

from typing import Any, Protocol

from workshop.errors import WorkshopError
from workshop.records import ROOM_DEVICES_KEY as DEVICES_KEY
from workshop.records import normalise_room_device as normalise_device
from workshop.records import room_devices_of
from workshop.rules import Field, normalise

ACTIVITIES = ("ideas", "dots", "rating", "poll")
NAME_MODES = ("off", "optional", "asked")
MAX_OPTIONS = 12
MAX_QUESTION = 200
MAX_OPTION = 100
DEFAULT_BUDGET = 3

_COMMON = {"open": Field(bool, False), "revealed": Field(bool, False)}
ACTIVITY_RULES: dict[str, dict[str, Field]] = {
    "ideas": dict(_COMMON),
    "dots": {**_COMMON, "budget": Field(int, DEFAULT_BUDGET, "Dots per device.",
                                        bounds=(1, 99))},
    "rating": dict(_COMMON),
    "poll": {**_COMMON, "question": Field(str, ""), "options": Field(list, [], items=dict)},
}
ROOM_RULES: dict[str, Field] = {
    "current": Field(str, ""),
    "names": Field(str, "off", choices=NAME_MODES),
    "premoderation": Field(bool, False),
    "parts": Field(dict, {}, values=dict),
}


class _Session(Protocol):
    @property
    def ui_state(self) -> dict[str, Any]: ...

    def set_ui_state(self, **state: Any) -> None: ...


def _options(options: list[dict[str, Any]]) -> list[dict[str, str]]:
    if len(options) > MAX_OPTIONS:
        raise WorkshopError(f"a poll has at most {MAX_OPTIONS} options")
    out = []
    for option in options:
        if set(option) != {"id", "text"} or not all(isinstance(v, str) for v in option.values()):
            raise WorkshopError("a poll option must be {'id': text, 'text': text}")
        if not option["text"].strip() or len(option["text"]) > MAX_OPTION:
            raise WorkshopError(f"a poll option needs 1-{MAX_OPTION} characters of text")
        out.append(dict(option))
    return out


def normalise_activity(kind: str, value: Any) -> dict[str, Any]:
    """One activity's settings, defaults filled; WorkshopError naming the problem."""
    if kind not in ACTIVITY_RULES:
        raise WorkshopError(f"unknown room activity {kind!r}: use one of {', '.join(ACTIVITIES)}")
    if not isinstance(value, dict):
        raise WorkshopError(f"room activity {kind} must be an object")
    out = normalise(f"room {kind}", ACTIVITY_RULES[kind], value)
    if kind == "poll":
        if len(out["question"]) > MAX_QUESTION:
            raise WorkshopError(f"a poll question has at most {MAX_QUESTION} characters")
        out["options"] = _options(out["options"])
    return out


def normalise_room_settings(value: Any) -> dict[str, Any]:
    """The room's settings, defaults filled and every part's activities checked."""
    if not isinstance(value, dict):
        raise WorkshopError("room settings must be an object")
    out = normalise("room settings", ROOM_RULES, value)
    parts: dict[str, dict[str, Any]] = {}
    for part, activities in out["parts"].items():
        if not part:
            raise WorkshopError("room settings name an empty part")
        parts[part] = {kind: normalise_activity(kind, settings)
                       for kind, settings in activities.items()}
    out["parts"] = parts
    return out


def room_settings(session: _Session) -> dict[str, Any]:
    """The stored settings; damaged or missing ones read as a closed room (never an error: a
    hostile file must not stop the app, and a closed room lets nobody in)."""
    try:
        return normalise_room_settings(session.ui_state.get("room", {}))
    except WorkshopError:
        return normalise_room_settings({})


def save_room_settings(session: _Session, settings: dict[str, Any]) -> dict[str, Any]:
    """Validate and store `settings` durably (one atomic write); returns what was stored."""
    clean = normalise_room_settings(settings)
    session.set_ui_state(room=clean)
    return clean


def activity(settings: dict[str, Any], part: str, kind: str) -> dict[str, Any]:
    """One activity's settings on a part (defaults: closed, hidden)."""
    return normalise_activity(kind, settings["parts"].get(part, {}).get(kind, {}))


def with_activity(settings: dict[str, Any], part: str, kind: str, **changes: Any
                  ) -> dict[str, Any]:
    """A copy of `settings` with one activity changed and validated (nothing is stored)."""
    current = activity(settings, part, kind)
    changed = normalise_activity(kind, {**current, **changes})
    parts = {p: dict(a) for p, a in settings["parts"].items()}
    parts.setdefault(part, {})[kind] = changed
    return normalise_room_settings({**settings, "parts": parts})


def room_devices(session: _Session) -> dict[str, dict[str, str]]:
    """The joined phones stored; a damaged entry is left out (never an error)."""
    return room_devices_of(session.ui_state)


def save_room_device(session: _Session, device: str, name: str, sector: str) -> None:
    """Store one device's name and sector durably (one atomic write), checked first."""
    clean = normalise_device(device, {"name": name, "sector": sector})
    devices = room_devices(session)
    if devices.get(device) != clean:
        session.set_ui_state(**{DEVICES_KEY: {**devices, device: clean}})


def add_room_devices(session: _Session, devices: list[str]) -> None:
    """Count phones that joined (no name yet): one write for all of them, none when known."""
    stored = room_devices(session)
    new = {d: normalise_device(d, {}) for d in devices if d not in stored}
    if new:
        session.set_ui_state(**{DEVICES_KEY: {**stored, **new}})
