"""`workshop new / list / delete / demo / actions` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.store import SessionStore
from workshop.store.commands import delete_session


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_new_prints_id_and_validates(capsys: pytest.CaptureFixture[str],
                                     sessions_path: Path) -> None:
    code, out, err = run(capsys, "new", "--title", "Riverton", "--city", "Riverton",
                         "--date", "2026-04-01", "--agenda", "b1, B3:30,annexb")
    assert code == 0 and err == ""
    sid = out.strip()
    with SessionStore(sessions_path).open(sid) as s:
        assert s.meta["city"] == "Riverton" and s.meta["date"] == "2026-04-01"
        assert s.agenda == [{"part": "B1", "timebox": 20, "spent": 0},
                            {"part": "B3", "timebox": 30, "spent": 0},
                            {"part": "AnnexB", "timebox": 20, "spent": 0}]
    code, out, err = run(capsys, "new", "--title", "X", "--date", "2026-02-30")
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--date '2026-02-30' is not a real date" in err
    code, out, err = run(capsys, "new", "--title", "X", "--agenda", "B1,B99")
    assert code == 2 and "unknown part id 'B99'" in err and "B14" in err
    code, _, err = run(capsys, "new", "--title", "X", "--agenda", "B1,b1")
    assert code == 2 and "twice" in err
    assert len(SessionStore(sessions_path).list()) == 1


def test_list_table_json_and_unreadable(capsys: pytest.CaptureFixture[str],
                                        sessions_path: Path) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and "No sessions" in out and "workshop demo" in out
    _, sid, _ = run(capsys, "new", "--title", "Riverton workshop", "--city", "Riverton",
                    "--agenda", "B1,B2")
    sid = sid.strip()
    with SessionStore(sessions_path).open(sid) as s:
        s.add_record("action", "B1", title="Do a thing")
        s.add_time("B1", 60)
    (sessions_path / "qqqqqq-broken.json").write_text("{not json")
    code, out, _ = run(capsys, "list")
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "CITY", "DATE", "STATUS", "PARTS", "OPEN",
                                "LAST", "CHANGE"]
    row = next(line for line in lines if line.startswith(sid))
    assert "Riverton workshop" in row and " 1/2 " in row and " in progress " in row
    assert "qqqqqq-broken.json: not valid JSON" in out
    code, out, _ = run(capsys, "list", "--json")
    data = {item["id"]: item for item in json.loads(out)}
    assert data[sid]["readable"] is True and data[sid]["open_actions"] == 1
    assert data[sid]["file"].endswith(".json") and data[sid]["title"] == "Riverton workshop"
    assert data["qqqqqq"]["readable"] is False and "not valid JSON" in data["qqqqqq"]["reason"]


def test_delete_asks_and_moves_to_trash(capsys: pytest.CaptureFixture[str],
                                        sessions_path: Path) -> None:
    _, sid, _ = run(capsys, "new", "--title", "Bin me")
    sid = sid.strip()
    store = SessionStore(sessions_path)
    code, _, err = run(capsys, "delete", sid)  # stdin is not a terminal under pytest
    assert code == 2 and "--yes" in err
    assert delete_session(store, sid, ask=lambda q: "n", interactive=True) == 1
    assert store.resolve(sid)
    assert delete_session(store, "Bin me", ask=lambda q: "y", interactive=True) == 0
    assert (sessions_path / ".trash").is_dir() and store.list() == []
    code, _, err = run(capsys, "delete", "nothing", "--yes")
    assert code == 1 and "no session 'nothing'" in err


def test_ambiguous_reference_lists_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", "--title", "Same")
    run(capsys, "new", "--title", "Same")
    code, _, err = run(capsys, "delete", "Same", "--yes")
    assert code == 1 and "matches 2 sessions" in err and err.count("'Same'") >= 2


def test_demo_is_a_full_session(capsys: pytest.CaptureFixture[str], sessions_path: Path) -> None:
    code, out, _ = run(capsys, "demo")
    assert code == 0 and "Created demo session" in out
    store = SessionStore(sessions_path)
    infos = store.list()
    assert len(infos) == 2
    main_info = next(i for i in infos if i.status == "in progress")
    earlier = next(i for i in infos if i.status == "closed")
    snap = store.read_snapshot(main_info.id)
    kinds = [r["kind"] for r in snap["records"]]
    for kind in ("note", "idea", "rating", "vote", "decision", "engagement", "risk", "benefit"):
        assert kind in kinds, kind
    assert 13 <= kinds.count("action") <= 20
    assert len(snap["agenda"]) >= 6
    assert {p["sector"] for p in snap["participants"]} == {
        "public", "private", "voluntary", "academic", "citizen"}
    assert all(p["interest"] and p["influence"] for p in snap["participants"])
    carried = [r for r in snap["records"] if r["origin"]]
    assert carried and all(r["origin"]["session"] == earlier.id for r in carried)
    earlier_ids = {r["id"] for r in store.read_snapshot(earlier.id)["records"]}
    assert all(r["origin"]["record"] in earlier_ids for r in carried)
    for record in snap["records"]:
        if record["rec"]:
            part, _, number = record["rec"].partition(".")
            assert part == record["part"] and number in ("R1", "R2", "R3")
    risks = [r for r in snap["records"] if r["kind"] == "risk"]
    assert any(r["answers"] for r in risks)  # questions come from the guide


def test_actions_across_sessions(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "demo")
    code, out, _ = run(capsys, "actions", "--json")
    actions = json.loads(out)
    keys = [(a["origin"] or {}).get("record") or a["id"] for a in actions]
    assert len(keys) == len(set(keys))  # carried-over copies are listed once
    code, out, _ = run(capsys, "actions", "--open", "--owner", "maya", "--due-before",
                       "2026-05-01", "--json")
    chosen = json.loads(out)
    assert chosen and all("Maya" in a["owner"] and a["status"] in ("open", "in progress")
                          and a["due"] < "2026-05-01" for a in chosen)
    code, out, _ = run(capsys, "actions", "--open")
    assert out.splitlines()[0].split()[:4] == ["SESSION", "NO", "ACTION", "OWNER"]
    code, _, err = run(capsys, "actions", "--due-before", "soon")
    assert code == 2 and "--due-before 'soon' is not a date" in err


def test_actions_marks_overdue(capsys: pytest.CaptureFixture[str]) -> None:
    """Open or in-progress actions due before today say so, in text and JSON; done ones don't."""
    import datetime as dt
    run(capsys, "demo")
    today = dt.date.today().isoformat()
    _, out, _ = run(capsys, "actions", "--json")
    actions = json.loads(out)
    late = [a for a in actions if a["due"] and a["due"] < today]
    assert any(a["status"] in ("open", "in progress") for a in late)
    for a in actions:
        expected = bool(a["due"]) and a["due"] < today and a["status"] in ("open", "in progress")
        assert a["overdue"] is expected, a
    _, out, _ = run(capsys, "actions", "--open")
    lines = out.splitlines()[1:]
    open_late = [a for a in actions if a["overdue"]]
    assert sum("overdue" in line for line in lines) == len(open_late)
    assert f"{open_late[0]['due']} overdue" in out


def test_actions_overdue_is_relative_to_today(sessions_path: Path) -> None:
    import datetime as dt
    import io

    from workshop.store.commands import is_overdue, list_actions
    action = {"due": "2026-03-15", "status": "open"}
    assert is_overdue(action, dt.date(2026, 3, 16))
    assert not is_overdue(action, dt.date(2026, 3, 15))
    assert not is_overdue({**action, "status": "done"}, dt.date(2027, 1, 1))
    assert not is_overdue({**action, "due": ""}, dt.date(2027, 1, 1))
    assert is_overdue({**action, "status": "in progress"}, dt.date(2027, 1, 1))
    out = io.StringIO()
    assert list_actions(SessionStore(sessions_path), out=out, today=dt.date(2026, 1, 1)) == 0
