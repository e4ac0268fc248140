"""The fast record check used when a session file is opened accepts a record only when the full
normalise_record would accept it unchanged; anything else goes to the full check (and its
message)."""

from __future__ import annotations

from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.errors import WorkshopError
from workshop.records import KIND_FIELDS, normalise_record
from workshop.store import SessionStore, StoreError
from workshop.store.migrate import FileProblem, check, record_is_complete_and_valid

VALID: dict[str, dict[str, Any]] = {
    "note": {"text": "Open the bus data"},
    "idea": {"text": "Data café"},
    "rating": {"current": 2, "target_level": 4, "comment": ""},
    "vote": {"dots": 3, "voter": "Table 1"},
    "decision": {"outcome": "parked", "text": "Later", "rationale": "budget"},
    "action": {"title": "Publish", "owner": "Sam", "due": "2030-02-28", "priority": "high",
               "status": "in progress"},
    "engagement": {"stakeholders": ["p1"], "level": "involve", "channels": ["workshop"],
                   "due": "", "loop_closed": True},
    "risk": {"risk": "R1", "title": "Silos", "answers": {"q": "yes"}, "likelihood": 0,
             "impact": 5, "status": "partly"},
    "benefit": {"title": "Faster buses", "beneficiaries": ["riders"], "parts": ["B1"]},
    "question": {"text": "Who pays?", "owner": "Sam", "due": "2030-02-28", "status": "open"},
}


def full_record(kind: str, changes: dict[str, Any] | None = None, **more: Any) -> dict[str, Any]:
    """A complete record as the store writes it (every field, JSON types)."""
    base = {"id": "r1", "no": 1, "kind": kind, "part": "B1", "created": "2026-01-01T00:00:00+00:00",
            # a kind not listed in VALID (a new one) takes its declared defaults
            "updated": "2026-01-01T00:00:00+00:00", **VALID.get(kind, {})}
    record = orjson.loads(orjson.dumps(normalise_record(base)))
    record.update(changes or {}, **more)
    return record


def full_check_accepts_unchanged(record: dict[str, Any]) -> bool:
    try:
        return normalise_record(record) == record
    except (WorkshopError, TypeError):  # TypeError: a kind that cannot be hashed
        return False


@pytest.mark.parametrize("kind", sorted(KIND_FIELDS))
def test_every_complete_valid_record_takes_the_fast_path(kind: str) -> None:
    record = full_record(kind)
    assert record_is_complete_and_valid(record, set())
    assert record_is_complete_and_valid(full_record(kind, origin={"session": "s", "record": "r"}),
                                        set())


@pytest.mark.parametrize(("kind", "changes"), [
    ("rating", {"current": 0}),  # out of range
    ("rating", {"current": True}),  # a bool is not an int
    ("rating", {"current": 2.0}),
    ("vote", {"dots": 100}),
    ("action", {"status": "finished"}),  # not a choice
    ("action", {"due": "2030-02-30"}),  # not a date
    ("action", {"due": "20300228"}),  # not the dashed form
    ("engagement", {"loop_closed": 1}),
    ("note", {"text": None}),
    ("note", {"origin": "elsewhere"}),
    ("note", {"extra": 1}),  # unknown field
    ("decision", {"outcome": "maybe"}),
])
def test_bad_records_never_take_the_fast_path(kind: str, changes: dict[str, Any]) -> None:
    record = full_record(kind, changes)
    assert not record_is_complete_and_valid(record, set())
    with pytest.raises(WorkshopError):
        normalise_record(record)


def test_incomplete_records_go_to_the_full_check() -> None:
    record = full_record("note")
    del record["author"]  # an older writer left it out: valid, its default fills it
    assert not record_is_complete_and_valid(record, set())
    assert normalise_record(record)["author"] == ""
    rating = full_record("rating")
    del rating["current"]  # the default (0) is out of range: the full check names the field
    assert not record_is_complete_and_valid(rating, set())
    assert not record_is_complete_and_valid({"kind": "nope"}, set())


