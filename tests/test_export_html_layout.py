"""The web page on a phone, on paper and to a screen reader: tables scroll inside themselves
(the page never scrolls sideways), printing breaks pages only where it helps, one <main>
landmark holds everything, headings never skip a level, and every piece of user text is
isolated (<bdi>) so right-to-left text cannot reorder what is around it."""

from __future__ import annotations

import re

import html5lib

from tests.export_support import DEMO_TODAY, demo_snapshot, hostile, real_guide, rich
from workshop.export import render
from workshop.export.html import CSS, render_html


def _tree(html: str):
    return html5lib.parse(html, namespaceHTMLElements=False)


def demo_html(tmp_path) -> str:
    return render(demo_snapshot(tmp_path), "html", guide=real_guide(), today=DEMO_TODAY)


def test_every_table_scrolls_inside_its_own_wrapper(tmp_path):
    doc = _tree(demo_html(tmp_path))
    parents = {child: parent for parent in doc.iter() for child in parent}
    tables = list(doc.iter("table"))
    assert len(tables) >= 9
    for table in tables:
        wrapper = parents[table]
        assert wrapper.tag == "div" and "table-scroll" in wrapper.get("class", "").split()
        assert wrapper.get("tabindex") == "0"  # keyboard users can scroll it too
        assert wrapper.get("role") == "region" and wrapper.get("aria-label")
    assert re.search(r"\.table-scroll \{[^}]*overflow-x: auto", CSS)


def test_print_breaks_pages_only_where_it_helps():
    screen, _, printed = CSS.partition("@media print")
    assert "break-before: page" not in printed
    assert "break-inside: avoid" in printed  # rows and charts are kept whole
    assert "break-after: avoid" in printed  # a heading stays with what follows it
    assert re.search(r"\.table-scroll \{[^}]*overflow: visible", printed)


def test_one_main_landmark_holds_all_content():
    doc = _tree(render_html(rich()))
    body = doc.find("body")
    assert [child.tag for child in body] == ["main"]
    main = body.find("main")
    assert len(list(doc.iter("main"))) == 1
    assert main.find("section") is not None and not (body.text or "").strip()


def test_headings_never_skip_a_level(tmp_path):
    for html in (demo_html(tmp_path), render_html(rich()), render_html(hostile())):
        levels = [int(m) for m in re.findall(r"<h([1-6])[ >]", html)]
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_every_user_text_is_isolated():
    """Part titles, statuses and labels as much as names: each typed text in its own <bdi>."""
    snap_html = render_html(rich())
    doc = _tree(snap_html)
    isolated = {"".join(b.itertext()) for b in doc.iter("bdi")}
    for text in ("B1 Vision", "open", "Jo Martin", "Riverside operating model review"):
        assert any(text in t for t in isolated), text
    cells = [td for td in doc.iter("td") if "".join(td.itertext()).strip() in ("open", "high")]
    assert cells and all(td.find("bdi") is not None for td in cells)


def test_columns_take_their_weights_and_dates_never_break():
    """The document's column weights become <col> widths ("Action" wide, "No." narrow), and
    an ISO date is kept on one line (it used to break at its hyphens: "2026-03-" / "15")."""
    doc = _tree(render_html(rich()))
    actions = next(doc.iter("table"))
    widths = [float(c.get("style").split(":")[1].strip(" %;"))
              for c in actions.find("colgroup").iter("col")]
    header = ["".join(th.itertext()) for th in actions.find("thead").iter("th")]
    by_name = dict(zip(header, widths, strict=True))
    assert by_name["Action"] > 3 * by_name["No."] and abs(sum(widths) - 100) < 0.5
    dates = [b for b in doc.iter("bdi") if b.get("class") == "date"]
    assert dates and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", b.text) for b in dates)
    assert re.search(r"\.date \{ white-space: nowrap; \}", CSS)
