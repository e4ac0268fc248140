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
