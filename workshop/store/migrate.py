"""The on-disk layout of a session file, its shape check and schema migrations.

A session file is TinyDB JSON: one object of tables, each table an object of documents keyed by a
string doc id. Tables: "store" (doc 1: format marker, schema, session id, per-kind counters),
"session" (doc 1: metadata), "agenda" (doc 1: {"items": [...]}), "participants", "records",
"journal" (undo entries), "state" (doc 1: {"ui": {}, "drafts": {}}; durable, not undoable).

A journal entry is {"label": str, "at": str, "changes": [[table, doc id, before-image or null],
...]}: undo writes the before-images back, so they are validated like the live documents (a bad
one would otherwise become live data on undo and leave the file unopenable).

A file this program cannot understand is never written: `check` raises FileProblem with a reason
that `list` shows and `open` reports. An older schema is upgraded in memory by `upgrade`; the caller
keeps a backup of the original bytes before saving the upgraded file.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from workshop.errors import WorkshopError
from workshop.records import (
    PARTICIPANT_RULES,
    RECORD_RULES,
    normalise_agenda_item,
    normalise_participant,
    normalise_record,
    normalise_session_meta,
)
from workshop.rules import Field, fits

from .naming import ID_SHAPE, is_session_id

STORE_FORMAT = "workshop-session-store"
SCHEMA_VERSION = 1
TABLES = ("store", "session", "agenda", "participants", "records", "journal", "state")
SINGLE = "1"  # doc id of the one document in single-document tables


# Per record kind: (the exact field names, per field (name, type, choices, bounds, nullable,
# form, the rule itself when lists, objects or text shapes need the full check)), compiled once
# from workshop.records so the loop below stays flat.
_Step = tuple[str, type, Any, Any, bool, str, Field | None]
_Plan = tuple[frozenset[str], tuple[_Step, ...]]


def _plan(rules: dict[str, Field]) -> _Plan:
    return (frozenset(rules), tuple(
        (name, rule.type, rule.choices, rule.bounds, rule.nullable, rule.form,
         None if rule.plain else rule)
        for name, rule in rules.items()
    ))


_PLANS: dict[str, _Plan] = {kind: _plan(rules) for kind, rules in RECORD_RULES.items()}
_PARTICIPANT_PLAN = _plan(PARTICIPANT_RULES)


def record_is_complete_and_valid(doc: dict[str, Any], good_dates: set[str]) -> bool:
    """True when `doc` has exactly its kind's fields, each of exactly the right type and within
    its rules (choices, range, date or time, list items, object keys): then normalise_record
    would accept it unchanged.

    False means "not sure" (a missing field, a subclass, a bad value): the caller runs
    normalise_record, which fills defaults or names the problem. Every record this program
    writes takes the fast path, so opening 10,000 records checks them in a few milliseconds
    instead of building and discarding 10,000 normalised copies. `good_dates` remembers dates
    and times already checked in this run.
    """
    kind = doc.get("kind")
    plan = _PLANS.get(kind) if type(kind) is str else None
    return plan is not None and _fits_plan(doc, plan, good_dates)


def _fits_plan(doc: dict[str, Any], plan: _Plan, good_dates: set[str]) -> bool:
    """`doc` has exactly the plan's fields, each exactly as its rule says (see above)."""
    if len(doc) != len(plan[0]) or doc.keys() != plan[0]:
        return False
    for name, typ, choices, bounds, nullable, form, deep in plan[1]:
        value = doc[name]
        if type(value) is not typ:  # exact: a bool is not an int here
            if value is None and nullable:
                continue
            return False
        if choices is not None and value not in choices:
            return False
        if bounds is not None and (value < bounds[0]
                                   or (bounds[1] is not None and value > bounds[1])):
            return False
        if deep is None:
            continue
        if form:
            if value in good_dates:
                continue
            if not fits(deep, value):
                return False
            good_dates.add(value)
        elif (value or deep.keys or deep.nonempty) and not fits(deep, value):
            return False  # (an empty list, or an object of free keys, always fits)
    return True


def _valid_record(doc: Any, good_dates: set[str]) -> dict[str, Any]:
    """`doc` when it is a complete valid record, else its normalised form; WorkshopError if bad."""
    if not isinstance(doc, dict):
        raise WorkshopError("a record is not an object")
    if record_is_complete_and_valid(doc, good_dates):
        return doc
    if not isinstance(doc.get("kind"), str):  # ([] would not even hash)
        raise WorkshopError(f"record kind {doc.get('kind')!r} is not text")
    return normalise_record(doc)


