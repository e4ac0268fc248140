"""The core stays free of Textual (harlequin's pattern: import in a fresh interpreter, then look at
sys.modules), and only the store talks to TinyDB (checked on the source's import statements)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "workshop"
REQUIRED = ["workshop.guide.loader", "workshop.guide.model", "workshop.records", "workshop.paths"]
REQUIRED += ["workshop.errors", "workshop.cli"]
OPTIONAL = ["workshop.store", "workshop.summary", "workshop.export"]

PROBE = r"""
import importlib, importlib.util, json, pkgutil, sys
required, optional = json.loads(sys.argv[1])
names = list(required)
for name in optional:
    if importlib.util.find_spec(name) is None:
        continue
    names.append(name)
    module = importlib.import_module(name)
    if hasattr(module, "__path__"):  # a package: every module in it is core too
        names += [info.name for info in pkgutil.walk_packages(module.__path__, name + ".")]
culprits = []
for name in names:
    importlib.import_module(name)
    if "textual" in sys.modules and not culprits:
        culprits.append(name)
print(json.dumps({"imported": names, "culprits": culprits,
                  "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")[:5]}))
"""


def run_probe() -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([REQUIRED, OPTIONAL])],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_core_modules_do_not_import_textual() -> None:
    report = run_probe()
    assert set(REQUIRED) <= set(report["imported"])
    assert report["culprits"] == [], f"textual was imported by {report['culprits']}"
    assert report["textual"] == []


def imported_top_level_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_only_the_store_imports_tinydb() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in sources()
        if "tinydb" in imported_top_level_names(path)
        and path.relative_to(PACKAGE).parts[0] != "store"
    ]
    assert offenders == []


def test_only_the_tui_imports_textual() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in sources()
        if "textual" in imported_top_level_names(path)
        and path.relative_to(PACKAGE).parts[0] != "tui"
    ]
    assert offenders == []


def test_the_scan_would_see_an_import(tmp_path: Path) -> None:
    """Guard against a scan that can never fail: nested and from-imports are both found."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from tinydb import TinyDB\nimport textual.app\n")
    assert {"tinydb", "textual"} <= imported_top_level_names(sample)
