"""Word minutes laid out as a council's: column widths from the columns' weights and words,
wide tables on landscape pages, rows that never split, repeated headers, page numbers, a
coloured heat map, headings without skipped levels, and honest document properties."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide, rich
from workshop.export import render
from workshop.export.docx_export import render_docx
from workshop.export.docx_layout import CELL_MARGINS, CHAR, LONGEST_WORD


def _doc(data: bytes):
    return docx.Document(io.BytesIO(data))


def _demo(tmp_path, **options) -> bytes:
    return render(demo_snapshot(tmp_path), "docx", guide=real_guide(), today=DEMO_TODAY,
                  **options)


def _widths(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def test_column_widths_follow_weights_and_no_short_word_breaks(tmp_path):
    doc = _doc(_demo(tmp_path))
    actions = doc.tables[0]
    header = [c.text for c in actions.rows[0].cells]
    widths = dict(zip(header, _widths(actions), strict=True))
    assert widths["Action"] > 3 * widths["No."]
    assert widths["Action"] > widths["Owner"] > widths["No."]
    assert actions._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    for table in doc.tables:  # every word up to LONGEST_WORD letters fits its column
        for col, width in enumerate(_widths(table)):
            for row in table.rows:
                for word in row.cells[col].text.split():
                    if len(word) <= LONGEST_WORD:
                        assert len(word) * CHAR + CELL_MARGINS <= width, (word, width)


def test_wide_tables_go_on_landscape_pages_and_the_rest_stays_portrait(tmp_path):
    doc = _doc(_demo(tmp_path))
    orientations = [s.orientation for s in doc.sections]
    assert WD_ORIENT.LANDSCAPE in orientations
    assert orientations[0] == orientations[-1] == WD_ORIENT.PORTRAIT
    for s in doc.sections:  # every section has the page setup, header and footer
        assert round(min(s.page_width.cm, s.page_height.cm)) == 21
        assert (s.orientation == WD_ORIENT.LANDSCAPE) == (s.page_width > s.page_height)
    body = doc.element.body
    first_break = body.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:sectPr')}").getparent().getparent()
    after = first_break.getnext()  # the heading goes to the landscape page with its table
    assert after.tag == qn("w:p") and "Heading" in after.find(f"{qn('w:pPr')}/{qn('w:pStyle')}"
                                                               ).get(qn("w:val"))


def test_rows_never_split_and_headers_repeat(tmp_path):
    doc = _doc(_demo(tmp_path))
    for table in doc.tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr is not None and r.trPr.find(qn("w:cantSplit")) is not None
                   for r in rows)


def test_page_numbers_and_running_header():
    data = render_docx(rich())
    doc = _doc(data)
    section = doc.sections[0]
    assert "Riverside operating model review" in section.header.paragraphs[0].text
    footer = section.footer._element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer and "Page " in footer
    assert all(not s.header.is_linked_to_previous or i for i, s in enumerate(doc.sections))


def test_heat_map_cells_are_coloured_by_score(tmp_path):
    doc = _doc(_demo(tmp_path))
    heat = next(t for t in doc.tables if t.rows[0].cells[1].text == "Impact 1")
    fills = {}
    for r, row in enumerate(heat.rows[1:]):
        for c, cell in enumerate(row.cells[1:]):
            shd = cell._tc.tcPr.find(qn("w:shd"))
            fills[(5 - r, c + 1)] = shd.get(qn("w:fill"))
    assert fills[(1, 1)] == "DAFBE1"  # score 1: green
    assert fills[(5, 5)] == "FFC1C0"  # score 25: red
    assert fills[(3, 3)] == "FFD8B5"  # score 9
    assert fills[(2, 2)] == "FFF8C5"  # score 4


def test_headings_never_skip_a_level(tmp_path):
    doc = _doc(_demo(tmp_path))
    levels = []
    for p in doc.paragraphs:
        name = p.style.name
        if name == "Title":
            levels.append(0)
        elif name.startswith("Heading "):
            levels.append(int(name.split()[1]))
    assert levels[0] == 0 and levels.count(0) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert doc.paragraphs[levels.index(1) + 0].style.name != "Heading 3"


def test_document_properties_are_honest():
    before = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    data = render_docx(rich())
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    core = _doc(data).core_properties
    assert core.author == "Jo Martin"  # the facilitator
    assert core.title == "Riverside operating model review"
    assert "python-docx" not in (core.comments + core.author + core.last_modified_by)
    created = core.created.replace(tzinfo=None)
    assert before <= created <= after
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert not any("thumbnail" in name for name in package.namelist())
        assert b"python-docx" not in package.read("docProps/core.xml")
    assert _doc(render_docx(rich(no_names=True))).core_properties.author == "workshop"


def test_widths_fill_the_line_and_never_leave_the_page():
    from workshop.export.docx_layout import LANDSCAPE_WIDTH, PORTRAIT_WIDTH, fit, table_widths

    assert sum(fit([500, 800, 900], [1, 6, 2], PORTRAIT_WIDTH)) == PORTRAIT_WIDTH
    widths = fit([500, 800, 900], [1, 6, 2], PORTRAIT_WIDTH)
    assert widths[1] > widths[2] > widths[0] >= 500
    landscape, wide = table_widths([1800] * 20, [1] * 20)  # more than a landscape line holds
    assert landscape and sum(wide) == LANDSCAPE_WIDTH
    assert table_widths([400, 900], [1, 3]) == (False, fit([400, 900], [1, 3], PORTRAIT_WIDTH))
