"""The summary's document (workshop.export.build) -> Word (.docx) minutes, via python-docx: this
module only formats blocks.

python-docx provides the package, the default template's styles and saving. The body is written as
WordprocessingML text in one pass and put into the saved package's word/document.xml as it is,
never parsed: adding thousands of rows through the object API (`table.add_row()`, `cell.text`)
costs seconds, and so did parsing the body and moving it into the document (lxml re-homes every
node moved between documents: time grew with the square of the session). The text is written
exactly as lxml would serialise it (escaped &, < and >, an empty run text as `<w:t .../>`), so
the document is the one the object API would have made. All user text is XML-escaped and cleaned
of characters XML cannot hold; line breaks become <w:br/>.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.section import Section as DocxSection
from docx.shared import Cm, Pt
from lxml import etree

from workshop.export import build
from workshop.export import docx_layout as layout
from workshop.export.common import (
    FULL_TEXTS_TITLE,
    LongTexts,
    clean,
    starts_rtl,
)
from workshop.export.document import (
    Answers,
    Aside,
    Block,
    BulletList,
    Chart,
    Cut,
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

TABLE_FONT_HALF_POINTS = 18  # 9 pt
# libxml2 refuses one text node over 10 MB (without XML_PARSE_HUGE, which Word readers may not
# set either): longer lines are written as several <w:t> pieces of the same run.
TEXT_PIECE = 1_000_000


DOCUMENT_PART = "word/document.xml"
BODY_START = b"<w:body>"


def escape(text: str) -> str:
    """Text content as lxml writes it (the document must read the same either way)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


def _t(piece: str) -> str:
    if not piece:
        return '<w:t xml:space="preserve"/>'
    return f'<w:t xml:space="preserve">{escape(piece)}</w:t>'


def _runs(text: object, bold: bool = False, italic: bool = False, size: int = 0) -> str:
    # Printable ASCII (most cells and titles) has nothing to clean and reads left to right.
    plain = isinstance(text, str) and text.isascii() and text.isprintable()
    if not plain:
        text = clean(text)
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    if not plain and starts_rtl(text):  # Word's dir="auto": the run reads right to left
        props += "<w:rtl/>"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if len(text) <= TEXT_PIECE and "\n" not in text and "\t" not in text:
        return f"<w:r>{rpr}{_t(text)}</w:r>"  # one line: most cells and list items
    lines = text.replace("\t", " ").split("\n")
    body = "<w:br/>".join(
        "".join(_t(line[i:i + TEXT_PIECE]) for i in range(0, max(len(line), 1), TEXT_PIECE))
        for line in lines
    )
    return f"<w:r>{rpr}{body}</w:r>"


class _Body:
    """The body as (xml, landscape) chunks (docx_layout.with_sections puts the section breaks)."""

    def __init__(self) -> None:
        self.xml: list[tuple[str, bool | None]] = []
        # Table cells repeat (a part's title, a status, "yes"): each distinct one is written once.
        self.cells: dict[tuple[str, bool, int, str], str] = {}
        self.words: dict[str, int] = {}  # the longest word (capped) of each distinct cell
        self.outline = Outline()

    def para(self, *runs: str, style: str = "") -> None:
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        self.xml.append((f"<w:p>{ppr}{''.join(runs)}</w:p>", False))

    def text(self, text: object, style: str = "") -> None:
        self.para(_runs(text), style=style)

    def heading(self, text: object, level_: int) -> None:
        """`level_` as Word's: 0 the Title, 1 Heading 1...; never skipping a level."""
        level_ = self.outline.level(level_ + 1) - 1
        style = "Title" if level_ == 0 else f"Heading{level_}"
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
        self.xml.append((f"<w:p>{ppr}{_runs(text)}</w:p>", None))  # goes with what follows

    def bullet(self, *runs: str, level_: int = 1) -> None:
        self.para(*runs, style="ListBullet" if level_ == 1 else "ListBullet2")

    def _longest(self, value: str) -> int:
        n = self.words.get(value)
        if n is None:
            n = self.words[value] = max(
                (min(len(w), layout.LONGEST_WORD) for w in value.split()), default=1)
        return n

    def table(self, columns: list[tuple[str, int]], rows: list[list[str]],
              fills: list[list[str]] | None = None) -> None:
        """A table whose column widths follow the columns' (label, weight) and the words in
        them; rows never split across pages and the header row repeats on each page;
        `fills`: a background colour per body cell ("" for none)."""
        cells = self.cells
        longest = [max((self._longest(row[i]) for row in rows), default=1)
                   for i in range(len(columns))]
        minimums = [max(n * layout.CHAR, self._longest(label) * layout.BOLD_CHAR)
                    + layout.CELL_MARGINS for n, (label, _) in zip(longest, columns, strict=True)]
        landscape, widths = layout.table_widths(minimums, [w for _, w in columns])

        def cell(value: str, width: int, bold: bool = False, fill: str = "") -> str:
            key = (value, bold, width, fill)
            xml = cells.get(key)
            if xml is None:
                shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
                xml = cells[key] = (
                    f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr><w:p>'
                    f"{_runs(value, bold=bold, size=TABLE_FONT_HALF_POINTS)}</w:p></w:tc>")
            return xml

        head = ('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
                + "".join(cell(label, w, bold=True)
                          for (label, _), w in zip(columns, widths, strict=True)) + "</w:tr>")
        if fills is None:
            body = "".join(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                + "".join(cell(v, w) for v, w in zip(row, widths, strict=True)) + "</w:tr>"
                for row in rows)
        else:
            body = "".join(
                "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                + "".join(cell(v, w, fill=f) for v, w, f in zip(row, widths, fs, strict=True))
                + "</w:tr>"
                for row, fs in zip(rows, fills, strict=True))
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        self.xml.append((
            '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}'
            f"</w:tblGrid>{head}{body}</w:tbl>"
            "<w:p/>",  # Word needs a paragraph between adjacent tables
            landscape))


