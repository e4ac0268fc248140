"""The summary's document (workshop.export.build) -> CommonMark with GFM tables: this module
only formats blocks.

User text is escaped so it can never change the document's structure, and only where a renderer
would otherwise misread it (the raw file is read as text too: "#5" and "+10 points" stay as
typed): characters that open inline markup (emphasis, code, links, HTML, entities, table cells)
are backslash-escaped, block markers at the start of a text are escaped, and line breaks become
" / " (in table cells, headings and list items) so a typed newline cannot start a heading, list
or HTML block. No raw HTML is emitted.
"""

from __future__ import annotations

import re
from functools import lru_cache

from workshop.export import build
from workshop.export.common import (
    FULL_TEXTS_TITLE,
    LongTexts,
    clean,
    one_line,
)
from workshop.export.document import (
    Answers,
    Aside,
    Block,
    BulletList,
    Chart,
    Cut,
    Document,
    Due,
    Empty,
    Entry,
    EntryList,
    Facts,
    FullTexts,
    Groups,
    Heading,
    Inline,
    Inlines,
    Lead,
    Missing,
    NestedList,
    Notes,
    Origin,
    Outline,
    Paragraph,
    Paren,
    Ranking,
    Remark,
    Section,
    Strong,
    Table,
    Text,
    User,
    Votes,
    lead_in,
)
from workshop.summary import Summary

# What a renderer would misread, wherever it stands in a line: a backslash before punctuation
# (or at the end, where our own punctuation may follow), code spans, strikethrough, a link or
# image opening, an HTML tag or autolink, an entity, a table's cell separator; `*` and `_` unless
# they cannot open or close emphasis (between spaces; `_` inside a word).
_ANYWHERE = re.compile(r"""\\(?=[!-/:-@\[-`{-~]|$)|[`~\[|]|<(?=[A-Za-z/!?])|&(?=#?\w+;)|[*_]""")
_SPACE = frozenset(" \t")
# At the start of a block (a list item's text, a paragraph): what opens another block there.
_BLOCK_START = re.compile(
    r"(?:#{1,6}|[-+*]|\d{1,9}[.)])(?=[ \t]|$)"  # a heading, a list item
    r"|>"  # a block quote
    r"|(?:[-*_=][ \t]*){3,}$"  # a thematic break or a setext underline
)
# A heading's closing sequence: "Item #" would lose its " #".
_CLOSING_HASHES = re.compile(r"(^|[ \t])(#+)$")


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    if char in "*_":
        text, at = m.string, m.start()
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        if before in _SPACE and after in _SPACE:
            return char  # " * " cannot open or close emphasis
        if char == "_" and before.isalnum() and after.isalnum():
            return char  # snake_case: no emphasis inside a word
    return "\\" + char


def _esc_line(text: str) -> str:
    """One line of user text, escaped only where a renderer would misread it ("#5" and "+10"
    stay as typed; "# 5", "+ 10", "1. " and ">" at its start are escaped, since the text may
    open a list item or a paragraph)."""
    line = _ANYWHERE.sub(_escape, text)
    start = _BLOCK_START.match(line)
    if start:  # "1\\. " (a backslash before a digit is no escape), else "\\+ ", "\\>"...
        at = start.end() - 1 if line[0].isdigit() else 0
        line = line[:at] + "\\" + line[at:]
    closing = _CLOSING_HASHES.search(line)
    if closing:
        line = line[:closing.start(2)] + "\\" + line[closing.start(2):]
    return line


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    """Escaped text on one line, remembered: a long report repeats the same names and session
    titles in thousands of rows."""
    return _esc_line(one_line(text))


def esc_cell(text: object) -> str:
    """A GFM table cell: one line, pipes escaped (done by `esc`)."""
    return _escaped(text) if isinstance(text, str) else _esc_line(one_line(text))


