"""Shared fixtures. Every test runs in a private temp folder: no test touches the user's real
sessions, exports or config (the pattern of harlequin's conftest)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point sessions, config and XDG folders at tmp_path and run from there."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("WORKSHOP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("WORKSHOP_SESSIONS", str(tmp_path / "sessions"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def sessions_path(isolated_environment: Path) -> Path:
    return isolated_environment / "sessions"


@pytest.fixture(scope="module")
def guide():
    """The shipped guide, loaded once per test module (files on a small guide override it)."""
    from workshop.guide.loader import load_guide

    return load_guide()
