"""The page layout of the Word minutes: column widths from the document's column weights, which
tables go on landscape pages, section breaks, the running header and footer (page numbers), the
heat map's colours and the document properties.

Widths are in twentieths of a point (dxa, 567 to the centimetre). A column is never narrower than
its longest short word (up to LONGEST_WORD characters) so "Recommendation" or "Northbridge" never
break mid-word; the width left over is shared by the columns' weights, so "No." stays narrow and
"Action" gets room. A table whose words alone would fill most of a portrait line goes on a
landscape page of its own section (with the heading above it), so a long action reads on three
lines rather than twelve.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

A4_SHORT, A4_LONG = 11906, 16838  # dxa, as python-docx writes Cm(21) x Cm(29.7)
MARGIN = 1020  # 1.8 cm
PORTRAIT_WIDTH = A4_SHORT - 2 * MARGIN  # the text width of a portrait page
LANDSCAPE_WIDTH = A4_LONG - 2 * MARGIN
CHAR = 100  # dxa per character of 9 pt text (a generous average: capitals are wider)
BOLD_CHAR = 112
CELL_MARGINS = 240  # the table style's left and right cell margins (108 each) and a little air
LONGEST_WORD = 16  # longer words (URLs, ids) may break: no column grows for them
# A table whose minimum widths take more than this share of a portrait line goes landscape.
LANDSCAPE_SHARE = 0.7

_WORD = re.compile(r"\S+")


def min_width(texts: Sequence[str], bold_texts: Sequence[str] = ()) -> int:
    """The width a column needs so none of its words (up to LONGEST_WORD characters) breaks."""
    longest = max((min(len(w), LONGEST_WORD) for t in texts for w in _WORD.findall(t)),
                  default=1)
    bold = max((min(len(w), LONGEST_WORD) for t in bold_texts for w in _WORD.findall(t)),
               default=1)
    return max(longest * CHAR, bold * BOLD_CHAR) + CELL_MARGINS


def fit(minimums: Sequence[int], weights: Sequence[int], total: int) -> list[int]:
    """Column widths summing to `total`: each column gets its weight's share, but never less
    than its minimum; the others share what is left. When even the minimums need more room
    (dozens of columns), they shrink in proportion: the table stays on the page and its
    longest words break."""
    if sum(minimums) >= total:
        widths = [m * total // sum(minimums) for m in minimums]
        widths[-1] += total - sum(widths)
        return widths
    fixed: dict[int, int] = {}
    while True:
        free = [i for i in range(len(weights)) if i not in fixed]
        room = total - sum(fixed.values())
        weight = sum(max(weights[i], 1) for i in free) or 1
        share = {i: room * max(weights[i], 1) / weight for i in free}
        short = {i: minimums[i] for i in free if share[i] < minimums[i]}
        if not short:
            break
        fixed.update(short)
    widths = [fixed.get(i) or int(share[i]) for i in range(len(weights))]
    widths[max(range(len(widths)), key=lambda i: widths[i])] += total - sum(widths)
    return widths


def table_widths(minimums: Sequence[int], weights: Sequence[int]) -> tuple[bool, list[int]]:
    """(landscape, column widths) for a table with these minimum widths and weights."""
    landscape = sum(minimums) > PORTRAIT_WIDTH * LANDSCAPE_SHARE
    return landscape, fit(minimums, weights, LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH)


# The heat map's colour bands, as the web page shows them (score = likelihood x impact).
HEAT_FILLS = ((15, "FFC1C0"), (9, "FFD8B5"), (4, "FFF8C5"), (0, "DAFBE1"))


def heat_fill(score: int) -> str:
    return next(fill for floor, fill in HEAT_FILLS if score >= floor)


def section_break(sect_pr: str, landscape: bool) -> str:
    """A paragraph ending a section laid out as `sect_pr` (the body's own section properties,
    as lxml writes them), on a portrait or landscape page."""
    if landscape:
        sect_pr = re.sub(r"<w:pgSz [^>]*/>",
                         f'<w:pgSz w:w="{A4_LONG}" w:h="{A4_SHORT}" w:orient="landscape"/>',
                         sect_pr)
    return f"<w:p><w:pPr>{sect_pr}</w:pPr></w:p>"


def with_sections(chunks: Sequence[tuple[str, bool | None]], sect_pr: str) -> str:
    """The body from (xml, landscape) chunks: True for a wide table, False for anything that
    reads on a portrait page, None for a heading (it goes with what follows it). A section
    break is put wherever the orientation changes; the last section is the body's own."""
    wants: list[bool] = []
    following = False
    for _xml, landscape in reversed(chunks):
        following = following if landscape is None else landscape
        wants.append(following)
    wants.reverse()
    out: list[str] = []
    current = wants[0] if wants else False
    for (xml, _), landscape in zip(chunks, wants, strict=True):
        if landscape != current:
            out.append(section_break(sect_pr, current))
            current = landscape
        out.append(xml)
    if current:  # the body's last section is portrait: end the landscape one before it
        out.append(section_break(sect_pr, True))
    return "".join(out)


def page_field(code: str) -> str:
    """A PAGE or NUMPAGES field, as runs (Word and LibreOffice update it when they lay out)."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
            f'xml:space="preserve"> {code} </w:instrText></w:r><w:r><w:fldChar '
            f'w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar '
            f'w:fldCharType="end"/></w:r>')


def now() -> _dt.datetime:
    """The export time, in UTC and whole seconds (the document's created and modified dates)."""
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
