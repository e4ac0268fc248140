"""`workshop import` and the sessions folder read regular files of bounded size only: /dev/zero,
a FIFO, a folder or a huge file get one clear line and a non-zero exit, at once (never a hang,
never a MemoryError); the store never writes a session file larger than it would read back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.export.json_export import MAX_IMPORT_BYTES
from workshop.store import SessionStore, storage
from workshop.store.reading import MAX_SESSION_BYTES

ROOT = Path(__file__).resolve().parent.parent


def _import_in_a_child(file: Path, sessions: Path) -> subprocess.CompletedProcess[str]:
    """Run `workshop import` in its own process, so a hang fails the test instead of freezing it
    (the timeout is a safety net, not a speed check)."""
    return subprocess.run(
        [sys.executable, "-m", "workshop", "--sessions", str(sessions), "import", str(file)],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_import_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    result = _import_in_a_child(Path("/dev/zero"), tmp_path / "sessions")
    assert result.returncode == 1
    assert "not a regular file" in _one_line(result.stderr)
    assert not (tmp_path / "sessions").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_import_a_fifo_never_hangs(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    result = _import_in_a_child(fifo, tmp_path / "sessions")
    assert result.returncode == 1
    assert "not a regular file" in _one_line(result.stderr)


def test_import_a_folder_or_a_huge_file(tmp_path: Path, capsys) -> None:
    assert main(["import", str(tmp_path)]) == 1
    assert "is a folder" in _one_line(capsys.readouterr().err)
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as handle:  # sparse: takes no disk space
        handle.truncate(MAX_IMPORT_BYTES + 1)
    assert main(["import", str(huge)]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "larger than 50 MB" in line and str(huge) in line


def test_an_export_at_the_limit_is_still_read(tmp_path: Path, capsys) -> None:
    """The limit is on size only: a file of exactly the limit is read (and then judged)."""
    path = tmp_path / "padded.json"
    with open(path, "wb") as handle:
        handle.write(b'{"format": "something else"}')
        handle.write(b" " * (MAX_IMPORT_BYTES - handle.tell()))
    assert main(["import", str(path)]) == 1
    assert "not a workshop session export" in _one_line(capsys.readouterr().err)


def test_special_and_huge_files_in_the_sessions_folder_are_listed_not_read(
    sessions_path: Path, capsys
) -> None:
    store = SessionStore(sessions_path)
    with store.create("Riverside review") as session:
        good = session.id
    os.mkfifo(sessions_path / "fifo.json")
    with open(sessions_path / "huge.json", "wb") as handle:
        handle.truncate(MAX_SESSION_BYTES + 1)
    infos = {info.file.name: info for info in store.list()}
    assert infos["fifo.json"].readable is False
    assert "not a regular file" in infos["fifo.json"].reason
    assert infos["huge.json"].readable is False
    assert "larger than 200 MB" in infos["huge.json"].reason
    assert main(["actions"]) == 0
    assert len(capsys.readouterr().err.strip().splitlines()) == 2
    with pytest.raises(WorkshopError, match="not a regular file"):
        store.open("fifo")
    assert store.open(good).close() is None


def test_the_store_never_writes_a_file_it_could_not_read_back(sessions_path: Path,
                                                              monkeypatch) -> None:
    store = SessionStore(sessions_path)
    with store.create("Riverside review") as session:
        before = session.path.read_bytes()
        monkeypatch.setattr(storage, "MAX_WRITE_BYTES", len(before) + 100)
        with pytest.raises(WorkshopError, match="would exceed"):
            session.add_record("note", "B1", text="x" * 500)
        assert session.records() == []
        assert session.path.read_bytes() == before
