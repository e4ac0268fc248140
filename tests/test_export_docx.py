"""Word export reopened with python-docx."""

from __future__ import annotations

import io

import docx

from tests.export_fixtures import LONG_NOTE
from tests.export_support import hostile, rich
from workshop.export.docx_export import render_docx


def open_doc(summary):
    return docx.Document(io.BytesIO(render_docx(summary)))


def test_action_table_has_one_row_per_agreed_action():
    s = rich()
    doc = open_doc(s)
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells][:4] == ["No.", "Action", "Owner", "Due"]
    assert len(table.rows) == len(s.actions) + 1 == 6
    assert [r.cells[0].text for r in table.rows[1:]] == [f"#{a.no}" for a in s.actions]
    full = open_doc(rich(include_all=True))
    assert len(full.tables[0].rows) == len(rich(include_all=True).actions) + 1 == 7


def test_headings_and_sections():
    doc = open_doc(rich())
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Attendees (5)", "At a glance", "Agreed actions", "Decisions by part",
                  "Maturity: current and target", "Discussion by part", "Stakeholder engagement",
                  "Key risks", "Benefits register", "Next steps"]
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == "Riverside operating model review"
    decisions = [p.text for p in doc.paragraphs if p.text.startswith("Agreed #")]
    assert len(decisions) == 2
    assert round(doc.sections[0].page_width.cm) == 21


def test_hostile_text_is_kept_literally():
    doc = open_doc(hostile())
    cells = [c.text for r in doc.tables[0].rows for c in r.cells]
    assert any("<script>alert('x')</script>" in c for c in cells)
    assert any(c == '=HYPERLINK("http://x","y")' for c in cells)
    assert any("line one\nline two\nline three\nend" in c for c in cells)  # <w:br/> kept
    body = "\n".join(p.text for p in doc.paragraphs)
    assert LONG_NOTE in body
    assert "null\u2400byte and bell\u2407" in body  # NUL and BEL (invalid in XML) made visible


def test_discussion_says_dots_and_lists_direct_dots():
    """In Word: dots not votes, the direct dot under B3.R2, "<1 min" for seconds."""
    from tests.export_fixtures import rich_session
    from tests.export_support import summary_of

    doc = open_doc(rich())
    texts = [p.text for p in doc.paragraphs]
    start = max(i for i, t in enumerate(texts) if t.startswith("B3.R2"))
    assert texts[start + 1] == "Dot votes on this recommendation: 1 dot (Table 3)"
    assert any(t.startswith("Idea #2 (3 dots, Lena Ortiz)") for t in texts)
    discussion = texts[texts.index("Discussion by part"):]
    assert not any("votes)" in t or "votes," in t for t in discussion)
    snap = rich_session()
    snap["agenda"][0]["spent"] = 25
    texts = [p.text for p in open_doc(summary_of(snap)).paragraphs]
    assert "B1 Vision (<1 min)" in texts
