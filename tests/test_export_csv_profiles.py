"""Tracker profiles of the CSV actions register: Jira's and GitLab's importers take the file as
it is (their column names, date format, priorities, one label per column); the generic profile
is the register as it was; typed text can neither start a formula nor run a GitLab quick
action."""

from __future__ import annotations

import copy
import csv
import io

import pytest

from tests.export_fixtures import _rec, rich_session
from tests.export_support import rich, summary_of
from workshop.cli import main
from workshop.errors import WorkshopError
from workshop.export.csv_export import FORMULA_GUARD, render_csv


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_jira_profile_has_jiras_columns_and_one_label_per_column():
    s = rich()
    header, *rows = _rows(render_csv(s, "actions", profile="jira"))
    assert header[:6] == ["Summary", "Issue Type", "Description", "Assignee", "Due date",
                          "Priority"]
    labels = [i for i, h in enumerate(header) if h == "Labels"]
    assert labels == list(range(6, len(header)))
    assert len(rows) == len(s.actions)
    for a, row in zip(s.actions, rows, strict=True):
        assert row[0] == a.title and row[1] == "Task" and row[3] == a.owner and row[4] == a.due
        assert row[5] == {"high": "High", "medium": "Medium", "low": "Low"}.get(a.priority, "")
        assert [row[i] for i in labels if row[i]] == list(a.labels)
        assert all(" " not in row[i] for i in labels)
        assert f"action #{a.no}" in row[2]


def test_gitlab_profile_has_title_description_due_date_and_labels_by_quick_action():
    s = rich()
    header, *rows = _rows(render_csv(s, "actions", profile="gitlab"))
    assert header == ["title", "description", "due_date"]
    for a, (title, description, due) in zip(s.actions, rows, strict=True):
        assert title == a.title and due == a.due
        assert f"Owner: {a.owner}" in description
        if a.labels:
            assert description.splitlines()[-1] == "/label " + " ".join(
                f'~"{x}"' for x in a.labels)


def test_typed_text_cannot_run_a_gitlab_quick_action_or_a_formula():
    snap = copy.deepcopy(rich_session())
    snap["records"].append(_rec("action", 90, "B1", title="=1+1", owner="Jo", due="2026-09-01",
                                description="Fine.\n/close\n  /assign @everyone",
                                status="open"))
    s = summary_of(snap, include_all=True)
    gitlab = _rows(render_csv(s, "actions", profile="gitlab"))
    title, description, _ = next(r for r in gitlab if r[0].endswith("=1+1"))
    assert title == FORMULA_GUARD + "=1+1"
    lines = description.splitlines()
    assert "\\/close" in lines and "  \\/assign @everyone" in lines
    assert [x for x in lines if x.lstrip().startswith("/")] == [lines[-1]]  # only our /label
    jira = _rows(render_csv(s, "actions", profile="jira"))
    assert any(r[0] == FORMULA_GUARD + "=1+1" for r in jira)


def test_generic_profile_is_the_register_and_others_need_actions():
    s = rich()
    assert render_csv(s, "actions", profile="generic") == render_csv(s, "actions")
    with pytest.raises(WorkshopError, match="--profile jira lays out the actions register"):
        render_csv(s, "risks", profile="jira")
    with pytest.raises(WorkshopError, match="unknown CSV profile 'asana'"):
        render_csv(s, "actions", profile="asana")


def test_profile_and_no_bom_from_the_command_line(tmp_path, capsys):
    sessions = tmp_path / "s"
    assert main(["demo", "--sessions", str(sessions)]) == 0
    capsys.readouterr()
    title = "Harbourford smart city operating model workshop"
    out = tmp_path / "jira.csv"
    assert main(["export", "--sessions", str(sessions), title, "--format", "csv",
                 "--profile", "jira", "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf\"Summary\"")
    plain = tmp_path / "plain.csv"
    assert main(["export", "--sessions", str(sessions), title, "--format", "csv",
                 "--profile", "jira", "--no-bom", "-o", str(plain)]) == 0
    assert plain.read_bytes() == data[3:]
    capsys.readouterr()
    assert main(["export", "--sessions", str(sessions), title, "--format", "csv",
                 "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith('"Title"')  # no mark on stdout
    assert main(["export", "--sessions", str(sessions), title, "--format", "csv",
                 "--what", "risks", "--profile", "gitlab", "-o", "-"]) == 1
    err = capsys.readouterr().err
    assert "--profile gitlab lays out the actions register" in err and len(err.splitlines()) == 1


def test_csv_options_with_another_format_are_one_clear_line(tmp_path, capsys):
    sessions = tmp_path / "s"
    assert main(["demo", "--sessions", str(sessions)]) == 0
    capsys.readouterr()
    title = "Harbourford smart city operating model workshop"
    for extra, said in ((["--profile", "jira"], "--profile jira"), (["--no-bom"], "--no-bom")):
        assert main(["export", "--sessions", str(sessions), title, "--format", "xlsx",
                     "-o", str(tmp_path / "x.xlsx"), *extra]) != 0
        err = capsys.readouterr().err
        assert f"{said} applies to CSV only" in err and len(err.strip().splitlines()) == 1
        assert not (tmp_path / "x.xlsx").exists()
