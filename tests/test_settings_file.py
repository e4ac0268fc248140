"""The settings file is read like every other file from disk: a FIFO, a folder or a huge file named
config.json never stalls or crashes start-up; the app runs with defaults and says why."""

from __future__ import annotations

import os
from pathlib import Path

from workshop.tui.settings import MAX_CONFIG_BYTES, load_settings


def test_a_fifo_named_config_json_is_refused_without_blocking(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    os.mkfifo(config)
    settings = load_settings(config)  # would block forever on open() before
    assert settings.problem.endswith("is not a regular file (a device, pipe or socket); "
                                     "using default settings, fix or remove it")
    assert not settings.writable


def test_an_oversized_config_names_its_limit(tmp_path: Path) -> None:
    config = tmp_path / "config.json"
    config.write_text("{" + " " * MAX_CONFIG_BYTES + "}")
    settings = load_settings(config)
    assert "is larger than 256 KB" in settings.problem


def test_a_folder_and_non_utf8_are_one_line_problems(tmp_path: Path) -> None:
    folder = tmp_path / "config.json"
    folder.mkdir()
    assert "is a folder, not a file" in load_settings(folder).problem
    binary = tmp_path / "other.json"
    binary.write_bytes(b'{"theme": "\xff"}')
    assert "not UTF-8 text" in load_settings(binary).problem
