"""CSV registers read back with the csv module: values round-trip, formulas are neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from tests.export_fixtures import HOSTILE_STRINGS, _rec, hostile_session, rich_session
from tests.export_support import hostile, rich, summary_of
from workshop.errors import WorkshopError
from workshop.export.common import clean
from workshop.export.csv_export import (
    FORMULA_GUARD,
    FORMULA_STARTS,
    REGISTERS,
    neutralise,
    render_csv,
)


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def unprefix(value: str) -> str:
    guarded = value.startswith(FORMULA_GUARD) and value[1:].startswith(FORMULA_STARTS)
    return value[1:] if guarded else value


def test_action_register_round_trips_the_stored_values():
    snap = hostile_session()
    rows = read(render_csv(hostile(), "actions"))
    stored = {r["id"]: r for r in snap["records"] if r["kind"] == "action"}
    assert len(rows) == len(hostile().actions)
    for row in rows:
        record = stored[row["Record id"]]
        for column, field in (("Title", "title"), ("Description", "description"),
                              ("Owner", "owner"), ("Due date", "due"),
                              ("Priority", "priority"), ("Status", "status")):
            assert unprefix(row[column]) == clean(record[field]), column
    titles = {unprefix(r["Title"]) for r in rows}
    assert {clean(s) for s in HOSTILE_STRINGS} <= titles


def test_no_cell_can_start_a_formula():
    for what in REGISTERS:
        text = render_csv(hostile(include_all=True), what)
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS), (what, cell[:30])
    rows = read(render_csv(hostile(), "actions"))
    titles = {r["Title"] for r in rows}
    g = FORMULA_GUARD
    assert g + "=HYPERLINK(\"http://x\",\"y\")" in titles
    assert g + "+1" in titles and g + "-2" in titles and g + "@x" in titles
    assert g + "\ttabbed" in titles and g + "\ncarriage" in titles


def test_rfc4180_shape():
    text = render_csv(rich(), "actions")
    assert text.startswith('"Title","Description","Owner","Due date","Priority","Status",'
                           '"Labels"')
    assert text.endswith("\r\n") and not text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len({len(r) for r in rows}) == 1
    first = read(text)[0]
    assert first["Labels"] == "D,priority-high" and first["Overdue"] == "no"


@pytest.mark.parametrize("what", list(REGISTERS))
def test_every_register_has_a_header_and_the_right_row_count(what):
    snapshot = rich_session()  # plus a parking-lot question, which it predates
    snapshot["records"].append(_rec("question", 1, "B1", text="Who pays for the sensors?"))
    s = summary_of(snapshot, include_all=True)
    expected = {
        "actions": len(s.actions),
        "decisions": sum(len(p.decisions) for p in s.decisions),
        "ratings": len(s.maturity.parts) + len(s.maturity.recommendations),
        "notes": sum(len(g.items) for p in s.discussion for g in p.groups),
        "stakeholders": len(s.engagement.stakeholders),
        "engagement": len(s.engagement.decisions),
        "risks": len(s.risks.rows),
        "benefits": len(s.register("benefits").rows),
        "questions": len(s.register("questions").rows),
    }[what]
    assert expected > 0
    assert len(read(render_csv(s, what))) == expected


def test_unknown_register_is_a_one_line_error():
    with pytest.raises(WorkshopError, match="unknown CSV register 'votes'"):
        render_csv(rich(), "votes")


FULLWIDTH_FORMULAS = ["\uff1dSUM(A1:A9)", "\uff0b1", "\uff0d2", "\uff20x"]  # ＝ ＋ － ＠


@pytest.mark.parametrize("text", FULLWIDTH_FORMULAS)
def test_fullwidth_formula_signs_are_neutralised(text):
    """Spreadsheets in CJK locales read fullwidth ＝＋－＠ as formula signs too."""
    assert neutralise(text) == FORMULA_GUARD + text
    snap = rich_session()
    action = next(r for r in snap["records"] if r["kind"] == "action")
    action["title"] = text
    titles = {row["Title"] for row in read(render_csv(summary_of(snap), "actions"))}
    assert FORMULA_GUARD + text in titles and text not in titles


def test_other_fullwidth_text_is_left_alone():
    assert neutralise("\uff21\uff22 fullwidth letters") == "\uff21\uff22 fullwidth letters"
    assert neutralise("\u6771\u4eac") == "\u6771\u4eac"


def test_export_files_start_with_a_byte_order_mark_unless_told_not_to(tmp_path):
    from workshop.export import render

    snap = rich_session()
    with_bom = render(snap, "csv", what="actions", today=None)
    assert with_bom.startswith("\ufeff\"Title\"")
    assert with_bom.encode("utf-8").startswith(b"\xef\xbb\xbf")
    without = render(snap, "csv", what="actions", bom=False)
    assert without == with_bom[1:]
    # a spreadsheet reading UTF-8 with its mark gets "Inês" and Arabic back exactly
    snap = rich_session()
    action = next(r for r in snap["records"] if r["kind"] == "action")
    action["owner"] = "Inês Carvalho / ليلى حداد"
    data = render(snap, "csv", what="actions").encode("utf-8")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert "Inês Carvalho / ليلى حداد" in {r["Owner"] for r in rows}


@pytest.mark.parametrize("typed", ["=1+1", "+10 points", "-2", "@SUM(A1)"])
def test_the_formula_guard_is_invisible_and_keeps_formulas_dead(typed):
    """What a spreadsheet shows is what was typed (no apostrophe); the cell still does not
    start with a formula sign, so =1+1 is text, never a live formula."""
    snap = rich_session()
    action = next(r for r in snap["records"] if r["kind"] == "action")
    action["title"] = typed
    titles = [r["Title"] for r in read(render_csv(summary_of(snap), "actions"))]
    cell = next(t for t in titles if t.endswith(typed))
    assert not cell.startswith(FORMULA_STARTS) and "'" not in cell
    assert cell == FORMULA_GUARD + typed
    assert FORMULA_GUARD == "\u200b" and not FORMULA_GUARD.isprintable()  # shows nothing
    assert "Item #5" in [neutralise("Item #5")]  # plain text is left as it is