def check_header(head: Any, session_id: str | None = None) -> None:
    """The "store" document: format marker, schema, session id and per-kind counters."""
    if not isinstance(head, dict) or head.get("format") != STORE_FORMAT:
        raise WorkshopError("header is not a workshop session header")
    counters = head.get("counters")
    if not isinstance(head.get("id"), str) or not isinstance(counters, dict):
        raise WorkshopError("header has no session id or counters")
    if session_id is not None and head["id"] != session_id:
        raise WorkshopError(f"header names another session ({head['id'][:40]!r})")
    if not is_session_id(head["id"]):
        raise WorkshopError(f"stored session id {head['id'][:40]!r} is not a workshop id "
                            f"({ID_SHAPE}); the file is not used")
    for kind, number in counters.items():
        if type(number) is not int or number < 0:
            raise WorkshopError(f"header counter {kind!r} is not a whole number")


def normalise_agenda(doc: Any) -> dict[str, Any]:
    """The "agenda" document {"items": [...]}, each item normalised."""
    if not isinstance(doc, dict) or set(doc) != {"items"} or not isinstance(doc["items"], list):
        raise WorkshopError("agenda is not {'items': [...]}")
    items = []
    for item in doc["items"]:
        if not isinstance(item, dict):
            raise WorkshopError("an agenda item is not an object")
        items.append(normalise_agenda_item(item))
    return {"items": items}


UNDOABLE_TABLES = ("store", "session", "agenda", "participants", "records")
_SINGLE_TABLES = frozenset({"store", "session", "agenda"})
_UNDO_KEYS = frozenset({"label", "at", "changes"})


def normalise_undo_entry(entry: Any, session_id: str, good_dates: set[str] | None = None,
                         ) -> tuple[str, list[tuple[str, int, dict[str, Any] | None]]]:
    """(label, [(table, doc id, before-image)]) of one journal entry, each before-image validated
    (and normalised) by the same rules as the live documents; WorkshopError naming the problem.

    Only the undoable tables may appear, and a single-document table (store, session, agenda) is
    only ever restored, never removed, so undo cannot leave the file without one."""
    if not isinstance(entry, dict) or set(entry) != _UNDO_KEYS:
        raise WorkshopError("an entry is not {label, at, changes}")
    label, changes = entry["label"], entry["changes"]
    if not isinstance(label, str) or not isinstance(entry["at"], str):
        raise WorkshopError("an entry's label or time is not text")
    if not isinstance(changes, list):
        raise WorkshopError(f"{label!r}: changes is not a list")
    dates = good_dates if good_dates is not None else set()
    out: list[tuple[str, int, dict[str, Any] | None]] = []
    for change in changes:
        if not isinstance(change, list) or len(change) != 3:
            raise WorkshopError(f"{label!r}: a change is not [table, doc id, before]")
        table, doc_id, before = change
        if table not in UNDOABLE_TABLES:  # (a list would not even hash: `in` a tuple compares)
            raise WorkshopError(f"{label!r}: {table!r} is not an undoable table")
        if type(doc_id) is not int or doc_id < 1:
            raise WorkshopError(f"{label!r}: doc id {doc_id!r} is not a whole number >= 1")
        if table in _SINGLE_TABLES and (doc_id != 1 or before is None):
            raise WorkshopError(f"{label!r}: would remove the {table} document")
        if before is not None and not isinstance(before, dict):
            raise WorkshopError(f"{label!r}: a saved {table} document is not an object")
        try:
            if before is None:
                pass
            elif table == "records":
                before = _valid_record(before, dates)
            elif table == "participants":
                before = normalise_participant(before)
            elif table == "session":
                before = normalise_session_meta(before)
                if before["id"] not in ("", session_id):
                    raise WorkshopError("a saved session names another session id")
            elif table == "agenda":
                before = normalise_agenda(before)
            else:
                check_header(before, session_id)
        except WorkshopError as error:
            raise WorkshopError(f"{label!r}: {error}") from None
        out.append((table, doc_id, before))
    return label, out


class FileProblem(Exception):
    """Why a session file cannot be used (shown as the reason in `workshop list`)."""


def schema_of(data: Any) -> int:
    """The schema version a parsed file claims; FileProblem when it is not a session file."""
    if not isinstance(data, dict):
        raise FileProblem(f"not a session file (top level is {type(data).__name__}, not an object)")
    store = data.get("store")
    if isinstance(store, dict) and isinstance(store.get(SINGLE), dict):
        head = store[SINGLE]
        if head.get("format") != STORE_FORMAT:
            raise FileProblem(f"not a session file (format {head.get('format')!r})")
        schema = head.get("schema")
        if not isinstance(schema, int) or isinstance(schema, bool) or schema < 0:
            raise FileProblem(f"bad schema version {schema!r}")
        return schema
    meta = data.get("meta")  # schema 0 kept its header inside the "meta" table
    if isinstance(meta, dict) and isinstance(meta.get(SINGLE), dict) and meta[SINGLE].get(
        "schema"
    ) == 0:
        return 0
    raise FileProblem("not a session file (no workshop header)")


