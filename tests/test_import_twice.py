"""Importing the same JSON export twice: recognised, refused by default, --replace / --keep-both.

Real files through the CLI's main function; the store on disk is checked afterwards.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.export_support import demo_snapshot
from workshop.cli import main
from workshop.store import SessionStore


@pytest.fixture
def exported(sessions_path: Path, tmp_path: Path, capsys) -> tuple[str, Path]:
    """The demo session in the store, and its JSON export on disk: (session id, file)."""
    store = SessionStore(sessions_path)
    with store.import_snapshot(demo_snapshot(tmp_path)) as session:
        sid = session.id
    file = tmp_path / "harbourford.json"
    assert main(["export", sid, "--format", "json", "-o", str(file)]) == 0
    capsys.readouterr()
    return sid, file


def _ids(sessions_path: Path) -> list[str]:
    return sorted(info.id for info in SessionStore(sessions_path).list())


def _trashed(sessions_path: Path) -> list[str]:
    trash = sessions_path / ".trash"
    return sorted(p.name for p in trash.iterdir()) if trash.is_dir() else []


def test_importing_the_original_s_own_export_is_refused_in_one_line(exported, sessions_path,
                                                                     capsys):
    sid, file = exported
    assert main(["import", str(file)]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and sid in err[0] and "Harbourford" in err[0]
    assert "--replace" in err[0] and "--keep-both" in err[0]
    assert _ids(sessions_path) == [sid]  # nothing imported


def test_a_second_import_of_the_same_export_is_recognised(sessions_path, tmp_path, capsys,
                                                          exported):
    """In another store: the first import keeps the id, the second is the duplicate."""
    _, file = exported
    other = tmp_path / "other-laptop"
    assert main(["--sessions", str(other), "import", str(file)]) == 0
    first = _ids(other)
    capsys.readouterr()
    assert main(["--sessions", str(other), "import", str(file)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and first[0] in err[0]
    assert _ids(other) == first


def test_an_export_of_an_imported_copy_is_still_the_same_session(exported, sessions_path,
                                                                 tmp_path, capsys):
    sid, file = exported
    assert main(["import", str(file), "--keep-both"]) == 0
    copy = next(i for i in _ids(sessions_path) if i != sid)
    again = tmp_path / "copy.json"
    assert main(["export", copy, "--format", "json", "-o", str(again)]) == 0
    assert json.loads(again.read_text(encoding="utf-8"))["session"]["copy_of"] == sid
    capsys.readouterr()
    assert main(["import", str(again)]) == 1
    err = capsys.readouterr().err
    assert sid in err and copy in err
    assert len(_ids(sessions_path)) == 2


def test_replace_leaves_exactly_one_copy_and_the_old_one_in_the_trash(exported, sessions_path,
                                                                     capsys):
    sid, file = exported
    assert main(["import", str(file), "--replace"]) == 0
    out = capsys.readouterr().out
    ids = _ids(sessions_path)
    assert len(ids) == 1 and ids[0] != sid
    assert [name for name in _trashed(sessions_path) if name.startswith(sid)]
    assert "trash" in out and sid in out
    # the replacement is recognised in turn
    assert main(["import", str(file)]) == 1
    assert ids[0] in capsys.readouterr().err


def test_keep_both_makes_two_and_says_actions_are_listed_twice(exported, sessions_path,
                                                               capsys):
    sid, file = exported
    assert main(["import", str(file), "--keep-both"]) == 0
    out = capsys.readouterr().out
    assert len(_ids(sessions_path)) == 2
    assert sid in out and "workshop actions" in out and "twice" in out
    assert _trashed(sessions_path) == []


def test_actions_names_the_copies_in_one_line(exported, sessions_path, capsys):
    sid, file = exported
    assert main(["actions"]) == 0
    before = capsys.readouterr().out.splitlines()[1:]
    assert main(["import", str(file), "--keep-both"]) == 0
    copy = next(i for i in _ids(sessions_path) if i != sid)
    capsys.readouterr()
    assert main(["actions"]) == 0
    captured = capsys.readouterr()
    notes = [line for line in captured.err.splitlines() if "copies of the same export" in line]
    assert len(notes) == 1 and sid in notes[0] and copy in notes[0]
    rows = captured.out.splitlines()[1:]
    # each copy's own actions are listed (a carried-over one stays once, as it always was)
    assert len(rows) > len(before) and any(r.startswith(copy) for r in rows)
    assert main(["actions", "--json"]) == 0
    json.loads(capsys.readouterr().out)  # the note never spoils the JSON


def test_no_note_without_copies(exported, capsys):
    assert main(["actions"]) == 0
    assert "copies" not in capsys.readouterr().err


def test_the_flags_exclude_each_other(exported, capsys):
    _, file = exported
    with pytest.raises(SystemExit) as stop:
        main(["import", str(file), "--replace", "--keep-both"])
    assert stop.value.code == 2


@pytest.mark.parametrize("marker", ["../../etc", 42, "ABCDEF", "abc\x1b[2J", None])
def test_a_hostile_copy_marker_is_refused_in_one_line(exported, sessions_path, tmp_path,
                                                       capsys, marker):
    sid, file = exported
    data = json.loads(file.read_text(encoding="utf-8"))
    data["session"]["copy_of"] = marker
    data["session"]["id"] = "zzzzzz"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", str(bad), "--keep-both"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "copy_of" in err[0] and "\x1b" not in err[0]
    assert _ids(sessions_path) == [sid]


def test_interactive_choice(exported, sessions_path, capsys):
    from workshop.export.commands import import_session

    sid, file = exported
    answers = iter(["c"])
    assert import_session(sessions_path, str(file), ask=lambda _: next(answers),
                          interactive=True) == ""
    assert _ids(sessions_path) == [sid]
    answers = iter(["x", "k"])  # a wrong answer is asked again
    new = import_session(sessions_path, str(file), ask=lambda _: next(answers), interactive=True)
    assert sorted([sid, new]) == _ids(sessions_path)
    answers = iter(["r"])
    newest = import_session(sessions_path, str(file), ask=lambda _: next(answers),
                            interactive=True)
    assert _ids(sessions_path) == [newest]
    assert len(_trashed(sessions_path)) == 2


def test_a_duplicated_session_is_no_copy(exported, sessions_path):
    sid, _ = exported
    store = SessionStore(sessions_path)
    with store.duplicate(sid, "Next time") as session:
        assert session.meta["copy_of"] == ""


def test_a_tampered_index_copy_of_is_not_trusted(exported, sessions_path):
    import os
    import time

    import orjson

    from workshop.store.index import INDEX_NAME, read_index

    old = time.time() - 60  # only files unchanged for a while are indexed
    for path in sessions_path.glob("*.json"):
        os.utime(path, (old, old))
    SessionStore(sessions_path).list()
    index = sessions_path / INDEX_NAME
    assert read_index(sessions_path, orjson.loads(index.read_bytes())["schema"])
    data = orjson.loads(index.read_bytes())
    for entry in data["entries"].values():
        entry["info"]["copy_of"] = "../../x"
    index.write_bytes(orjson.dumps(data))
    assert read_index(sessions_path, data["schema"]) == {}
