"""A sessions folder on a read-only medium (a write-protected USB stick, a read-only mount) or one
we may not write in: creating says why in one line, opening falls back to read-only.

The tests run as root, where folder permissions are ignored, so the medium is simulated: every
call that would write under the sessions folder fails with the errno the kernel gives there."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.records import FORMAT_NAME, FORMAT_VERSION
from workshop.store import SessionStore, StoreError

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


def make_read_only(monkeypatch: pytest.MonkeyPatch, folder: Path,
                   code: int = errno.EROFS) -> None:
    """Fail every write below `folder` as a read-only file system does (reads still work)."""
    real_open, real_mkdir, real_replace = os.open, os.mkdir, os.replace
    real_unlink = os.unlink
    inside = str(folder.resolve())

    def below(path: object) -> bool:
        return str(Path(os.fsdecode(path)).resolve()).startswith(inside)  # type: ignore[arg-type]

    def fail(path: object) -> None:
        raise OSError(code, os.strerror(code), os.fsdecode(path))  # type: ignore[arg-type]

    def ro_open(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & _WRITE_FLAGS and below(path):
            fail(path)
        return real_open(path, flags, *args, **kwargs)

    def ro_mkdir(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if below(path):
            if os.path.isdir(path):
                raise FileExistsError(errno.EEXIST, "File exists", os.fsdecode(path))
            fail(path)
        return real_mkdir(path, *args, **kwargs)

    def ro_replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if below(src) or below(dst):
            fail(dst)
        return real_replace(src, dst, *args, **kwargs)

    def ro_unlink(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if below(path):
            fail(path)
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", ro_open)
    monkeypatch.setattr(os, "mkdir", ro_mkdir)
    monkeypatch.setattr(os, "replace", ro_replace)
    monkeypatch.setattr(os, "unlink", ro_unlink)


def _session(sessions_path: Path) -> tuple[str, Path]:
    with SessionStore(sessions_path).create("On a stick") as s:
        s.add_record("note", "B1", text="written before the stick was write-protected")
        return s.id, s.path


def test_new_on_a_read_only_medium_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sessions_path: Path
) -> None:
    sessions_path.mkdir()
    make_read_only(monkeypatch, sessions_path)
    code = main(["new", "--title", "Riverton"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "is on a read-only disk; choose another folder with --sessions" in err
    assert os.listdir(sessions_path) == []


def test_import_on_a_read_only_medium_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sessions_path: Path,
    tmp_path: Path,
) -> None:
    export = tmp_path / "export.json"
    export.write_text(json.dumps({"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
                                  "session": {"title": "Imported"}}))
    sessions_path.mkdir()
    make_read_only(monkeypatch, sessions_path)
    code = main(["import", str(export)])
    _, err = capsys.readouterr()
    assert code == 1 and err.count("\n") == 1
    assert "read-only disk" in err


def test_an_unreadable_trash_folder_is_explained(
    monkeypatch: pytest.MonkeyPatch, sessions_path: Path
) -> None:
    _session(sessions_path)
    store = SessionStore(sessions_path)
    store.delete(store.list()[0].id)  # makes .trash
    real_listdir = os.listdir

    def denied(path: object = ".") -> list[str]:
        if str(path).endswith(".trash"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_listdir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "listdir", denied)
    with pytest.raises(StoreError, match=r"could not list the ids in \.trash: permission denied"):
        store.create("Another")


@pytest.mark.parametrize(("code", "reason"), [
    (errno.EROFS, "the sessions folder is on a read-only disk"),
    (errno.EACCES, "no permission to write in the sessions folder"),
])
def test_opening_without_a_lock_falls_back_to_read_only(
    monkeypatch: pytest.MonkeyPatch, sessions_path: Path, code: int, reason: str
) -> None:
    session_id, path = _session(sessions_path)
    before = path.read_bytes()
    make_read_only(monkeypatch, sessions_path, code)
    with SessionStore(sessions_path).open(session_id) as s:
        assert s.readonly is True
        assert s.lock_message == f"could not lock ({reason}); opened read-only"
        assert [r["text"] for r in s.records()] == [
            "written before the stick was write-protected"]
        with pytest.raises(StoreError, match=r"could not lock .*; opened read-only"):
            s.add_record("note", "B1", text="not saved")
        assert s.records()[0]["no"] == 1 and len(s.records()) == 1
    monkeypatch.undo()
    assert path.read_bytes() == before
    with SessionStore(sessions_path).open(session_id) as s:  # writable again once it can lock
        assert s.readonly is False
        s.add_record("note", "B1", text="saved")
