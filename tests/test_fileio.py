"""workshop.fileio: the one atomic, durable file write used by the store, exports and settings."""

from __future__ import annotations

import ast
import errno
import os
import stat
from pathlib import Path

import pytest

from workshop.errors import WorkshopError
from workshop.fileio import TargetExists, write_atomically
from workshop.store.storage import write_atomically as store_write
from workshop.tui.settings import Settings, load_settings, save_settings

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("mode", [0o600, 0o644])
def test_writes_the_bytes_with_exactly_the_mode(tmp_path: Path, mode: int) -> None:
    old = os.umask(0o077)
    try:
        write_atomically(tmp_path / "f.json", b"\x00payload\xff", mode=mode)
    finally:
        os.umask(old)
    assert (tmp_path / "f.json").read_bytes() == b"\x00payload\xff"
    assert stat.S_IMODE((tmp_path / "f.json").stat().st_mode) == mode
    assert _leftovers(tmp_path) == []


def test_overwrite_replaces_and_no_overwrite_refuses(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    write_atomically(target, b"one", overwrite=False)
    write_atomically(target, b"two")
    assert target.read_bytes() == b"two"
    with pytest.raises(TargetExists):
        write_atomically(target, b"three", overwrite=False)
    assert target.read_bytes() == b"two"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("step", ["write", "fsync", "replace", "link"])
def test_a_failing_step_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "f.txt"
    target.write_bytes(b"old")

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, step, full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, b"new", overwrite=step != "link")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_store_and_settings_write_through_the_helper(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each caller keeps its own mode and its own one-line message."""
    store_write(tmp_path / "s.json", b"{}")
    assert stat.S_IMODE((tmp_path / "s.json").stat().st_mode) == 0o600
    config = tmp_path / "config" / "config.json"
    save_settings(Settings(theme="textual-light", keymap={"home.new": "a"}), config)
    assert load_settings(config).theme == "textual-light"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert _leftovers(config.parent) == []

    def denied(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(WorkshopError, match=r"settings not saved to .*config.json: Permission "
                                            r"denied; check the folder's permissions"):
        save_settings(Settings(theme="textual-dark"), config)
    monkeypatch.undo()
    assert load_settings(config).theme == "textual-light"
    assert _leftovers(config.parent) == []


def test_no_other_module_has_its_own_atomic_write() -> None:
    """fsync, mkstemp and the folder fsync live in workshop/fileio.py only (one copy to fix)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "fileio.py" and path.parent == PACKAGE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("fsync", "mkstemp"):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.attr}")
            if isinstance(node, ast.FunctionDef) and node.name.lstrip("_") == "fsync_dir":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.name}")
    assert offenders == []