def check(data: Any, *, deep: bool = True) -> dict[str, Any]:
    """Validate a current-schema file; return it. `deep` also validates every document."""
    schema = schema_of(data)
    if schema > SCHEMA_VERSION:
        raise FileProblem(
            f"made by a newer workshop (schema {schema}, this one knows {SCHEMA_VERSION}); "
            "update workshop to open it"
        )
    if schema < SCHEMA_VERSION:
        raise FileProblem(f"schema {schema} needs upgrading")
    for name in TABLES:
        table = data.get(name)
        if not isinstance(table, dict):
            raise FileProblem(f"table {name!r} is missing or not an object")
        for doc_id, doc in table.items():
            if not doc_id.isdigit() or not isinstance(doc, dict):
                raise FileProblem(f"table {name!r} has a bad entry {doc_id!r}")
    for name in ("session", "agenda", "state"):
        if SINGLE not in data[name]:
            raise FileProblem(f"table {name!r} has no document")
    head = data["store"][SINGLE]
    try:
        check_header(head)
    except WorkshopError as error:
        raise FileProblem(str(error)) from None
    items = data["agenda"][SINGLE].get("items")
    if not isinstance(items, list):
        raise FileProblem("agenda has no item list")
    state = data["state"][SINGLE]
    if not isinstance(state.get("ui"), dict) or not isinstance(state.get("drafts"), dict):
        raise FileProblem("ui state is not an object")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in state["drafts"].items()):
        raise FileProblem("a saved draft is not text")
    if deep:
        # Documents are replaced by their normalised form (defaults filled), so the app and the
        # exports only ever see complete, valid documents.
        try:
            meta = normalise_session_meta(data["session"][SINGLE])
            if meta["id"] not in ("", head["id"]):
                raise WorkshopError(f"session id {meta['id'][:40]!r} differs from the header's")
            data["session"][SINGLE] = {**meta, "id": head["id"]}
            for position, item in enumerate(items):
                if not isinstance(item, dict):
                    raise WorkshopError("an agenda item is not an object")
                items[position] = normalise_agenda_item(item)
            good_dates: set[str] = set()
            people = data["participants"]
            for key, doc in people.items():  # the fast path of records, for people too
                if not (isinstance(doc, dict) and _fits_plan(doc, _PARTICIPANT_PLAN, good_dates)):
                    people[key] = normalise_participant(doc)
            records = data["records"]
            for key, doc in records.items():
                records[key] = _valid_record(doc, good_dates)
        except WorkshopError as error:
            raise FileProblem(f"bad content: {error}") from None
        journal = data["journal"]
        for key in sorted(journal, key=int):
            try:
                normalise_undo_entry(journal[key], head["id"], good_dates)
            except WorkshopError as error:
                raise FileProblem(f"bad content: undo history entry {key}: {error}") from None
    return data


def upgrade(data: Any) -> tuple[dict[str, Any], int]:
    """Bring an older file up to SCHEMA_VERSION; return (data, original schema)."""
    original = schema_of(data)
    if original > SCHEMA_VERSION:
        check(data)  # raises the "newer" problem
    schema = original
    while schema < SCHEMA_VERSION:
        try:
            data = MIGRATIONS[schema](data)
        except (KeyError, TypeError, ValueError, AttributeError, WorkshopError) as error:
            raise FileProblem(f"cannot upgrade from schema {schema}: {error}") from None
        schema += 1
    return check(data), original


def _from_0(old: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (the prototype): metadata and header in "meta", records without per-kind numbers,
    no journal or ui state. Records are numbered per kind in file order."""
    meta = dict(old["meta"][SINGLE])
    meta.pop("schema", None)
    session_id = meta.get("id", "")
    counters: dict[str, int] = {}
    records: dict[str, Any] = {}
    for doc_id, doc in old.get("records", {}).items():
        doc = dict(doc)
        counters[doc["kind"]] = counters.get(doc["kind"], 0) + 1
        doc["no"] = counters[doc["kind"]]
        records[doc_id] = normalise_record(doc)
    return {
        "store": {SINGLE: {"format": STORE_FORMAT, "schema": 1, "id": session_id,
                           "counters": counters}},
        "session": {SINGLE: normalise_session_meta(meta)},
        "agenda": {SINGLE: {"items": list(old.get("agenda", {}).get(SINGLE, {}).get("items", []))}},
        "participants": dict(old.get("participants", {})),
        "records": records,
        "journal": {},
        "state": {SINGLE: {"ui": {}, "drafts": {}}},
    }


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_0}
