"""`workshop --help`, `--version` and `check-content` in a real subprocess (`python -m workshop`):
they answer, exit 0 and never load Textual, so they stay fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from workshop import __version__

ROOT = Path(__file__).resolve().parent.parent

# Runs the CLI's main() like `python -m workshop` does, then reports whether Textual was loaded.
RUN_MAIN = r"""
import sys
from workshop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print("TEXTUAL-LOADED" if "textual" in sys.modules else "TEXTUAL-NOT-LOADED", file=sys.stderr)
sys.exit(code)
"""


def run(*args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    command = (
        [sys.executable, "-c", script, *args]
        if script
        else [sys.executable, "-m", "workshop", *args]
    )
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_version_via_python_m() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workshop {__version__}"


def test_help_via_python_m_lists_commands_and_options() -> None:
    result = run("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: workshop")
    for word in ("check-content", "--sessions", "--content", "--version"):
        assert word in result.stdout


def test_help_and_version_do_not_import_textual() -> None:
    for args in (["--help"], ["--version"], ["check-content", "--help"]):
        result = run(*args, script=RUN_MAIN)
        assert result.returncode == 0, result.stderr
        assert "TEXTUAL-NOT-LOADED" in result.stderr, args


def test_check_content_of_the_bundled_guide_without_textual() -> None:
    result = run("check-content", script=RUN_MAIN)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("17 parts + 2 annexes, ")
    assert ": OK" in result.stdout
    assert "TEXTUAL-NOT-LOADED" in result.stderr


def test_check_content_problem_is_exit_1_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "B3.yaml").write_text("id: B3\nprompts: yes\n", encoding="utf-8")
    result = run("check-content", str(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "B3.yaml:2: part B3, field 'prompts': must be a list" in result.stderr
    assert result.stdout == ""


def test_unknown_command_is_a_usage_error() -> None:
    result = run("no-such-command")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert "Traceback" not in result.stderr


def test_open_with_an_empty_session_is_a_one_line_usage_error() -> None:
    """`workshop open ''` (an empty shell variable) must not open Home silently."""
    try:
        result = subprocess.run([sys.executable, "-m", "workshop", "open", ""],
                                capture_output=True, text=True, cwd=ROOT, timeout=30,
                                stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:  # the app started instead of refusing
        raise AssertionError("`workshop open ''` started the app") from None
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == ["workshop: error: SESSION is empty: give a session id, id prefix or exact "
                     "title (see `workshop list`)"]


def test_missing_content_folder_names_it_and_how_to_check_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-content"
    result = run("--sessions", str(tmp_path / "s"), "--content", str(missing), "new",
                 "--title", "T")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert f"content folder {missing} not found" in line
    assert f"`workshop check-content {missing}`" in line
    assert not (tmp_path / "s").exists() or not any((tmp_path / "s").iterdir())


def test_bad_content_folder_points_check_content_at_that_folder(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "B3.yaml").write_text("id: B3\nprompts: yes\n", encoding="utf-8")
    result = run("--sessions", str(tmp_path / "s"), "--content", str(tmp_path), "new",
                 "--title", "T")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert f"(run `workshop check-content {tmp_path}` to list them all)" in line


def test_export_into_a_missing_folder_is_refused_and_creates_nothing(tmp_path: Path,
                                                                      capsys) -> None:
    """A typo in -o must not silently grow folders; only the default exports folder is made."""
    from workshop.cli import main

    sessions = tmp_path / "sessions"
    assert main(["--sessions", str(sessions), "new", "--title", "Harbourford day"]) == 0
    session_id = capsys.readouterr().out.split()[0]
    target = tmp_path / "nonexistent" / "dir" / "x.md"
    assert main(["--sessions", str(sessions), "export", session_id, "-o", str(target)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"workshop: error: folder {target.parent} does not exist: create it first, "
                   "or choose another path with -o"]
    assert not (tmp_path / "nonexistent").exists()
    # the default exports folder is still created on first use
    assert main(["--sessions", str(sessions), "export", session_id]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == tmp_path / "exports" and written.is_file()
