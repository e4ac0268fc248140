"""Control characters in user text (titles, actions, owners) and in file names are made visible in
every output of `workshop report`: Markdown, HTML, and the warning lines on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import make_session

from workshop.cli import main

EVIL = "Clear\x1b[2J \x9b31m red \u202eevil\u202c"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_user_text_is_made_visible_in_the_report(tmp_path: Path, fmt: str) -> None:
    folder = tmp_path / "sessions"
    make_session(folder, EVIL, "2026-01-20", records=[
        ("action", "B1", {"title": EVIL, "owner": EVIL, "due": "2026-02-01"}),
        ("decision", "B1", {"text": EVIL, "rationale": EVIL}),
        ("risk", "B1", {"title": EVIL, "mitigation": EVIL, "likelihood": 2, "impact": 2}),
        ("benefit", "B1", {"title": EVIL, "measure": EVIL})])
    out = tmp_path / f"report.{fmt}"
    assert main(["report", str(folder), "--format", fmt, "-o", str(out)]) == 0
    text = out.read_text()
    for char in ("\x1b", "\x9b", "\u202e", "\u202c"):
        assert char not in text
    assert "\u241b" in text  # ESC shown as its control picture
    assert text.count("Clear") >= 6


def test_file_names_with_escapes_are_shown_not_obeyed_in_warnings(tmp_path: Path,
                                                                  capsys) -> None:
    folder = tmp_path / "sessions"
    make_session(folder, "Kick-off", "2026-01-20")
    (folder / "bad\x1b[2J.json").write_text("{")
    assert main(["report", str(folder), "-o", "-"]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "bad\u241b[2J.json" in err
    assert len(err.splitlines()) == 1
