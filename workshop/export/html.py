"""The summary's document (workshop.export.build) -> one self-contained HTML file (inline CSS
and SVG, no script, nothing fetched): this module only formats blocks.

Every piece of user text goes through `html.escape` at render time and only ever lands in element
content or in quoted attribute values, so it can never add an element or attribute. Line breaks in
user text are kept by CSS (`white-space: pre-line`), not by inserting markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape

from workshop.export import build
from workshop.export.common import (
    FULL_TEXTS_TITLE,
    LongTexts,
    clean,
    gap,
    level,
)
from workshop.export.document import (
    Answers,
    Aside,
    Bar,
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
    plain,
)
from workshop.summary import (
    Summary,
)

CSS = """
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0b5cad; --soft: #f3f6f9;
  --cur: #0b5cad; --tgt: #c26b00; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: var(--ink); margin: 0 auto; max-width: 64rem; padding: 1.5rem; }
h1, h2, h3, h4, dd, dt, li, p { overflow-wrap: anywhere; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
  margin-top: 2rem; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
h4 { font-size: 1rem; margin: .8rem 0 .3rem; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.table-scroll { overflow-x: auto; max-width: 100%; margin: .5rem 0 1rem; }
.table-scroll:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left;
  vertical-align: top; }
th { background: var(--soft); }
td, li, dd, p.text { white-space: pre-line; unicode-bidi: plaintext; overflow-wrap: anywhere; }
td { overflow-wrap: break-word; }  /* 'anywhere' lets tables squeeze words into pieces */
td.num { text-align: right; white-space: nowrap; }
.date { white-space: nowrap; }
.overdue { color: #a40e26; font-weight: 600; display: inline-block; overflow-wrap: normal; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: .6rem; font-size: .8rem;
  background: var(--soft); border: 1px solid var(--line); }
.agreed { background: #dafbe1; } .parked { background: #fff8c5; } .rejected { background: #ffebe9; }
.muted, .notes { color: var(--muted); }
svg.chart { max-width: 100%; height: auto; }
svg.chart .current { fill: var(--cur); } svg.chart .target { fill: var(--tgt); }
svg.chart text { font: 12px system-ui, sans-serif; fill: var(--ink); }
svg.chart line.grid { stroke: var(--line); }
table.heat { width: auto; }
table.heat td { width: 5.5rem; height: 2.6rem; text-align: center; vertical-align: middle; }
table.heat .h-low { background: #dafbe1; } table.heat .h-mid { background: #fff8c5; }
table.heat .h-high { background: #ffd8b5; } table.heat .h-top { background: #ffc1c0; }
@media (max-width: 40rem) {  /* a phone: one column of facts, less padding */
  body { padding: .75rem; }
  dl.facts { grid-template-columns: minmax(0, 1fr); }
  dl.facts dd { margin-bottom: .3rem; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3, h4 { break-after: avoid; }
  .table-scroll { overflow: visible; }
  tr, li, svg { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
""".strip()


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def e(text: object) -> str:
    """Escaped user text (element content or quoted attribute value)."""
    return escape(clean(text), quote=True)


def u(text: object) -> str:
    """User text in element content: escaped, and isolated in <bdi> so that a right-to-left name
    or note keeps its own direction without reordering the text around it. "" stays ""."""
    escaped = e(text)
    return f"<bdi>{escaped}</bdi>" if escaped else ""


def _table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset(),
           label: str = "Table", weights: list[int] | None = None) -> str:
    """A table; header labels are ours (escaped here), row cells must already be escaped HTML.
    `weights`: each column's share of the width (document.Column.weight), as <col> widths."""
    head = "".join(f"<th scope=\"col\">{escape(h)}</th>" for h in header)
    cols = ""
    if weights:
        total = sum(weights)
        cols = "<colgroup>" + "".join(f'<col style="width: {100 * w / total:.1f}%">'
                                      for w in weights) + "</colgroup>"
    body = []
    for row in rows:
        cells = "".join(
            f"<td class=\"num\">{c}</td>" if i in numeric else f"<td>{c}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return scroll(f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody>"
                  "</table>", label)


def scroll(table: str, label: str = "Table") -> str:
    """A table in a box that scrolls sideways by itself on a narrow screen (the page never
    does); focusable, so it scrolls from the keyboard too, and named for screen readers."""
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(label)}">'
            f"{table}</div>")


def maturity_chart(rows: tuple[Bar, ...]) -> str:
    """Horizontal bars: current maturity (solid) and target (thin bar) per rated part."""
    label_w, bar_w, row_h, top = 220, 400, 34, 24
    width = label_w + bar_w + 20
    height = top + row_h * len(rows) + 8
    scale = bar_w / 5
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        "<title>Current and target maturity per part</title>",
    ]
    for n in range(6):
        x = label_w + n * scale
        out.append(f'<line class="grid" x1="{x:.0f}" y1="{top - 6}" x2="{x:.0f}" '
                   f'y2="{height - 4}"/>')
        if n:
            out.append(f'<text x="{x - 3:.0f}" y="{top - 10}">{n}</text>')
    for i, r in enumerate(rows):
        y = top + i * row_h
        label = r.label
        short = label if len(label) <= 30 else label[:29] + "…"
        tip = (f"{label}: current {level(r.current)}, target {level(r.target)}, "
               f"gap {gap(r.gap)}")
        out.append(
            f'<g class="bar" data-part="{e(r.part)}"><title>{e(tip)}</title>'
            f'<text x="0" y="{y + 15}">{e(short)}</text>'
            f'<rect class="current" x="{label_w}" y="{y + 3}" width="{r.current * scale:.1f}" '
            f'height="14"/>'
            f'<rect class="target" x="{label_w}" y="{y + 20}" width="{r.target * scale:.1f}" '
            f'height="6"/></g>'
        )
    out.append("</svg>")
    legend = ('<p class="muted"><span style="color:var(--cur)">■</span> current '
              '<span style="color:var(--tgt)">■</span> target</p>')
    return "".join(out) + legend


def _heat_class(score: int) -> str:
    if score >= 15:
        return "h-top"
    if score >= 9:
        return "h-high"
    if score >= 4:
        return "h-mid"
    return "h-low"


def render_html(summary: Summary) -> str:
    return html_document(build.document(summary))


def html_document(document: Document) -> str:
    """Any document of blocks as one HTML file (a session's summary, the programme report)."""
    title = e(document.title) or "Workshop summary"
    parts: list[str] = []
    _blocks(parts.append, document.sections, LongTexts(), _Outline())
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )


def _inline(i: Inline, long: LongTexts) -> str:
    if isinstance(i, Text):
        return escape(i.text)
    if isinstance(i, User):  # names and labels alike: each keeps its own direction
        if _DATE.fullmatch(i.text):  # a date never breaks at its hyphens
            return f'<bdi class="date">{i.text}</bdi>'
        return u(i.text)
    if isinstance(i, Cut):
        return u(long.cell(clean(i.text), i.label, i.elsewhere))
    if isinstance(i, Missing):
        return f'<span class="muted">{escape(i.text)}</span>'
    if isinstance(i, Lead):
        return f"<strong>{_inline(i.inner, long)}</strong>"
    if isinstance(i, Aside):  # cells keep line breaks (white-space: pre-line)
        return "\n" + _inline(i.inner, long)
    if isinstance(i, Origin):
        return f'\n<span class="muted">Carried over from {u(i.text)}</span>'
    if isinstance(i, Due):
        if not i.date:
            return "no due date"
        return f"due {e(i.date)}" + (' <span class="overdue">overdue</span>' if i.overdue else "")
    if isinstance(i, Paren):
        return f' <span class="muted">({_inlines(i.inlines, long)})</span>'
    if isinstance(i, Strong):
        return f"<strong>{escape(i.text)}</strong>"
    return ' <span class="overdue">overdue</span>'


def _inlines(inlines: Inlines, long: LongTexts) -> str:
    return "".join(_inline(i, long) for i in inlines)


def _heat_chart(chart: Chart) -> str:
    """Likelihood (rows, 5 at the top) x impact (columns, 1 to 5); each cell lists its risks."""
    corner, *columns = chart.columns
    head = "".join(f'<th scope="col">{escape(label)}</th>' for label in columns)
    rows = []
    for label, cells in chart.data:
        tds = "".join(f'<td class="{_heat_class(c.score)}">{escape(c.text)}</td>' for c in cells)
        rows.append(f'<tr><th scope="row">{escape(label)}</th>{tds}</tr>')
    return scroll(
        '<table class="heat"><caption>Likelihood (rows, 5 at the top) by impact (columns)'
        f'</caption><thead><tr><th scope="col">{escape(corner)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>", "Heat map")


def _entry(x: Entry | Votes, long: LongTexts) -> str:
    if isinstance(x, Votes):
        who = f' <span class="muted">({", ".join(u(v) for v in x.voters)})</span>' \
            if x.voters else ""
        return f"<li><strong>Dot votes on this recommendation:</strong> {x.dots}{who}</li>"
    about = f' <span class="muted">({_inlines(x.about, long)})</span>' if x.about else ""
    if x.tag:
        label = escape(x.label)
        head = f'<span class="tag {label}">{label}</span> #{x.no}{about}'
    else:
        head = f"<strong>{escape(x.label.capitalize())} #{x.no}</strong>{about}"
    extras = "".join(f"<br><em>{escape(name)}:</em> {_inlines(v, long)}" for name, v in x.extras)
    return f"<li>{head}: {_inlines(x.text, long)}{extras}</li>"


class _Outline(Outline):
    """The heading levels written so far, and the last heading's text (names the tables)."""

    __slots__ = ("caption",)

    def __init__(self) -> None:
        super().__init__()
        self.caption = "Table"


def _h(outline: _Outline, wanted: int, inner: str, attrs: str = "", text: str = "") -> str:
    """A heading at `wanted` level, or higher if that would skip one (document.Outline)."""
    n = outline.level(wanted)
    outline.caption = clean(text) or outline.caption
    return f"<h{n}{attrs}>{inner}</h{n}>"


def _blocks(add: Callable[[str], None], blocks: tuple[Block, ...], long: LongTexts,
            outline: _Outline) -> None:
    """Write document blocks (workshop.export.document) as HTML, one line per block; a section
    opens on the line of its heading."""
    for block in blocks:
        if isinstance(block, Section):
            lines: list[str] = []
            for n, inner in enumerate(block.blocks, 1):
                _blocks(lines.append, (inner,), long, outline)
                if n == block.opening:  # these blocks share the line opening the section
                    lines[:] = ["".join(lines)]
            head = f'<section id="{block.id}">'
            if block.opening:
                lines[0] = head + lines[0]
            else:
                lines.insert(0, head)
            if isinstance(block.blocks[-1], Notes):  # the footer closes the section
                lines[-1] += "</section>"
            else:
                lines.append("</section>")
            for line in lines:
                add(line)
        elif isinstance(block, Heading):
            add(_h(outline, block.level, _inlines(block.inlines, long),
                   text=plain(block.inlines)))
        elif isinstance(block, Paragraph):
            add(f"<p>{_inlines(block.inlines, long)}</p>")
        elif isinstance(block, Remark | Empty):
            add(f'<p class="muted">{escape(block.text)}</p>')
        elif isinstance(block, BulletList):
            caption = _h(outline, 3, escape(block.caption)) if block.caption else ""
            items = "".join(f"<li>{_inlines(item, long)}</li>" for item in block.items)
            add(f"{caption}<ul>{items}</ul>")
        elif isinstance(block, EntryList):  # the list opens on its heading's line
            heading: list[str] = []
            _blocks(heading.append, (block.heading,), long, outline)
            add(heading[0] + "<ul>")
            for x in block.entries:
                add(_entry(x, long))
            add("</ul>")
        elif isinstance(block, Facts):
            add('<dl class="facts">' + "".join(
                f"<dt>{escape(label)}</dt><dd>{_inlines(v, long)}</dd>"
                for label, v in block.pairs) + "</dl>")
        elif isinstance(block, Groups):
            add("<ul>" + "".join(
                f"<li><strong>{e(label)}</strong> ({count}): {_inlines(who, long)}</li>"
                for label, count, who in block.groups) + "</ul>")
        elif isinstance(block, Ranking):
            add(_h(outline, 3, escape(block.caption)) + "<ol>" + "".join(
                f"<li>{_inlines(item, long)}</li>" for item in block.items) + "</ol>")
        elif isinstance(block, NestedList):
            add("<ul>")
            for title, items in block.groups:
                add(f"<li><strong>{_inlines(title, long)}</strong><ul>")
                for item in items:
                    add(f"<li>{_inlines(item, long)}</li>")
                add("</ul></li>")
            add("</ul>")
        elif isinstance(block, FullTexts):
            if long.entries:
                add(_h(outline, 3, FULL_TEXTS_TITLE, ' id="full-texts"') + "".join(
                    _h(outline, 4, escape(label)) + f'<p class="text">{u(text)}</p>'
                    for label, text in long.entries))
        elif isinstance(block, Notes):
            add('<footer class="notes">' + "".join(f"<p>{e(n)}</p>" for n in block.notes)
                + "</footer>")
        elif isinstance(block, Table):
            add(_table([c.label for c in block.columns],
                       [[_inlines(cell, long) for cell in row] for row in block.rows],
                       {i for i, c in enumerate(block.columns) if c.numeric}, outline.caption,
                       [c.weight for c in block.columns]))
        elif isinstance(block, Chart):
            add(_heat_chart(block) if block.kind == "heat" else maturity_chart(block.data))
        elif isinstance(block, Answers):
            add(_h(outline, 3, escape(block.title)))
            for title, pairs in block.groups:
                add(_h(outline, 4, _inlines(title, long)) + '<dl class="facts">' + "".join(
                    f"<dt>{u(q)}</dt><dd>{u(a)}</dd>" for q, a in pairs) + "</dl>")
