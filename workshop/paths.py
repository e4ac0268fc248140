"""Where things live on disk: bundled guide, sessions, exports, user config.

Every location can be redirected (CLI flag or environment variable) so tests and facilitators with
unusual setups never touch a folder they did not choose.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

SESSIONS_ENV = "WORKSHOP_SESSIONS"
CONFIG_ENV = "WORKSHOP_CONFIG_DIR"
APP_NAME = "workshop"


def bundled_content_dir() -> Path:
    """The guide shipped with the package.

    An installed wheel carries it as `workshop/content`; a source checkout keeps it in the
    top-level `content/` folder beside the package.
    """
    packaged = Path(str(resources.files("workshop"))) / "content"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "content"


def sessions_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The sessions folder: the CLI flag, else $WORKSHOP_SESSIONS, else ./sessions."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(SESSIONS_ENV)
    if env:
        return Path(env).expanduser()
    return Path("sessions")


def exports_dir(sessions: Path) -> Path:
    """Exports go beside the sessions folder, so a facilitator finds both together."""
    return sessions.resolve().parent / "exports"


def trash_dir(sessions: Path) -> Path:
    """Deleted sessions are moved here, never destroyed."""
    return sessions / ".trash"


def config_dir() -> Path:
    """User settings (theme, keymap): $WORKSHOP_CONFIG_DIR, else the platform's config folder."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)