def esc_inline(text: object) -> str:
    return _escaped(text) if isinstance(text, str) else _esc_line(one_line(text))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(c if c else " " for c in cells) + " |"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A GFM table; header labels are ours, row cells must already be escaped."""
    out = [_row(header), "|" + "|".join(" --- " for _ in header) + "|"]
    out.extend(_row(r) for r in rows)
    return out


class _Doc:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.outline = Outline()

    def heading(self, level_: int, text: str) -> None:
        """A heading, never skipping a level (document.Outline)."""
        self.block(["#" * self.outline.level(level_) + " " + text])

    def block(self, lines: list[str]) -> None:
        if self.lines:
            self.lines.append("")
        self.lines.extend(lines)

    def para(self, text: str) -> None:
        self.block([text])

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _cut(long: LongTexts, text: str, label: str, elsewhere: str = "") -> str:
    """A table cell of user text: on one line, cut when long (common.LongTexts), escaped."""
    return esc_cell(long.cell(one_line(text), label, elsewhere))


def render_markdown(summary: Summary) -> str:
    return markdown_document(build.document(summary))


def markdown_document(document: Document) -> str:
    """Any document of blocks as Markdown (a session's summary, the programme report)."""
    d = _Doc()
    _blocks(d, document.sections, LongTexts())
    return d.text()


def _inline(i: Inline, long: LongTexts) -> str:
    if isinstance(i, Text):
        return i.text
    if isinstance(i, User):
        return esc_inline(i.text)
    if isinstance(i, Cut):
        return _cut(long, i.text, i.label, i.elsewhere)
    if isinstance(i, Missing):
        return f"*{i.text}*"
    if isinstance(i, Lead):
        return _inline(i.inner, long)
    if isinstance(i, Aside):  # a table cell has one line
        return f" ({_inline(i.inner, long)})"
    if isinstance(i, Origin):
        return " · carried over from " + esc_cell(i.text)
    if isinstance(i, Paren):
        return f" ({_inlines(i.inlines, long)})"
    if isinstance(i, Strong):
        return f"**{i.text}**"
    if isinstance(i, Due):
        if not i.date:
            return "no due date"
        return f"due {i.date}" + (", overdue" if i.overdue else "")
    return " **overdue**"


def _inlines(inlines: Inlines, long: LongTexts) -> str:
    if len(inlines) == 1:  # most table cells: no joining needed
        return _inline(inlines[0], long)
    return "".join([_inline(i, long) for i in inlines])


def _entry(x: Entry | Votes, long: LongTexts) -> str:
    if isinstance(x, Votes):
        who = f" ({', '.join(esc_inline(v) for v in x.voters)})" if x.voters else ""
        return f"- Dot votes on this recommendation: {x.dots}{who}"
    label = f"**{x.label.capitalize()}**" if x.tag else x.label.capitalize()
    about = f" ({_inlines(x.about, long)})" if x.about else ""
    line = f"- {label} #{x.no}{about}: {_inlines(x.text, long)}"
    return line + "".join(f" *{name}:* {_inlines(v, long)}" for name, v in x.extras)


def _blocks(d: _Doc, blocks: tuple[Block, ...], long: LongTexts) -> None:
    """Write document blocks (workshop.export.document) as Markdown."""
    for block in blocks:
        if isinstance(block, Section):
            _blocks(d, block.blocks, long)
        elif isinstance(block, Heading):
            d.heading(block.level, _inlines(block.inlines, long))
        elif isinstance(block, Paragraph):
            d.para(_inlines(block.inlines, long))
        elif isinstance(block, Remark):
            d.para(block.text)
        elif isinstance(block, Empty):
            d.para(f"*{block.text}*")
        elif isinstance(block, BulletList):
            d.block([f"- {_inlines(item, long)}" for item in block.items])
        elif isinstance(block, EntryList):
            _blocks(d, (block.heading,), long)
            d.block([_entry(x, long) for x in block.entries])
        elif isinstance(block, Facts):
            d.block([f"- **{label}:** {_inlines(v, long)}" for label, v in block.pairs])
        elif isinstance(block, Groups):
            d.block([f"- **{esc_inline(label)}** ({count}): {_inlines(who, long)}"
                     for label, count, who in block.groups])
        elif isinstance(block, Ranking):
            d.para(f"**{block.caption}**")
            d.block([f"{n}. {_inlines(item, long)}" for n, item in enumerate(block.items, 1)])
        elif isinstance(block, NestedList):
            lines = []
            for title, items in block.groups:
                lines.append(f"- **{_inlines(title, long)}**")
                lines.extend(f"  - {_inlines(item, long)}" for item in items)
            d.block(lines)
        elif isinstance(block, FullTexts):
            if long.entries:
                d.heading(3, FULL_TEXTS_TITLE)
                for label, text in long.entries:
                    d.para(f"**{esc_inline(label)}:** {esc_inline(text)}")
        elif isinstance(block, Notes):
            notes = [f"*{esc_inline(n)}*" for n in block.notes]
            d.block(["---", "", *(n + "  " for n in notes[:-1]), *notes[-1:]])
        elif isinstance(block, Table):
            d.block(table([c.label for c in block.columns],
                          [[_inlines(cell, long) for cell in row] for row in block.rows]))
        elif isinstance(block, Chart) and block.kind == "heat":  # a table of risks per cell
            d.block(table(list(block.columns),
                          [[label, *(c.text for c in cells)] for label, cells in block.data]))
        elif isinstance(block, Answers):
            d.heading(3, block.title)
            lines = []
            for title, pairs in block.groups:
                lines.append(f"- **{_inlines(title, long)}**")
                lines.extend(f"  - {esc_inline(lead_in(q))} {esc_inline(a)}" for q, a in pairs)
            d.block(lines)


__all__ = ["clean", "esc_cell", "esc_inline", "markdown_document", "render_markdown"]