def render_docx(summary: Summary) -> bytes:
    document = build.document(summary)
    b = _Body()
    _blocks(b, document.sections, LongTexts())
    t = summary.title
    return _package(clean(document.title)[:250], b.xml,
                    author=clean(t.facilitator)[:250] or "workshop",
                    header=" \u00b7 ".join(clean(x) for x in (t.title, t.date) if x)[:250])


def _plain(i: Inline, long: LongTexts) -> str:
    kind = type(i)
    if kind in _AS_TYPED:
        return i.text
    if kind is Cut:
        return long.cell(clean(i.text), i.label, i.elsewhere)
    if isinstance(i, Missing):
        return f"({i.text})"
    if isinstance(i, Lead):
        return _plain(i.inner, long)
    if isinstance(i, Aside):
        return "\n" + _plain(i.inner, long)
    if isinstance(i, Origin):
        return f"\nCarried over from {i.text}"
    if isinstance(i, Due):
        if not i.date:
            return "no due date"
        return f"due {i.date}" + (", overdue" if i.overdue else "")
    if isinstance(i, Paren):
        return f" ({_cell(i.inlines, long)})"
    if isinstance(i, Strong):  # a list item is one run
        return i.text
    return " OVERDUE"


def _cell(inlines: Inlines, long: LongTexts) -> str:
    """A table cell as Word writes it: one run of plain text (cleaned by `_runs`)."""
    if len(inlines) == 1:  # most cells: one piece of text
        i = inlines[0]
        return i.text if type(i) in _AS_TYPED else _plain(i, long)
    return "".join([_plain(i, long) for i in inlines])


_AS_TYPED = frozenset({Text, User})


def _entry(x: Entry | Votes, long: LongTexts) -> list[str]:
    """The runs of one entry: its label, number and what it is about in bold, then its text."""
    if isinstance(x, Votes):
        who = f" ({', '.join(x.voters)})" if x.voters else ""
        return [_runs("Dot votes on this recommendation: ", bold=True), _runs(f"{x.dots}{who}")]
    about = f" ({clean(_cell(x.about, long))})" if x.about else ""
    runs = [_runs(f"{x.label.capitalize()} #{x.no}{about}: ", bold=True),
            _runs(_cell(x.text, long))]
    for name, value in x.extras:
        runs += [_runs(f" {name}: ", italic=True), _runs(_cell(value, long))]
    return runs


