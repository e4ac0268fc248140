"""The layering rules as import-linter contracts (pyproject.toml, [tool.importlinter]): the core
imports no Textual or Rich, only the store imports TinyDB, the summary never reads the store, and
exports depend on nothing in the TUI or the CLI. The second test proves the contracts can fail."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the `workshop` package found under `root`, with root's contracts."""
    code = ("import sys; from importlinter.cli import lint_imports_command; "
            "sys.exit(lint_imports_command())")
    return subprocess.run([sys.executable, "-c", code, "pyproject.toml", "--no-cache"],
                          cwd=root, capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_the_package_keeps_its_layering_contracts() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b[5-9] kept, 0 broken", result.stdout), result.stdout


def test_a_core_module_importing_textual_breaks_a_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "workshop", tmp_path / "workshop")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    dates = tmp_path / "workshop" / "dates.py"
    dates.write_text(dates.read_text() + "\nimport textual  # noqa\n")
    summary = tmp_path / "workshop" / "summary.py"
    summary.write_text(summary.read_text() + "\nimport workshop.store  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "workshop.dates -> textual" in result.stdout
    assert "workshop.summary -> workshop.store" in result.stdout
