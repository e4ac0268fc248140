"""Terminal escapes in titles, cities, owners, action titles and file names never reach the
terminal from the command line: they are shown as visible pictures (ESC as ␛) on stdout and
stderr, and `--json` stays exact JSON with nothing a terminal would obey."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from workshop import text as text_module
from workshop.cli import main
from workshop.store import SessionStore
from workshop.text import json_text, one_line, visible, visible_line

EVIL_TITLE = "Evil\x1b[2J\x1b]0;PWN\x07\x1b]52;c;SGVsbG8=\x07"
EVIL_CITY = "Bad\x9b31mCity\u202eytic"
# An OSC 8 hyperlink opened and never closed: a terminal would swallow the rest of the output.
CUT_LINK = "Open the \x1b]8;;https://evil.example/\x1b\\data portal"
EVIL_OWNER = "Li\x1b[31m\rWen"

# What a terminal obeys: C0 controls (but newline), DEL, C1 controls and bidi overrides/isolates.
OBEYED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def hostile_store(sessions_path: Path) -> str:
    store = SessionStore(sessions_path)
    with store.create(EVIL_TITLE, city=EVIL_CITY, agenda=[{"part": "B1", "timebox": 20}]) as s:
        s.add_record("action", "B1", title=CUT_LINK, owner=EVIL_OWNER, due="2026-12-01")
        s.add_record("action", "B1", title="Publish the bus data", owner="Maya",
                     due="2026-12-02")
        return s.id


def test_visible_is_the_one_rule_and_the_tui_uses_it() -> None:
    from workshop.tui.widgets import literal

    assert literal.visible is text_module.visible and literal.one_line is text_module.one_line
    assert visible(EVIL_TITLE) == "Evil␛[2J␛]0;PWN␇␛]52;c;SGVsbG8=␇"
    assert visible("a\tb\nc\x7f\x9b\u202e\u2066") == "a\tb\nc␡\ufffd\ufffd\ufffd"
    # bidi marks and joiners stay: Arabic, Persian and emoji text need them
    assert visible("\u200f\u200e\u061c\u200c\u200d") == "\u200f\u200e\u061c\u200c\u200d"
    assert one_line("two\nlines\x1b") == "two lines␛"
    assert visible_line("two\nlines\tx\x1b") == "two␤lines\tx␛"


def test_json_text_is_exact_json_with_nothing_a_terminal_obeys() -> None:
    data = {"title": EVIL_TITLE, "city": EVIL_CITY, "name": "Zoë محمد"}
    out = json_text(data)
    assert not OBEYED.search(out.replace("\n", ""))
    assert json.loads(out) == data
    assert "Zoë محمد" in out  # letters stay readable (ensure_ascii stays off)


def test_list_shows_escapes_as_pictures(capsys: pytest.CaptureFixture[str],
                                        hostile_store: str) -> None:
    code, out, err = run(capsys, "list")
    assert code == 0 and err == ""
    assert not OBEYED.search(out)
    row = next(line for line in out.splitlines() if line.startswith(hostile_store))
    assert "Evil␛[2J␛]0;PWN␇␛]52;c;SGVsbG8=␇" in row
    assert "Bad\ufffd31mCity\ufffdytic" in row


def test_list_json_stays_exact(capsys: pytest.CaptureFixture[str], hostile_store: str) -> None:
    code, out, _ = run(capsys, "list", "--json")
    assert code == 0 and not OBEYED.search(out)
    info = json.loads(out)[0]
    assert info["title"] == EVIL_TITLE and info["city"] == EVIL_CITY


def test_actions_a_cut_link_does_not_swallow_the_rest(capsys: pytest.CaptureFixture[str],
                                                      hostile_store: str) -> None:
    code, out, err = run(capsys, "actions")
    assert code == 0 and err == ""
    assert not OBEYED.search(out)
    lines = out.splitlines()
    assert len(lines) == 3
    assert "Open the ␛]8;;https://evil.example/␛\\data portal" in lines[1]
    assert "Li␛[31m␍Wen" in lines[1] and "2026-12-01" in lines[1]
    assert "Publish the bus data" in lines[2]
    code, out, _ = run(capsys, "actions", "--json")
    assert not OBEYED.search(out)
    assert [a["title"] for a in json.loads(out)] == [CUT_LINK, "Publish the bus data"]


def test_error_messages_show_names_visibly(capsys: pytest.CaptureFixture[str],
                                           hostile_store: str, tmp_path: Path) -> None:
    code, out, err = run(capsys, "export", "Nothing\x1b]0;PWN\x07")
    assert code == 1 and out == "" and err.count("\n") == 1
    assert not OBEYED.search(err)
    assert "Evil␛[2J" in err  # the candidates are listed, visibly
    missing = tmp_path / "minutes\x1b[2J\x1b]0;PWN\x07.json"
    code, out, err = run(capsys, "import", str(missing))
    assert code != 0 and err.count("\n") == 1 and not OBEYED.search(err)
    assert "minutes␛[2J" in err


def test_export_path_and_delete_messages_are_visible(capsys: pytest.CaptureFixture[str],
                                                     hostile_store: str, tmp_path: Path) -> None:
    target = tmp_path / "out\x1b[2J.md"
    code, out, err = run(capsys, "export", hostile_store, "-o", str(target))
    assert code == 0 and target.exists()
    assert not OBEYED.search(out + err) and "out␛[2J.md" in out
    code, out, err = run(capsys, "export", hostile_store, "--format", "json", "-o", "-")
    assert code == 0 and not OBEYED.search(out.replace("\n", ""))
    assert json.loads(out)["session"]["title"] == EVIL_TITLE
    code, out, err = run(capsys, "delete", hostile_store, "--yes")
    assert code == 0 and not OBEYED.search(out + err)


def test_a_pipe_gets_pictures_too(sessions_path: Path, hostile_store: str) -> None:
    """The real stdout and stderr of a process (a pipe here), not just pytest's capture."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-m", "workshop", "--sessions", str(sessions_path), "list"],
        capture_output=True, text=True, cwd=root, timeout=120,
    )
    assert result.returncode == 0 and not OBEYED.search(result.stdout + result.stderr)
    assert "Evil␛[2J␛]0;PWN␇" in result.stdout
