"""The JSON Schema of the session export, built from the store's own field rules.

Why generated: `session.schema.json` (shipped beside this module) must never be looser than what
the store and `workshop import` accept, so it is written from the same tables (workshop.kinds,
workshop.records, workshop.rules): dates and times carry a `pattern` that rejects "yesterday" and
2026-02-30 even without a format checker, lists and objects say what they hold. A test checks that
the shipped file is exactly `build_schema()`; after changing a rule, run
`python -m workshop.export.json_schema` to rewrite it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workshop.kinds import REGISTRY, Kind
from workshop.records import (
    AGENDA_RULES,
    FORMAT_NAME,
    FORMAT_VERSION,
    PARTICIPANT_RULES,
    SESSION_RULES,
)
from workshop.rules import Field, json_schema

SCHEMA_PATH = Path(__file__).with_name("session.schema.json")


def _object(rules: dict[str, Field], required: list[str], *, nonempty_id: bool = False,
            const_kind: str = "") -> dict[str, Any]:
    properties = {}
    for name, field in rules.items():
        fragment = json_schema(field)
        if name == "kind" and const_kind:
            fragment = {"const": const_kind}
        elif name == "id" and nonempty_id:
            fragment = {**fragment, "minLength": 1}  # import refuses a missing id too
        properties[name] = fragment
    return {"type": "object", "required": required, "properties": properties,
            "additionalProperties": False}


def build_schema(kinds: Mapping[str, Kind] = REGISTRY) -> dict[str, Any]:
    """The whole export format as a JSON Schema (draft 2020-12), for the registry's record kinds."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.invalid/workshop/session.schema.json",
        "title": "Workshop session export",
        "description": (
            "A whole workshop session as written by `workshop export --format json` and read by "
            f"`workshop import`. Version {FORMAT_VERSION}. Dates are YYYY-MM-DD strings (\"\" "
            "when unset); times are ISO 8601 strings with a UTC offset; ids never change. "
            "Generated from the store's field rules (workshop/records.py)."
        ),
        "type": "object",
        "required": ["format", "format_version", "session", "agenda", "participants",
                     "records"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT_NAME},
            "format_version": {"type": "integer", "minimum": 1, "maximum": FORMAT_VERSION},
            "session": _object(SESSION_RULES, ["id", "title"]),
            "agenda": {"type": "array", "description": "Parts in the order planned.",
                       "items": _object(AGENDA_RULES, ["part"])},
            "participants": {
                "type": "array",
                "description": "People, organisations and groups: the stakeholder register.",
                "items": _object(PARTICIPANT_RULES, ["id"], nonempty_id=True),
            },
            "records": {"type": "array",
                        "items": {"oneOf": [{"$ref": f"#/$defs/{kind}"} for kind in kinds]}},
            "ui": {"type": "object",
                   "description": "Where the facilitator was (resume position etc.); free-form."},
        },
        "$defs": {
            name: {"title": kind.label,
                   **_object(kind.rules, ["id", "kind", "part"], nonempty_id=True,
                             const_kind=name)}
            for name, kind in kinds.items()
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
