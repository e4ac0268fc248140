"""`workshop report` inputs: store folders, session files and JSON exports; the same session in two
places (newer kept, one warning), copies edited apart (a conflict, both shown), unreadable files
(one line each with the reason)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from report_support import add_records, make_session, run_report, session_file

from workshop.cli import main
from workshop.export.json_export import render_json
from workshop.store import SessionStore

ACTION = ("action", "B1", {"title": "Open the bus data", "owner": "Sara", "due": "2026-07-01"})


def test_a_store_folder_session_files_and_an_export_are_all_read(tmp_path: Path) -> None:
    one = make_session(tmp_path / "a", "Kick-off", "2026-01-20", records=[ACTION])
    two = make_session(tmp_path / "b", "Follow-up", "2026-03-12", records=[
        ("action", "B3", {"title": "Recruit the panel", "owner": "Amara"})])
    three = make_session(tmp_path / "c", "Review", "2026-05-02", records=[
        ("action", "B3", {"title": "Publish the pipeline", "owner": "Luca"})])
    export = tmp_path / "review-export.json"
    export.write_text(render_json(SessionStore(tmp_path / "c").read_snapshot(three)))
    code, report, err = run_report(tmp_path / "a", session_file(tmp_path / "b", two), export)
    assert code == 0, err
    assert err == ""
    for title in ("Open the bus data", "Recruit the panel", "Publish the pipeline"):
        assert title in report
    assert "**Sessions:** 3" in report
    assert one and two


def test_the_same_session_in_two_places_keeps_the_newer_copy_with_one_warning(
        tmp_path: Path) -> None:
    sid = make_session(tmp_path / "laptop", "Kick-off", "2026-01-20", records=[ACTION])
    (tmp_path / "synced").mkdir()
    old = tmp_path / "synced" / session_file(tmp_path / "laptop", sid).name
    shutil.copy2(session_file(tmp_path / "laptop", sid), old)
    add_records(tmp_path / "laptop", sid, [("action", "B3", {"title": "Added later",
                                                              "owner": "Amara"})])
    code, report, err = run_report(tmp_path / "laptop", tmp_path / "synced")
    new = session_file(tmp_path / "laptop", sid)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("warning:") and sid in lines[0]
    assert str(new) in lines[0] and str(old) in lines[0]
    assert "used the newer copy" in lines[0]
    assert "Added later" in report
    assert report.count("Open the bus data") == 1
    assert "**Sessions:** 1" in report


def test_copies_edited_apart_are_a_conflict_and_both_are_reported(tmp_path: Path) -> None:
    sid = make_session(tmp_path / "laptop1", "Kick-off", "2026-01-20", records=[ACTION])
    (tmp_path / "laptop2").mkdir()
    shutil.copy2(session_file(tmp_path / "laptop1", sid), tmp_path / "laptop2")
    add_records(tmp_path / "laptop1", sid, [("action", "B1", {"title": "Only on laptop one",
                                                               "owner": "Dev"})])
    add_records(tmp_path / "laptop2", sid, [("decision", "B3", {"text": "Only on laptop two"})])
    code, report, err = run_report(tmp_path / "laptop1", tmp_path / "laptop2")
    assert code == 0
    (line,) = err.splitlines()
    assert line.startswith("warning: conflict: session " + sid)
    assert "laptop1" in line and "laptop2" in line
    assert "Only on laptop one" in report and "Only on laptop two" in report
    assert "copy in " in report  # each copy marked by its place
    assert "Conflict: session" in report
    assert report.count("Open the bus data") == 2  # both copies shown, neither dropped


def test_unreadable_files_are_listed_with_their_reasons_and_the_rest_is_reported(
        tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    make_session(folder, "Kick-off", "2026-01-20", records=[ACTION])
    (folder / "broken.json").write_text("{not json")
    (folder / "empty.json").write_text("")
    (folder / "other.json").write_text('{"hello": 1}')
    sid = make_session(tmp_path / "bad", "Bad", "2026-02-02", records=[ACTION])
    bad = session_file(tmp_path / "bad", sid)
    raw = bad.read_text()
    assert '"priority":"medium"' in raw
    bad.write_text(raw.replace('"priority":"medium"', '"priority":"urgent"'))
    os.symlink(bad, folder / "link.json")
    code, report, err = run_report(folder, bad, tmp_path / "missing")
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 6, "\n".join(lines)
    reasons = {line.removeprefix("warning: skipped ").split(": ")[0] for line in lines}
    assert reasons == {str(folder / "broken.json"), str(folder / "empty.json"),
                       str(folder / "other.json"), str(folder / "link.json"), str(bad),
                       str(tmp_path / "missing")}
    text = "\n".join(lines)
    assert "not valid JSON" in text and "empty" in text and "symbolic link" in text
    assert "priority" in text  # the store's own rules named the bad field
    assert "no such file" in text
    assert "Open the bus data" in report
    assert "Not read:" in report


def test_a_pipe_is_never_read_and_an_id_written_twice_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    sid = make_session(folder, "Kick-off", "2026-01-20", records=[ACTION])
    os.mkfifo(folder / "pipe.json")
    other = make_session(tmp_path / "x", "Other", "2026-02-02")
    twice = session_file(tmp_path / "x", other)
    raw = twice.read_text()
    twice.write_text(raw.replace(f'"id":"{other}"', f'"id":"{sid}","id":"{other}"', 1))
    code, report, err = run_report(folder, twice)
    assert code == 0
    lines = err.splitlines()
    assert len(lines) == 2, lines
    assert any("pipe.json" in line for line in lines)
    assert any(str(twice) in line and "written twice" in line for line in lines)
    assert report.count("Open the bus data") == 1


def test_no_readable_session_is_one_error_line(tmp_path: Path, capsys) -> None:
    (tmp_path / "x.json").write_text("[]")
    assert main(["report", str(tmp_path / "x.json"), "-o", "-"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("workshop: error: no readable session")
    assert len(err) == 2  # the skipped file, then the error

