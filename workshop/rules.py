"""Field rules: one declarative description per field of every document a session holds.

Why a module of its own: the store (on every change and on every open), `workshop import` and the
shipped JSON Schema must apply exactly the same rules, so a file that passes one passes all and
nothing crafted reaches the exports or the app. A `Field` says what a value may be (type, choices,
range, text shape, the items of a list, the keys and values of an object); `check` applies it and
names the problem in one line; `fits` is the fast yes/no the store uses when opening big files;
`json_schema` turns it into the JSON Schema fragment `workshop/export/json_schema.py` ships.
The tables themselves (which fields each record kind has) live in workshop/records.py.
Core module: no Textual, no TinyDB.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workshop.errors import WorkshopError

_Y = "(?!0000)[0-9]{4}"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
#: A real calendar date YYYY-MM-DD (2026-02-30 and 2025-02-29 do not match; 2028-02-29 does).
DATE_PATTERN = (
    f"(?:{_Y}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    f"|(?!0000){_LEAP_YEAR}-02-29)"
)
#: An ISO 8601 time with seconds and a UTC offset, as the store writes (2026-03-12T13:43:00+00:00).
TIMESTAMP_PATTERN = (
    f"{DATE_PATTERN}T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{{1,6}})?"
    "(?:Z|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"
)
#: A session id, as workshop/store/naming.py makes them (six of a-z and 2-7): it names a file.
SESSION_ID_PATTERN = "[a-z2-7]{6}"
FORMS: dict[str, tuple[re.Pattern[str], str]] = {
    "session id": (re.compile(SESSION_ID_PATTERN), "a session id: six of a-z and 2-7, like 6v33ur"),
    "date": (re.compile(DATE_PATTERN), "a date: use YYYY-MM-DD, e.g. 2026-12-01"),
    "timestamp": (re.compile(TIMESTAMP_PATTERN), "a time: use ISO 8601, e.g. "
                  "2026-12-01T09:30:00+00:00"),
}
_JSON_TYPES = {str: "string", int: "integer", bool: "boolean", list: "array", dict: "object"}


@dataclass(frozen=True)
class Field:
    """What one field may hold. Text with a `form` may also be "" (unset)."""

    type: type
    default: Any = None
    doc: str = ""
    choices: tuple[Any, ...] | None = None
    bounds: tuple[int, int | None] | None = None  # inclusive; None: no upper limit
    form: str = ""  # "date", "timestamp" or "session id" (see FORMS)
    nonempty: bool = False  # text that must not be ""
    items: type | None = None  # a list: the type of every item
    values: type | None = None  # an object: the type of every value (keys are always text)
    keys: Mapping[str, bool] | None = None  # an object: its only keys -> whether required
    nullable: bool = False  # null allowed (e.g. `origin` of a record that was not carried over)

    @property
    def plain(self) -> bool:
        """True when an exact type, choices and bounds say everything (no nested or text checks)."""
        return not (self.form or self.nonempty or self.items or self.values or self.keys)


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(typ: type) -> str:
    return {dict: "an object", list: "a list"}.get(typ, typ.__name__)


def _exact(value: Any, typ: type) -> bool:
    """isinstance, except that True/False are not numbers here."""
    return isinstance(value, typ) and not (typ is int and isinstance(value, bool))


def check_form(value: str, form: str, what: str) -> str:
    """`value` if it is "" or text of the shape `form` names (a real date or time), else a
    one-line WorkshopError."""
    if value == "":
        return value
    pattern, hint = FORMS[form]
    ok = pattern.fullmatch(value) is not None
    if ok and form in ("date", "timestamp"):  # fromisoformat is the second opinion
        try:
            (_dt.date if form == "date" else _dt.datetime).fromisoformat(value)
        except ValueError:
            ok = False
    if not ok:
        raise WorkshopError(f"{what} {_shown(value)} is not {hint}")
    return value


def check(field: Field, value: Any, what: str, name: str) -> Any:
    """`value` checked against `field` (lists and objects copied); WorkshopError naming
    `what` (e.g. "engagement") and the field `name` when it does not fit."""
    if value is None and field.nullable:
        return None
    if not _exact(value, field.type):
        raise WorkshopError(f"{what} field {name!r} must be {_type_name(field.type)}, "
                            f"got {_shown(value)}")
    if field.choices is not None and value not in field.choices:
        shown = ", ".join(str(c) for c in field.choices if c != "")
        raise WorkshopError(f"{what} {name} {_shown(value)} is not one of: {shown}")
    if field.bounds is not None:
        low, high = field.bounds
        if value < low or (high is not None and value > high):
            limit = f"{low}-{high}" if high is not None else f">= {low}"
            raise WorkshopError(f"{what} {name} must be {limit}, got {value}")
    if field.form:
        check_form(value, field.form, f"{what} {name}")
    if field.nonempty and not value:
        raise WorkshopError(f"{what} {name} must not be empty")
    if field.items is not None:
        for position, item in enumerate(value, 1):
            if not _exact(item, field.items):
                raise WorkshopError(f"{what} {name}: item {position} must be "
                                    f"{_type_name(field.items)}, got {_shown(item)}")
        return list(value)
    if isinstance(value, dict):
        if field.keys is not None:
            unknown = sorted(set(value) - set(field.keys), key=str)
            if unknown:
                raise WorkshopError(f"{what} {name}: unknown key(s) "
                                    f"{', '.join(map(_shown, unknown))}")
            missing = [key for key, required in field.keys.items()
                       if required and not value.get(key)]
            if missing:
                raise WorkshopError(f"{what} {name} needs {', '.join(missing)}")
        if field.values is not None:
            for key, item in value.items():
                if not _exact(item, field.values):
                    raise WorkshopError(f"{what} {name}: {_shown(key)} must be "
                                        f"{_type_name(field.values)}, got {_shown(item)}")
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def fits(field: Field, value: Any) -> bool:
    """True when check() would accept `value` unchanged: exact types only (fast path)."""
    if type(value) is not field.type:
        return value is None and field.nullable
    if field.choices is not None and value not in field.choices:
        return False
    if field.bounds is not None and (
        value < field.bounds[0] or (field.bounds[1] is not None and value > field.bounds[1])
    ):
        return False
    if field.plain:
        return True
    try:
        check(field, value, "", "")
    except WorkshopError:
        return False
    return True


def normalise(what: str, rules: Mapping[str, Field], data: Mapping[str, Any]) -> dict[str, Any]:
    """Every field of `rules` (defaults filled, values checked), or WorkshopError naming the
    first problem; unknown fields are refused."""
    unknown = set(data) - set(rules)
    if unknown:
        raise WorkshopError(f"{what}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    out: dict[str, Any] = {}
    for name, field in rules.items():
        value = data.get(name, field.default)
        out[name] = check(field, value, what, name)
    return out


def json_schema(field: Field) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) fragment accepting exactly what `check` accepts."""
    out: dict[str, Any] = {"type": _JSON_TYPES[field.type]}
    if field.choices is not None:
        out["enum"] = list(field.choices)
    if field.bounds is not None:
        out["minimum"] = field.bounds[0]
        if field.bounds[1] is not None:
            out["maximum"] = field.bounds[1]
    if field.form:
        pattern = {"date": DATE_PATTERN, "session id": SESSION_ID_PATTERN}.get(
            field.form, TIMESTAMP_PATTERN)
        out["pattern"] = f"^(?:{pattern})?$"
    if field.nonempty:
        out["minLength"] = 1
    if field.items is not None:
        out["items"] = {"type": _JSON_TYPES[field.items]}
    if field.keys is not None:
        value_type = {"type": _JSON_TYPES[field.values or str]}
        out["properties"] = {key: dict(value_type, **({"minLength": 1} if required else {}))
                             for key, required in field.keys.items()}
        out["required"] = [key for key, required in field.keys.items() if required]
        out["additionalProperties"] = False
    elif field.values is not None:
        out["additionalProperties"] = {"type": _JSON_TYPES[field.values]}
    if field.nullable:
        out = {"oneOf": [{"type": "null"}, out]}
    if field.doc:
        out = {**out, "description": field.doc}
    return out
