"""JSON export (schema, canonical order, import round trip) and the export/import commands."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest

from tests.export_fixtures import hostile_session
from tests.export_support import demo_snapshot
from workshop.cli import main
from workshop.export import render, write_export
from workshop.export.json_export import render_json, schema
from workshop.records import KIND_FIELDS, PARTICIPANT_FIELDS, SESSION_FIELDS
from workshop.store import SessionStore


@pytest.fixture
def demo(sessions_path, tmp_path):
    """The demo session imported into the test store; returns its id."""
    store = SessionStore(sessions_path)
    with store.import_snapshot(demo_snapshot(tmp_path)) as s:
        return s.id


def test_schema_is_valid_and_covers_every_kind_and_field():
    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    assert set(s["$defs"]) == set(KIND_FIELDS)
    for kind, fields in KIND_FIELDS.items():
        assert set(fields) <= set(s["$defs"][kind]["properties"]), kind
    assert set(s["properties"]["session"]["properties"]) == set(SESSION_FIELDS)
    assert set(s["properties"]["participants"]["items"]["properties"]) == set(PARTICIPANT_FIELDS)


def test_exports_validate_against_the_shipped_schema(tmp_path):
    validator = jsonschema.Draft202012Validator(schema())
    for snap in (demo_snapshot(tmp_path), hostile_session()):
        validator.validate(json.loads(render_json(snap)))
    broken = json.loads(render_json(hostile_session()))
    broken["records"][0]["kind"] = "gossip"
    assert not validator.is_valid(broken)


def test_json_is_canonical_whatever_the_key_order(tmp_path):
    snap = demo_snapshot(tmp_path)
    shuffled = {k: snap[k] for k in reversed(list(snap))}
    shuffled["records"] = [{k: r[k] for k in reversed(list(r))} for r in snap["records"]]
    assert render_json(shuffled) == render_json(snap)
    text = render_json(snap)
    assert text.startswith('{\n  "format": "workshop-session",\n  "format_version": 1,')


def test_export_import_export_is_identical_apart_from_the_session_id(demo, sessions_path,
                                                                     capsys):
    """Beside its original (kept on purpose), the copy differs only in its id and in naming
    the original in `copy_of`."""
    first = sessions_path.parent / "first.json"
    assert main(["export", demo, "--format", "json", "-o", str(first)]) == 0
    assert main(["import", str(first), "--keep-both"]) == 0
    new_id = capsys.readouterr().out.splitlines()[-2].split()[0]
    assert new_id != demo
    second = sessions_path.parent / "second.json"
    assert main(["export", new_id, "--format", "json", "-o", str(second)]) == 0
    a, b = first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")
    assert a.replace(f'"id": "{demo}"', '"id": "X"', 1) == b.replace(
        f'"id": "{new_id}"', '"id": "X"', 1).replace(f'"copy_of": "{demo}"', '"copy_of": ""')
    assert json.loads(a)["session"]["id"] == demo


def test_export_import_into_another_store_then_export_is_byte_identical(demo, sessions_path,
                                                                         tmp_path, capsys):
    """A facilitator moving a session to another laptop gets exactly the same file back."""
    first = tmp_path / "first.json"
    assert main(["export", demo, "--format", "json", "-o", str(first)]) == 0
    other = tmp_path / "other-laptop"
    assert main(["--sessions", str(other), "import", str(first)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split()[0] == demo  # the id is kept
    second = tmp_path / "second.json"
    assert main(["--sessions", str(other), "export", demo, "--format", "json",
                 "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_default_path_and_stdout(demo, sessions_path, capsys):
    assert main(["export", demo]) == 0
    path = capsys.readouterr().out.strip()
    assert path.endswith("-summary.md")
    assert os.path.dirname(path) == str(sessions_path.resolve().parent / "exports")
    with open(path, encoding="utf-8") as handle:
        assert handle.read().startswith("# Harbourford")
    assert main(["export", demo, "--format", "csv", "--what", "risks", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith('"Number","Title","Checklist risk"')


def test_existing_file_needs_force_and_nothing_is_half_written(demo, sessions_path, capsys):
    target = sessions_path.parent / "out.html"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", demo, "--format", "html", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main(["export", demo, "--format", "html", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_one_line_errors(demo, sessions_path, capsys, tmp_path):
    assert main(["export", "no-such-session"]) == 1
    assert "no session" in capsys.readouterr().err
    assert main(["export", demo, "--format", "docx", "-o", "-"]) == 2
    assert "binary" in capsys.readouterr().err
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    assert main(["export", demo, "-o", str(not_a_folder / "x.md")]) == 1
    err = capsys.readouterr().err
    assert "cannot create folder" in err and len(err.strip().splitlines()) == 1
    assert not_a_folder.read_text(encoding="utf-8") == "x"
    assert main(["export", demo, "--format", "json", "--no-names", "-o", "-"]) == 1
    assert "does not apply to JSON" in capsys.readouterr().err


def test_import_rejects_bad_files_with_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    for content, message in (
        ("{not json", "is not valid JSON"),
        ('{"format": "other"}', "is not a workshop session export"),
        ('{"format": "workshop-session", "format_version": 99}', "newer than this workshop"),
        ('{"format": "workshop-session", "format_version": 1, "records": '
         '[{"kind": "action", "id": "a", "part": "B3", "priority": "urgent"}]}',
         "record 1 (id 'a'): action priority 'urgent'"),
        ('{"format": "workshop-session", "format_version": 1, "records": '
         '[{"kind": "note", "id": "a", "part": "Z9"}]}', "Z9 are not in the guide"),
    ):
        bad.write_text(content, encoding="utf-8")
        assert main(["import", str(bad)]) == 1
        err = capsys.readouterr().err
        assert message in err and len(err.strip().splitlines()) == 1, err
    assert SessionStore(tmp_path / "sessions").list() == []


def test_write_export_is_atomic_on_failure(tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "x.md"
    target.write_text("old", encoding="utf-8")

    def boom(*_a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(Exception, match="No space left"):
        write_export(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in folder.iterdir()) == ["x.md"]



def test_write_export_never_replaces_a_file_that_appears_at_the_last_moment(tmp_path,
                                                                           monkeypatch):
    """Without --force, a file another program creates after the exists-check (here: just before
    the final rename or link) is kept; the export fails with the usual message."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "summary.md"
    real_replace, real_link = os.replace, os.link

    def other_writer_first(final):
        def step(src, dst, *args, **kwargs):
            if os.fspath(dst) == os.fspath(target):
                target.write_text("the other program's file", encoding="utf-8")
            return final(src, dst, *args, **kwargs)
        return step

    monkeypatch.setattr(os, "replace", other_writer_first(real_replace))
    monkeypatch.setattr(os, "link", other_writer_first(real_link))
    with pytest.raises(Exception, match="summary.md already exists: use --force"):
        write_export(target, "ours")
    assert target.read_text(encoding="utf-8") == "the other program's file"
    assert sorted(p.name for p in folder.iterdir()) == ["summary.md"]


def test_write_export_without_hard_links_still_writes_and_refuses_to_overwrite(tmp_path,
                                                                               monkeypatch):
    """On a file system without hard links (FAT, exFAT USB sticks) it falls back to rename."""
    import errno

    def no_links(*_a, **_k):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "summary.md"
    assert write_export(target, "first") == target
    assert target.read_text(encoding="utf-8") == "first"
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)  # exports hold names
    with pytest.raises(Exception, match="already exists"):
        write_export(target, "second")
    write_export(target, "third", force=True)
    assert target.read_text(encoding="utf-8") == "third"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_render_rejects_unknown_format():
    with pytest.raises(Exception, match="unknown export format 'pdf'"):
        render({}, "pdf")
