"""The complete session as JSON (the snapshot format of `workshop.records`), and reading it back.

The export is canonical so that two exports of the same contents are byte-identical: keys in the
documented order (unknown keys after them, sorted; the free-form `ui` state sorted), two-space
indent, UTF-8 (not \\u-escaped), one trailing newline. `session.schema.json` beside this module
is the JSON Schema of the format.

Round trip: `workshop import FILE` creates a NEW session (a store never holds two sessions with
one id), so exporting it again gives the same bytes except `session.id`. Record and participant
ids, times and everything else are kept exactly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from workshop.errors import WorkshopError
from workshop.fileio import MB, NotReadable, read_limited
from workshop.records import (
    AGENDA_FIELDS,
    COMMON_FIELDS,
    FORMAT_NAME,
    FORMAT_VERSION,
    KIND_FIELDS,
    PARTICIPANT_FIELDS,
    SESSION_FIELDS,
    normalise_agenda_item,
    normalise_participant,
    normalise_record,
    normalise_session_meta,
)

TOP_KEYS = ("format", "format_version", "session", "agenda", "participants", "records", "ui")
#: The largest file `workshop import` reads: a real export (thousands of records) is a few MB.
MAX_IMPORT_BYTES = 50 * MB
SCHEMA_FILE = "session.schema.json"


def _ordered(data: Mapping[str, Any], order: Any) -> dict[str, Any]:
    out = {k: data[k] for k in order if k in data}
    out.update({k: data[k] for k in sorted(data) if k not in out})
    return out


def _sorted_deep(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _sorted_deep(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_sorted_deep(v) for v in value]
    return value


def canonical(snapshot: Mapping[str, Any]) -> dict[str, Any]:
    """The snapshot with every object's keys in the documented, stable order."""
    out = _ordered(snapshot, TOP_KEYS)
    if isinstance(out.get("session"), Mapping):
        out["session"] = _ordered(out["session"], SESSION_FIELDS)
    if isinstance(out.get("agenda"), list):
        out["agenda"] = [_ordered(a, AGENDA_FIELDS) if isinstance(a, Mapping) else a
                         for a in out["agenda"]]
    if isinstance(out.get("participants"), list):
        out["participants"] = [_ordered(p, PARTICIPANT_FIELDS) if isinstance(p, Mapping) else p
                               for p in out["participants"]]
    if isinstance(out.get("records"), list):
        records = []
        for r in out["records"]:
            if isinstance(r, Mapping):
                spec = [*COMMON_FIELDS, *KIND_FIELDS.get(r.get("kind"), {})]
                r = _ordered(r, spec)
            records.append(r)
        out["records"] = records
    if "ui" in out:
        out["ui"] = _sorted_deep(out["ui"])
    return out


def render_json(snapshot: Mapping[str, Any]) -> str:
    """The complete session as canonical JSON text."""
    try:
        data = orjson.dumps(canonical(snapshot), option=orjson.OPT_INDENT_2)
    except TypeError as error:
        raise WorkshopError(f"session cannot be written as JSON: {error}") from None
    return data.decode("utf-8") + "\n"


def schema() -> dict[str, Any]:
    """The shipped JSON Schema of the export format."""
    text = (resources.files("workshop.export") / SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def validate_snapshot(data: Any, source: str = "file") -> dict[str, Any]:
    """Check an export's structure and every record (via workshop.records); return it normalised.

    Raises WorkshopError with one line naming the problem and where it is.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise WorkshopError(f"{source} is not a workshop session export "
                            f"(expected \"format\": \"{FORMAT_NAME}\")")
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkshopError(f"{source}: \"format_version\" must be a whole number")
    if version > FORMAT_VERSION:
        raise WorkshopError(f"{source} is format {version}, newer than this workshop understands "
                            f"({FORMAT_VERSION}): update workshop to import it")
    unknown = set(data) - set(TOP_KEYS)
    if unknown:
        raise WorkshopError(f"{source}: unknown top-level key(s) {', '.join(sorted(unknown))}")
    for name, typ in (("session", dict), ("agenda", list), ("participants", list),
                      ("records", list), ("ui", dict)):
        if not isinstance(data.get(name, typ()), typ):
            raise WorkshopError(f"{source}: {name!r} must be a JSON "
                                f"{'object' if typ is dict else 'array'}")

    def where(what: str, i: int, item: Any) -> str:
        ident = item.get("id") if isinstance(item, dict) else None
        return f"{source}: {what} {i + 1}" + (f" (id {ident!r})" if ident else "")

    def each(what: str, items: list[Any], norm) -> list[dict[str, Any]]:
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise WorkshopError(f"{where(what, i, item)} is not an object")
            try:
                out.append(norm(item))
            except WorkshopError as error:
                raise WorkshopError(f"{where(what, i, item)}: {error}") from None
        return out

    try:
        session = normalise_session_meta(data.get("session", {}))
    except WorkshopError as error:
        raise WorkshopError(f"{source}: {error}") from None
    agenda = each("agenda item", data.get("agenda", []), normalise_agenda_item)
    participants = each("participant", data.get("participants", []), normalise_participant)
    records = each("record", data.get("records", []), normalise_record)
    for what, items in (("participant", participants), ("record", records)):
        seen: set[str] = set()
        for i, item in enumerate(items):
            if not item["id"] or item["id"] in seen:
                raise WorkshopError(f"{where(what, i, item)}: id is missing or repeated")
            seen.add(item["id"])
    return {
        "format": FORMAT_NAME,
        "format_version": version,
        "session": session,
        "agenda": agenda,
        "participants": participants,
        "records": records,
        "ui": data.get("ui", {}),
    }


def load_snapshot_file(path: Path) -> dict[str, Any]:
    """Read and validate an export file; one-line WorkshopError for every problem.

    Regular files of at most MAX_IMPORT_BYTES only: opened without blocking (a FIFO or
    /dev/zero is refused at once, never read), and never more than the limit is read."""
    try:
        raw = read_limited(path, MAX_IMPORT_BYTES)
    except NotReadable as refused:
        raise WorkshopError(f"cannot import {path}: it {refused}; give the path of a .json "
                            f"export (at most {MAX_IMPORT_BYTES // MB} MB)") from None
    except FileNotFoundError:
        raise WorkshopError(f"{path} does not exist: give the path of a .json export") from None
    except OSError as error:
        raise WorkshopError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise WorkshopError(f"{path} is not valid JSON ({error.msg} at line {error.lineno}, "
                            f"column {error.colno}): export it again") from None
    return validate_snapshot(data, str(path))
