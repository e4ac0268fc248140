"""Deep copies of session data handed out by Session, so callers can never change stored data.

Why a module of its own: the copies are on the hot path of every read (thousands of records), and
they rely on the record rules (which fields of a kind may hold a list or an object).
"""

from __future__ import annotations

from typing import Any

import orjson

from workshop.records import COMMON_FIELDS, KIND_FIELDS


def copy_json(value: Any) -> Any:
    """A deep copy of plain JSON data (much faster than copy.deepcopy)."""
    return orjson.loads(orjson.dumps(value))


# Per record kind, the fields that may hold a list or an object (all others hold str, int or bool).
_NESTED_FIELDS = {
    kind: tuple(name for name, (typ, _) in {**COMMON_FIELDS, **fields}.items()
                if typ in (list, dict))
    for kind, fields in KIND_FIELDS.items()
}


def copy_records(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A deep copy of validated records, about 4x faster than copy_json for thousands of them: a
    record's values are plain except in the few fields its kind declares as list or object."""
    out = []
    for doc in docs:
        nested = _NESTED_FIELDS.get(doc.get("kind"))  # type: ignore[arg-type]
        if nested is None:
            out.append(copy_json(doc))
            continue
        copy = dict(doc)
        for name in nested:
            value = copy.get(name)
            if value is not None:
                copy[name] = copy_json(value)
        out.append(copy)
    return out
