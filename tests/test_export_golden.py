"""Golden files of the demo session in each text format, so any change in the output is seen in
review. Regenerate after an intended change with:  UPDATE_GOLDEN=1 python -m pytest
tests/test_export_golden.py"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide
from workshop.export import render

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("md", "actions", False, False, "demo-summary.md"),
    ("md", "actions", True, True, "demo-summary-all-no-names.md"),
    ("html", "actions", False, False, "demo-summary.html"),
    ("json", "actions", False, False, "demo-session.json"),
    *[("csv", what, False, False, f"demo-{what}.csv")
      for what in ("actions", "decisions", "ratings", "notes", "stakeholders", "engagement",
                   "risks", "benefits")],
]


@pytest.mark.parametrize(("fmt", "what", "include_all", "no_names", "name"), CASES)
def test_demo_matches_golden(tmp_path, fmt, what, include_all, no_names, name):
    text = render(demo_snapshot(tmp_path), fmt, guide=real_guide(), what=what,
                  include_all=include_all, no_names=no_names, today=DEMO_TODAY)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"missing {path}: run with UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode("utf-8"), f"{name} changed: review, then regenerate"