def test_good_dates_are_remembered_and_bad_ones_never() -> None:
    dates: set[str] = set()
    assert record_is_complete_and_valid(full_record("action", due="2031-12-31"), dates)
    assert "2031-12-31" in dates
    assert not record_is_complete_and_valid(full_record("action", due="2031-13-01"), dates)
    assert "2031-13-01" not in dates


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 120), st.floats(allow_nan=False, width=32),
    st.sampled_from(["", "open", "done", "agreed", "high", "involve", "partly", "2030-01-31",
                     "2030-02-30", "x"]),
    st.lists(st.sampled_from(["a", "b"]), max_size=2),
    st.dictionaries(st.sampled_from(["q", "session"]), st.text(max_size=3), max_size=2),
)


@settings(max_examples=400, deadline=None)
@given(kind=st.sampled_from(sorted(KIND_FIELDS)),
       changes=st.dictionaries(
           st.sampled_from(sorted({name for fields in KIND_FIELDS.values() for name in fields}
                                  | {"no", "kind", "origin", "rec", "bogus"})),
           JSON_VALUES, max_size=3),
       dropped=st.sets(st.sampled_from(["author", "rec", "text", "title", "due", "origin"]),
                       max_size=2))
def test_fast_path_agrees_with_the_full_check(kind: str, changes: dict[str, Any],
                                              dropped: set[str]) -> None:
    record = full_record(kind, changes)
    for name in dropped:
        record.pop(name, None)
    fast = record_is_complete_and_valid(record, set())
    if fast:  # sound: the full check accepts it exactly as it is
        assert full_check_accepts_unchanged(record)
    elif full_check_accepts_unchanged(record):  # complete: only non-JSON types fall back
        pytest.fail(f"a complete valid record missed the fast path: {record}")


def test_a_file_with_one_bad_record_among_many_is_still_refused(sessions_path) -> None:
    store = SessionStore(sessions_path)
    with store.create("Big") as session:
        for i in range(50):
            session.add_record("note", "B1", text=f"note {i}")
        path, session_id = session.path, session.id
    data = orjson.loads(path.read_bytes())
    check(data)  # valid as written
    data["records"]["37"]["kind"] = "rating"  # a note's fields under another kind
    with pytest.raises(FileProblem, match="bad content: rating"):
        check(data)
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(StoreError, match="bad content"):
        store.open(session_id)


@pytest.mark.parametrize("kind", [[], {}, None, 3])
def test_a_kind_that_is_not_text_is_bad_content_not_a_crash(kind: Any) -> None:
    store = SessionStore("sessions")
    with store.create("Odd") as session:
        session.add_record("note", "B1", text="x")
        path = session.path
    data = orjson.loads(path.read_bytes())
    data["records"]["1"]["kind"] = kind
    assert not record_is_complete_and_valid(data["records"]["1"], set())
    with pytest.raises(FileProblem, match="bad content: record kind .* is not text"):
        check(data)


@settings(max_examples=150, deadline=None)
@given(changes=st.dictionaries(
    st.sampled_from(["name", "sector", "attended", "kind", "interest", "influence", "extra"]),
    st.one_of(st.none(), st.booleans(), st.integers(-1, 3), st.sampled_from(
        ["", "public", "citizen", "person", "group", "high", "nobody", "Ana"]))))
def test_participants_take_the_fast_path_only_when_the_full_check_agrees(
        changes: dict[str, Any]) -> None:
    """People are checked by the same fast path as records when a file is opened: a person is
    kept as written only when normalise_participant would keep it unchanged."""
    from workshop.records import normalise_participant
    from workshop.store.migrate import _PARTICIPANT_PLAN, _fits_plan

    person = orjson.loads(orjson.dumps(normalise_participant({"id": "p1", "name": "Ana"})))
    person.update(changes)
    try:
        expected = normalise_participant(dict(person)) == person
    except WorkshopError:
        expected = False
    assert _fits_plan(person, _PARTICIPANT_PLAN, set()) == expected