def _blocks(b: _Body, blocks: tuple[Block, ...], long: LongTexts) -> None:
    """Write document blocks (workshop.export.document) as WordprocessingML: Markdown's level 1
    is the Title, its level 2 Heading 1 and so on."""
    for block in blocks:
        if isinstance(block, Section):
            _blocks(b, block.blocks, long)
        elif isinstance(block, Heading):
            b.heading(_cell(block.inlines, long), block.level - 1)
        elif isinstance(block, Paragraph):
            b.text(_cell(block.inlines, long))
        elif isinstance(block, Remark | Empty):
            b.text(block.text)
        elif isinstance(block, BulletList):
            if block.caption:
                b.heading(block.caption, 2)
            for item in block.items:
                b.bullet(_runs(_cell(item, long)))
        elif isinstance(block, EntryList):
            _blocks(b, (block.heading,), long)
            for x in block.entries:
                b.bullet(*_entry(x, long))
        elif isinstance(block, Facts):
            for label, value in block.pairs:
                b.para(_runs(f"{label}: ", bold=True), _runs(_cell(value, long)))
        elif isinstance(block, Groups):
            for label, count, who in block.groups:
                b.bullet(_runs(f"{label} ({count}): ", bold=True), _runs(_cell(who, long)))
        elif isinstance(block, Ranking):
            b.para(_runs(block.caption, bold=True))
            for item in block.items:
                b.bullet(_runs(_cell(item, long)))
        elif isinstance(block, NestedList):
            for title, items in block.groups:
                b.bullet(_runs(_cell(title, long), bold=True))
                for item in items:
                    b.bullet(_runs(_cell(item, long)), level_=2)
        elif isinstance(block, FullTexts):
            if long.entries:
                b.heading(FULL_TEXTS_TITLE, 2)
                for label, text in long.entries:
                    b.para(_runs(f"{label}: ", bold=True), _runs(text))
        elif isinstance(block, Notes):
            for note in block.notes:
                b.para(_runs(note, italic=True))
        elif isinstance(block, Table):
            b.table([(c.label, c.weight) for c in block.columns],
                    [[_cell(cell, long) for cell in row] for row in block.rows])
        elif isinstance(block, Chart) and block.kind == "heat":  # a table of risks per cell
            b.table([(label, 1) for label in block.columns],
                    [[label, *(c.text for c in cells)] for label, cells in block.data],
                    [["", *(layout.heat_fill(c.score) for c in cells)]
                     for _, cells in block.data])
        elif isinstance(block, Answers):  # Word: a small heading per risk, no overall title
            for title, pairs in block.groups:
                b.heading(f"{clean(_cell(title, long))}: answers", 3)
                for q, a in pairs:
                    b.bullet(_runs(f"{clean(lead_in(q))} ", bold=True), _runs(a))


def _package(title: str, chunks: list[tuple[str, bool | None]], *, author: str,
             header: str) -> bytes:
    """The .docx: python-docx's default template, A4 pages with a running header (`header`) and
    "Page n of m" in the footer, honest document properties (`title`, `author`, created now, no
    generator's comment or thumbnail), and the body written from `chunks` (WordprocessingML,
    docx_layout.with_sections) before the body's section properties."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    _running_header(section, header)
    core = doc.core_properties
    core.title = title
    core.subject = "Workshop summary"
    core.author = core.last_modified_by = author
    core.comments = ""
    core.created = core.modified = layout.now()
    core.revision = 1
    package = doc.part.package
    for rid, rel in list(package.rels.items()):  # the template's blank thumbnail
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    template_body = doc.element.body
    for child in list(template_body):  # the template's paragraphs go; its page setup stays
        if child is not template_body.sectPr:
            template_body.remove(child)
    sect_pr = _NAMESPACES.sub("", etree.tostring(template_body.sectPr, encoding="unicode"))
    body = layout.with_sections(chunks, sect_pr).encode("utf-8")
    template = io.BytesIO()
    doc.save(template)
    out = io.BytesIO()
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():  # the same parts, in the same order, as python-docx saved
            data = src.read(info)
            if info.filename == DOCUMENT_PART:
                head, start, tail = data.partition(BODY_START)
                if not start:
                    raise ValueError("the Word template has no document body")
                data = b"".join((head, start, body, tail))
            dst.writestr(info, data)
    return out.getvalue()


_NAMESPACES = re.compile(r' xmlns:\w+="[^"]*"')  # declared once, on the document's root


def _running_header(section: DocxSection, text: str) -> None:
    """The session's title and date at the top of every page, "Page n of m" at the bottom."""
    head = section.header.paragraphs[0]
    head.text = text
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in head.runs:
        run.font.size = Pt(8)
    foot = section.footer.paragraphs[0]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    runs = ('<w:r><w:t xml:space="preserve">Page </w:t></w:r>' + layout.page_field("PAGE")
            + '<w:r><w:t xml:space="preserve"> of </w:t></w:r>' + layout.page_field("NUMPAGES"))
    for run in parse_xml(f"<w:p {nsdecls('w')}>{runs}</w:p>"):
        foot._p.append(run)
