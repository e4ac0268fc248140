"""Long text in tables and right-to-left names.

A table cell holds at most LONG_TEXT characters of one entry, cut at a word, then says where the
full text is: where it already stands (the note, idea or decision an action was made from), or
under "Full text of long entries" at the end, given there once. Lists (the discussion, decisions)
are never cut; CSV registers are never cut. In HTML every piece of user text is isolated (<bdi>)
so an Arabic or Hebrew name cannot reorder the text around it; in Word a run of right-to-left text
is marked right-to-left.
"""

from __future__ import annotations

import copy
import io
import re

import docx
import html5lib
from docx.oxml.ns import qn

from tests.export_fixtures import _rec, rich_session
from tests.export_support import summary_of
from workshop.export.common import FULL_TEXTS_TITLE, LONG_TEXT
from workshop.export.csv_export import render_csv
from workshop.export.docx_export import render_docx
from workshop.export.html import render_html
from workshop.export.markdown import render_markdown

NOTE = " ".join(f"Residents said point {i} about buses." for i in range(160))  # ~5,500 chars
TYPED = " ".join(f"Step {i}: call the depot." for i in range(100))  # ~2,400 chars
ARABIC = "ليلى حداد"


def long_session() -> dict:
    snap = copy.deepcopy(rich_session())
    snap["records"] += [
        _rec("note", 21, "B1", text=NOTE, author="Table 1", id="note-long"),
        _rec("action", 21, "B1", title=NOTE[:120], description=NOTE, target="note-long",
             owner=ARABIC + " (City Council)", due="2026-07-01"),
        _rec("action", 22, "B1", title="Depot plan", description=TYPED, owner="Tom Becker",
             due="2026-07-02"),
    ]
    return snap


def _docx_text(data: bytes) -> tuple[list[str], str]:
    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return cells, "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_long_action_cell_is_cut_and_points_to_the_note_it_came_from():
    s = summary_of(long_session())
    cells, text = _docx_text(render_docx(s))
    cell = next(c for c in cells if c.startswith(NOTE[:50]) and "Residents said point 159" not in c)
    assert len(cell) < 120 + LONG_TEXT + 80
    assert "note #21" in cell and "Discussion by part" in cell
    assert text.count(NOTE) == 1  # in the discussion, once


def test_a_long_typed_description_is_given_in_full_once_at_the_end():
    s = summary_of(long_session())
    doc = docx.Document(io.BytesIO(render_docx(s)))
    in_order = "\n".join(t.text or "" for t in doc.element.body.iter(qn("w:t")))
    for text in (render_markdown(s), render_html(s), in_order):
        assert text.count(FULL_TEXTS_TITLE) >= 1
        assert text.count(TYPED) == 1
        after = text[text.rindex(FULL_TEXTS_TITLE):]
        assert TYPED in after and re.search(r"Action \\?#22", after)
        assert "Step 99" not in text[:text.index(FULL_TEXTS_TITLE)]


def test_markdown_and_html_tables_cut_the_same_way():
    s = summary_of(long_session())
    md = render_markdown(s)
    row = next(ln for ln in md.splitlines() if ln.startswith("| #22 "))
    assert "full text" in row and "Step 99" not in row
    html = html5lib.parse(render_html(s), namespaceHTMLElements=False)
    row = next(tr for tr in html.iter("tr")
               if tr.find("td") is not None and "".join(tr.find("td").itertext()) == "#22")
    assert "Step 99" not in "".join(row.itertext())


def test_csv_is_never_cut():
    text = render_csv(summary_of(long_session()), "actions")
    assert TYPED in text and NOTE in text


def test_html_isolates_user_text_so_rtl_names_stay_in_place():
    doc = html5lib.parse(render_html(summary_of(long_session())), namespaceHTMLElements=False)
    owners = [b for td in doc.iter("td") for b in td.iter("bdi")
              if "".join(b.itertext()).startswith(ARABIC)]
    assert owners, "the owner cell isolates the typed name"
    note = [b for li in doc.iter("li") for b in li.iter("bdi") if "".join(b.itertext()) == NOTE]
    assert note


def test_word_marks_right_to_left_runs():
    doc = docx.Document(io.BytesIO(render_docx(summary_of(long_session()))))
    runs = [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
            for r in p.runs if r.text.startswith(ARABIC)]
    assert runs and all(r._r.rPr is not None and r._r.rPr.find(qn("w:rtl")) is not None
                        for r in runs)
    latin = next(r for p in doc.paragraphs for r in p.runs if r.text.startswith("Residents"))
    assert latin._r.rPr is None or latin._r.rPr.find(qn("w:rtl")) is None
