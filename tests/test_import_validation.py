"""Import, the store and the shipped JSON Schema apply ONE set of field rules (workshop/records.py):
malformed nested values, fake dates and times are refused by import with one line and by the
schema, and the same damage written straight into a session file on disk makes that file
unreadable (with the reason) instead of crashing `workshop actions`, `list` or an export."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import orjson
import pytest

from workshop.cli import main
from workshop.export.json_export import MAX_IMPORT_BYTES, render_json, schema
from workshop.export.json_schema import SCHEMA_PATH, schema_text
from workshop.fileio import MB
from workshop.store import SessionStore


def _session(store: SessionStore, title: str) -> str:
    with store.create(title, date="2026-03-12", agenda=[{"part": "B1", "timebox": 20}]) as s:
        person = s.add_participant(name="Ana Lima", organisation="City Council")
        s.add_record("action", "B1", title=f"{title}: publish the data list", owner="Ana Lima",
                     due="2026-04-01")
        s.add_record("engagement", "B1", stakeholders=[person["id"]], channels=["survey"])
        s.add_record("risk", "B1", title="Staff leave", answers={"Who?": "HR"})
        s.add_record("benefit", "B1", title="Faster buses", parts=["B1"])
        s.add_record("action", "B1", title="Carried", origin={
            "session": "abcdef", "title": "Spring", "record": "r1"})
        return s.id


@pytest.fixture
def export(sessions_path: Path) -> dict[str, Any]:
    store = SessionStore(sessions_path)
    session_id = _session(store, "Riverside review")
    return json.loads(render_json(store.read_snapshot(session_id)))


def _record(data: dict[str, Any], kind: str, title: str = "") -> dict[str, Any]:
    return next(r for r in data["records"]
                if r["kind"] == kind and (not title or r.get("title") == title))


Damage = Callable[[dict[str, Any]], None]
DAMAGES: dict[str, tuple[Damage, str]] = {
    "stakeholders of mixed types": (
        lambda d: _record(d, "engagement").update(stakeholders=[1, None, {"a": 1}]),
        "stakeholders: item 1 must be str"),
    "origin record is a list": (
        lambda d: _record(d, "action", "Carried").update(origin={"record": [1, 2]}),
        "origin"),
    "origin record of the wrong type": (
        lambda d: _record(d, "action", "Carried")["origin"].update(record=[1, 2]),
        "must be str"),
    "origin with an unknown key": (
        lambda d: _record(d, "action", "Carried")["origin"].update(evil="1"),
        "unknown key"),
    "created is yesterday": (
        lambda d: _record(d, "action").update(created="yesterday"), "is not a time"),
    "due is 30 February": (
        lambda d: _record(d, "action").update(due="2026-02-30"), "is not a date"),
    "session date is 30 February": (
        lambda d: d["session"].update(date="2026-02-30"), "is not a date"),
    "session created is yesterday": (
        lambda d: d["session"].update(created="yesterday"), "is not a time"),
    "due is 29 February of a common year": (
        lambda d: _record(d, "action").update(due="2027-02-29"), "is not a date"),
    "risk answer is a number": (
        lambda d: _record(d, "risk").update(answers={"Who?": 3}), "must be str"),
    "benefit parts hold a number": (
        lambda d: _record(d, "benefit").update(parts=[3]), "item 1 must be str"),
    "channels is text": (
        lambda d: _record(d, "engagement").update(channels="survey"), "must be a list"),
    "negative number": (lambda d: _record(d, "action").update(no=-1), "must be >= 0"),
}


@pytest.mark.parametrize("name", sorted(DAMAGES))
def test_import_refuses_with_one_line_and_the_schema_too(
    name: str, export: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damage, reason = DAMAGES[name]
    data = copy.deepcopy(export)
    damage(data)
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    before = sorted(p.name for p in (tmp_path / "sessions").iterdir())
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and reason in err, err
    assert "Traceback" not in err
    assert sorted(p.name for p in (tmp_path / "sessions").iterdir()) == before
    assert not jsonschema.Draft202012Validator(schema()).is_valid(data)


def test_a_good_export_passes_both(export: dict[str, Any], tmp_path: Path) -> None:
    jsonschema.Draft202012Validator(schema()).validate(export)
    path = tmp_path / "good.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    assert main(["--sessions", str(tmp_path / "other"), "import", str(path)]) == 0


def test_the_shipped_schema_is_generated_from_the_store_rules() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("value,ok", [
    ("2028-02-29", True), ("2000-02-29", True), ("1900-02-29", False), ("2026-02-30", False),
    ("2026-04-31", False), ("yesterday", False), ("0000-01-01", False), ("2026-1-01", False),
    ("２０２６-０１-０１", False), ("", True), ("2026-12-31", True),
])
def test_the_date_pattern_matches_the_calendar(value: str, ok: bool,
                                               export: dict[str, Any]) -> None:
    data = copy.deepcopy(export)
    _record(data, "action").update(due=value)
    assert jsonschema.Draft202012Validator(schema()).is_valid(data) is ok
    from workshop.errors import WorkshopError
    from workshop.records import check_date

    try:
        check_date(value)
        accepted = True
    except WorkshopError:
        accepted = False
    assert accepted is ok


def test_import_help_and_readme_state_the_size_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert MAX_IMPORT_BYTES == 50 * MB
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    assert "50 MB" in capsys.readouterr().out
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where your data lives", 1)[1].split("\n## ", 1)[0]
    assert "50 MB" in section


# -- the same damage written straight into a session file on disk ----------------------------


def _damage_on_disk(path: Path, kind: str, **fields: Any) -> None:
    data = orjson.loads(path.read_bytes())
    record = next(r for r in data["records"].values() if r["kind"] == kind)
    record.update(fields)
    data["journal"] = {}
    path.write_bytes(orjson.dumps(data))


@pytest.fixture
def store_with_damage(sessions_path: Path) -> tuple[SessionStore, str, dict[str, Path]]:
    store = SessionStore(sessions_path)
    good = _session(store, "Good session")
    bad = {}
    for name, kind, fields in (
        ("origin", "action", {"origin": {"record": [1, 2]}}),
        ("stakeholders", "engagement", {"stakeholders": [1, None, {"a": 1}]}),
    ):
        session_id = _session(store, f"Damaged {name}")
        path = next(i.file for i in store.list() if i.id == session_id)
        _damage_on_disk(path, kind, **fields)
        bad[session_id] = path
    return store, good, bad


def test_damaged_files_do_not_stop_actions_list_or_exports(
    store_with_damage, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    store, good, bad = store_with_damage
    before = {path: path.read_bytes() for path in bad.values()}
    assert main(["actions"]) == 0
    out, err = capsys.readouterr()
    assert "Good session: publish the data list" in out
    warnings = err.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith("warning: skipped") for w in warnings)
    assert {path.name for path in bad.values()} == {w.split()[2].rstrip(":") for w in warnings}
    assert main(["actions", "--json"]) == 0
    out, err = capsys.readouterr()
    assert {row["session"] for row in json.loads(out)} == {good}
    assert len(err.strip().splitlines()) == 2
    assert main(["list", "--json"]) == 0
    listed = {row["file"]: row for row in json.loads(capsys.readouterr().out)}
    for path in bad.values():
        assert listed[str(path)]["readable"] is False
        assert "bad content" in listed[str(path)]["reason"]
    for fmt in ("md", "json", "docx", "html"):
        assert main(["export", good, "--format", fmt, "-o", str(tmp_path / f"g.{fmt}")]) == 0
        for session_id in bad:
            assert main(["export", session_id, "--format", fmt, "-o",
                         str(tmp_path / f"b.{fmt}")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and all("bad content" in line for line in err.splitlines())
    assert {path: path.read_bytes() for path in bad.values()} == before


def test_the_fast_open_check_refuses_what_the_full_rules_refuse(sessions_path: Path) -> None:
    """The store's fast path when opening big files agrees with the rules on nested values."""
    from workshop.records import normalise_record
    from workshop.store.migrate import record_is_complete_and_valid

    base = normalise_record({"id": "r1", "kind": "action", "part": "B1", "title": "x"})
    for bad in ({"origin": {}}, {"origin": {"session": "s"}}, {"origin": {"record": [1]}},
                {"created": "yesterday"}, {"due": "2026-02-30"}):
        assert not record_is_complete_and_valid({**base, **bad}, set()), bad
    engagement = normalise_record({"id": "r2", "kind": "engagement", "part": "B1"})
    assert not record_is_complete_and_valid({**engagement, "stakeholders": [1, None]}, set())
    assert record_is_complete_and_valid({**engagement, "stakeholders": ["p1"]}, set())
