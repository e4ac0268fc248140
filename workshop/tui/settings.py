"""User settings of the app (theme, keymap, date order) in `config_dir()/config.json`.

The file is small JSON written atomically (workshop.fileio: temp file, fsync, os.replace), so a
crash never leaves half a file. A file we cannot read is never overwritten: the app says why and
runs with defaults, and the facilitator's hand-edited keymap survives.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workshop.errors import WorkshopError
from workshop.fileio import NotReadable, make_private_dir, read_limited, write_atomically

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"
CONFIG_NAME = "config.json"
MAX_CONFIG_BYTES = 256 * 1024


def config_file() -> Path:
    from workshop.paths import config_dir

    return config_dir() / CONFIG_NAME


@dataclass
class Settings:
    """What we remember between runs. `problem` is a one-line reason the file could not be used."""

    theme: str = DARK_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    # how 01/02/2026 is read in the app and the CLI: "day-first" (UK/EU) or "month-first" (US);
    # only set by hand in the file, so it is kept in `extra` exactly as written
    date_order: str = "day-first"
    extra: dict[str, Any] = field(default_factory=dict)  # keys we do not know, kept as they were
    problem: str = ""

    @property
    def writable(self) -> bool:
        """False when the file on disk is broken: saving would destroy what the user wrote."""
        return not self.problem


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file; a missing file gives defaults, a broken one defaults plus `problem`."""
    path = path or config_file()
    try:  # non-blocking, regular files only, bounded: a FIFO or a huge file never stalls start-up
        raw = read_limited(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        return Settings()
    except NotReadable as reason:
        return Settings(problem=f"{path}: {reason}; using default settings, fix or remove it")
    except OSError as error:
        return Settings(problem=f"{path}: cannot read ({error.strerror}); using default settings")
    except UnicodeDecodeError:
        return Settings(problem=f"{path}: not UTF-8 text; fix or remove the file")
    try:
        data = json.loads(raw)
    except ValueError as error:
        return Settings(
            problem=f"{path}: not valid JSON (line {getattr(error, 'lineno', '?')}); "
            "fix or remove the file to change settings"
        )
    if not isinstance(data, dict):
        return Settings(problem=f"{path}: expected a JSON object; fix or remove the file")
    settings = Settings(extra={k: v for k, v in data.items() if k not in ("theme", "keymap")})
    problems = []
    theme = data.get("theme", DARK_THEME)
    if isinstance(theme, str) and theme:
        settings.theme = theme
    else:
        problems.append("'theme' must be a theme name such as textual-light")
    keymap = data.get("keymap", {})
    if isinstance(keymap, dict) and all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in keymap.items()
    ):
        settings.keymap = dict(keymap)
    else:
        problems.append("'keymap' must map binding ids to keys, e.g. {\"home.new\": \"a\"}")
    order = data.get("date_order", "day-first")
    if order in ("day-first", "month-first"):
        settings.date_order = order
    else:
        problems.append("'date_order' must be \"day-first\" or \"month-first\"")
    if problems:
        settings.problem = f"{path}: " + "; ".join(problems) + "; fix the file"
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings durably; WorkshopError (one line) when that is impossible."""
    path = path or config_file()
    if not settings.writable:
        raise WorkshopError(f"settings not saved: {settings.problem}")
    data = {**settings.extra, "theme": settings.theme, "keymap": settings.keymap}
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        make_private_dir(path.parent)  # 0700: created so, or tightened when this user owns it
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        raise WorkshopError(
            f"settings not saved to {path}: {error.strerror or error}; "
            "check the folder's permissions"
        ) from None
