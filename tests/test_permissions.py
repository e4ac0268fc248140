"""Files that hold participants' names are readable by the facilitator only: exports 0600 in a
0700 exports folder, the config folder 0700, and a sessions folder that came from git as 0755 is
tightened to 0700 the first time the app writes there. A folder given with `-o` is left alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workshop.cli import main
from workshop.export import write_export
from workshop.store import SessionStore
from workshop.tui.settings import Settings, save_settings


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    old = os.umask(0o022)  # the usual umask: new folders 0755, new files 0644
    yield
    os.umask(old)


@pytest.fixture
def checkout_sessions(sessions_path: Path, open_umask) -> Path:
    """The checkout's sessions/ folder as git makes it: 0755 with a README and .gitignore."""
    sessions_path.mkdir()
    os.chmod(sessions_path, 0o755)
    (sessions_path / "README.md").write_text("Sessions live here.\n", encoding="utf-8")
    (sessions_path / ".gitignore").write_text("*\n!README.md\n!.gitignore\n", encoding="utf-8")
    return sessions_path


def test_sessions_folder_from_git_is_tightened_on_first_write(checkout_sessions: Path,
                                                              capsys) -> None:
    SessionStore(checkout_sessions).list()  # reading alone changes nothing
    assert _mode(checkout_sessions) == 0o755
    assert main(["new", "--title", "Riverside review"]) == 0
    assert _mode(checkout_sessions) == 0o700
    session_file = next(checkout_sessions.glob("*.json"))
    assert _mode(session_file) == 0o600


def test_sessions_folder_is_tightened_when_a_session_is_opened_for_writing(
    checkout_sessions: Path,
) -> None:
    store = SessionStore(checkout_sessions)
    with store.create("Riverside review") as session:
        session_id = session.id
    os.chmod(checkout_sessions, 0o755)  # e.g. `git checkout` again
    with store.open(session_id) as session:
        session.add_record("note", "B1", text="Bus data is open")
    assert _mode(checkout_sessions) == 0o700


def test_exports_are_private_in_a_private_folder(sessions_path: Path, open_umask,
                                                 capsys) -> None:
    store = SessionStore(sessions_path)
    with store.create("Riverside review") as session:
        session.add_participant(name="Ana Lima")
        session_id = session.id
    for fmt in ("md", "html", "csv", "json", "docx"):
        assert main(["export", session_id, "--format", fmt]) == 0
        written = Path(capsys.readouterr().out.strip())
        assert _mode(written) == 0o600, fmt
    exports = sessions_path.resolve().parent / "exports"
    assert written.parent == exports and _mode(exports) == 0o700


def test_an_existing_exports_folder_of_the_app_is_tightened(sessions_path: Path, open_umask,
                                                            capsys) -> None:
    exports = sessions_path.resolve().parent / "exports"
    exports.mkdir(mode=0o755)
    os.chmod(exports, 0o755)  # made by an older version of the app
    with SessionStore(sessions_path).create("Riverside review") as session:
        session_id = session.id
    assert main(["export", session_id]) == 0
    assert _mode(exports) == 0o700


def test_an_export_elsewhere_is_private_and_its_folder_left_alone(
    sessions_path: Path, tmp_path: Path, open_umask, capsys
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    with SessionStore(sessions_path).create("Riverside review") as session:
        session_id = session.id
    assert main(["export", session_id, "-o", str(shared / "minutes.md")]) == 0
    assert _mode(shared / "minutes.md") == 0o600
    assert _mode(shared) == 0o755
    write_export(shared / "direct.html", "<p>x</p>")
    assert _mode(shared / "direct.html") == 0o600 and _mode(shared) == 0o755


def test_config_folder_is_private(tmp_path: Path, open_umask) -> None:
    config = tmp_path / "config"
    save_settings(Settings(theme="textual-light"))
    assert _mode(config) == 0o700 and _mode(config / "config.json") == 0o600
    os.chmod(config, 0o755)
    save_settings(Settings(theme="textual-dark"))
    assert _mode(config) == 0o700
