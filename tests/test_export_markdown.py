"""Markdown export parsed with markdown-it-py: tables stay tables, hostile text stays text."""

from __future__ import annotations

import re
from collections import Counter

from markdown_it import MarkdownIt

from tests.export_fixtures import HOSTILE_STRINGS, LONG_NOTE
from tests.export_support import hostile, rich
from workshop.export.common import one_line
from workshop.export.markdown import esc_inline, render_markdown


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def token_types(text: str) -> Counter:
    out: Counter = Counter()
    for tok in parser().parse(text):
        out[tok.type] += 1
        for child in tok.children or []:
            out[child.type] += 1
    return out


def table_shapes(text: str) -> list[list[int]]:
    """Per table, the number of cells in each row."""
    shapes, current, cells = [], None, 0
    for tok in parser().parse(text):
        if tok.type == "table_open":
            current = []
        elif tok.type == "tr_open":
            cells = 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close":
            current.append(cells)
        elif tok.type == "table_close":
            shapes.append(current)
    return shapes


def test_every_table_row_has_the_header_cell_count():
    for summary in (rich(), hostile(), hostile(include_all=True)):
        shapes = table_shapes(render_markdown(summary))
        assert len(shapes) >= 8
        for rows in shapes:
            assert len(set(rows)) == 1, rows


def test_hostile_text_yields_exactly_the_markup_of_plain_text():
    """Same structure with harmless text: the token types (headings, tables, links, emphasis,
    html, code...) must be identical, so user text added no markup at all."""
    bad = token_types(render_markdown(hostile()))
    good = token_types(render_markdown(hostile(plain=True)))
    assert bad == good
    for forbidden in ("html_inline", "html_block", "link_open", "image", "code_inline", "fence",
                      "code_block", "s_open", "blockquote_open", "hr"):
        assert bad[forbidden] <= good[forbidden]
    assert bad["html_inline"] == bad["html_block"] == bad["link_open"] == 0


def test_hostile_text_survives_as_literal_text():
    md = render_markdown(hostile())
    text = "".join(
        child.content
        for tok in parser().parse(md) if tok.type == "inline"
        for child in tok.children or [] if child.type == "text"
    )
    assert "<script>alert('x')</script>" in text
    assert '=HYPERLINK("http://x","y")' in text
    assert "[link](http://evil)" in text
    assert "مرحبا بالعالم" in text and "🎉" in text
    assert "a | b || c" in text
    assert "line one / line two / line three / end" in text
    assert LONG_NOTE.strip()[:2000] in text


def test_each_escaped_string_renders_without_any_tag():
    for s in HOSTILE_STRINGS:
        rendered = MarkdownIt("commonmark").enable("strikethrough").renderInline(esc_inline(s))
        assert "<" not in rendered, (s, rendered)  # no <em>, <a>, <code>, raw html...


def test_sections_in_the_issue_order():
    md = render_markdown(rich())
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Attendees (5)", "## At a glance", "## Agreed actions", "## Decisions by part",
        "## Maturity: current and target", "## Discussion by part", "## Stakeholder engagement",
        "## Key risks", "## Benefits register", "## Next steps",
    ]
    assert "2026-06-01 **overdue**" in md


def test_votes_are_dots_and_direct_dots_show_in_discussion():
    """QA2 11: "Idea #2 (3 dots, ...)" not "3 votes"; the direct dot on B3.R2 is listed
    under B3.R2 in Discussion; time spent under a minute reads "<1 min", not "0 min"."""
    from tests.export_fixtures import rich_session
    from tests.export_support import summary_of

    text = render_markdown(rich())
    discussion = text.split("## Discussion", 1)[1].split("\n## ", 1)[0]
    assert "Idea #2 (3 dots" in discussion and "Idea #1 (2 dots" in discussion
    assert not re.search(r"\d votes?\b", discussion)
    after_r2 = discussion.split("B3.R2", 1)[1]
    assert after_r2.splitlines()[2] == "- Dot votes on this recommendation: 1 dot (Table 3)"
    snap = rich_session()
    snap["agenda"][0]["spent"] = 25
    snap["agenda"][1]["spent"] = 89
    text = render_markdown(summary_of(snap))
    assert "Vision (<1 min)" in text and "(0 min)" not in text.split("## Discussion")[1]
    assert "Collaborative engagement (1 min)" in text


def test_coverage_table_lists_only_agenda_parts():
    text = render_markdown(rich())
    coverage = text.split("### Coverage: parts x sectors", 1)[1].split("\n#", 1)[0]
    rows = [line for line in coverage.splitlines() if line.startswith("| ")][2:]
    assert [row.split("|")[1].strip().split()[0] for row in rows] == ["B1", "B3", "C"]


def test_escapes_only_where_a_renderer_would_misread():
    """The raw file is read as text too: '#5' and '+10 points' mid-line or in a cell stay as
    typed; what would open markup or a block is still escaped."""
    kept = ["Item #5 of the plan", "+10 points", "-2 degrees", "=1+1", "R&D budget", "a < b",
            "snake_case_name", "2 * 3", "Issue #", "50% done!"]
    for text in kept[:-2]:
        assert esc_inline(text) == text, text
    assert esc_inline("Issue #") == "Issue \\#"  # a heading would drop a closing " #"
    for text, escaped in [("# 5", "\\# 5"), ("+ 10", "\\+ 10"), ("1. one", "1\\. one"),
                          ("> q", "\\> q"), ("*b*", "\\*b\\*"), ("<b>", "\\<b>"),
                          ("&amp;", "\\&amp;"), ("[x](y)", "\\[x](y)"), ("a|b", "a\\|b"),
                          ("end\\", "end\\\\")]:
        assert esc_inline(text) == escaped, text


def test_three_renderer_settings_agree_on_hostile_text():
    """markdown-it-py as CommonMark, as GFM-like (tables, strikethrough, autolinks) and with its
    default (HTML on, autolinks): none finds markup in any escaped hostile string, and each
    gives back the text as typed (the only Markdown library in the environment: three settings
    of one parser, not three renderers)."""
    renderers = [MarkdownIt("commonmark").enable("strikethrough"),
                 MarkdownIt("gfm-like"), MarkdownIt("default").enable("strikethrough")]
    for s in (*HOSTILE_STRINGS[:-1], "Item #5", "+10 points", "2 * 3 = 6", "snake_case"):
        line = esc_inline(s)
        for md in renderers:
            tokens = md.parseInline(line)[0].children
            # GFM links a bare URL as it stands (its text unchanged): not a misreading
            types = {t.type for t in tokens if t.markup != "linkify"}
            assert types <= {"text", "softbreak", "text_special"}, (s, md.options, types)
            assert "".join(t.content for t in tokens) == one_line(s), s
