"""The document every summary export formats: a list of blocks built once from the Summary
(workshop.export.build), then written by Markdown, HTML and Word, each in its own way.

User text stays user text here (`User`, `Cut`): never escaped, cut or cleaned in the model, so
each renderer escapes or isolates it by its own rules (Markdown backslashes, HTML entities and
<bdi>, Word XML escaping and right-to-left runs). Our own words are `Text`.

Blocks are plain slotted dataclasses, not frozen ones: a summary of 10,000 records makes some
150,000 of them, and a frozen dataclass costs two and a half times as much to create. Nothing
changes them after the builder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

# --- inlines --------------------------------------------------------------------------------


@dataclass(slots=True)
class Text:
    """Words of the export itself (labels, numbers): trusted, never typed by a user."""

    text: str


@dataclass(slots=True)
class User:
    """Text a user typed (or a guide label). `isolate`: a name or sentence that keeps its own
    direction (HTML wraps it in <bdi>); False for labels and enumerated values (a part's title,
    a status)."""

    text: str
    isolate: bool = True


@dataclass(slots=True)
class Cut:
    """User text in a table cell that each renderer cuts when long (common.LongTexts), giving
    the full text once: at `elsewhere` if it already stands there, else at the end under
    `label`."""

    text: str
    label: str
    elsewhere: str = ""


@dataclass(slots=True)
class Overdue:
    """The mark of a date gone by: bold in Markdown, red in HTML, capitals in Word."""


@dataclass(slots=True)
class Missing:
    """Our words standing where user text was left out ("name left out"): set apart from real
    text (italic in Markdown, muted in HTML, in brackets in Word)."""

    text: str


@dataclass(slots=True)
class Lead:
    """The main words of a table cell (an action's title): bold in HTML; Markdown and Word keep
    their table cells plain."""

    inner: Text | User | Cut


@dataclass(slots=True)
class Aside:
    """A second line of a table cell (an action's description): on its own line in HTML and
    Word, in brackets in Markdown, whose table cells have one line."""

    inner: Text | User | Cut


@dataclass(slots=True)
class Origin:
    """Where an entry came from: the title of the session it was carried over from."""

    text: str


@dataclass(slots=True)
class Paren:
    """A remark in brackets after the main words (time spent, where an idea was raised): muted
    in HTML."""

    inlines: Inlines


@dataclass(slots=True)
class Strong:
    """Our words set in bold where the format has bold running text (Markdown, HTML); Word's
    list items are one run."""

    text: str


@dataclass(slots=True)
class Due:
    """A due date in running text: "due 2026-07-01, overdue", or "no due date"."""

    date: str
    overdue: bool = False


Inline = Text | User | Cut | Overdue | Missing | Lead | Aside | Origin | Paren | Due | Strong
Inlines = tuple[Inline, ...]


# --- blocks ---------------------------------------------------------------------------------


@dataclass(slots=True)
class Heading:
    """`level` as in Markdown: 1 the title, 2 a section, 3 and 4 below it."""

    level: int
    inlines: Inlines


@dataclass(slots=True)
class Paragraph:
    inlines: Inlines


@dataclass(slots=True)
class Empty:
    """What a section says when it has nothing ("No ratings."): muted, italic in Markdown."""

    text: str


@dataclass(slots=True)
class Remark:
    """Our explanation of what follows ("Scale: ..."): muted in HTML, plain elsewhere."""

    text: str


@dataclass(slots=True)
class BulletList:
    """A list; `caption` titles it where the format sets one (HTML and Word), while Markdown's
    list follows what it lists directly."""

    items: tuple[Inlines, ...]
    caption: str = ""


@dataclass(slots=True)
class Entry:
    """One recorded entry in a list: "Agreed #3 (about): text", then named extras
    ("Rationale", "Actions"). `tag`: the label is an outcome shown as a tag (a decision), not a
    kind of record (a note, an idea)."""

    label: str  # "agreed", "note": capitalised where the format shows a word
    no: int
    about: Inlines  # in brackets after the number; () for none
    text: Inlines
    extras: tuple[tuple[str, Inlines], ...] = ()
    tag: bool = False


@dataclass(slots=True)
class Votes:
    """The dots a recommendation itself got, and from whom (names as the summary allows)."""

    dots: str  # "3 dots"
    voters: tuple[str, ...]


@dataclass(slots=True)
class EntryList:
    """Entries under their heading (a part, a recommendation)."""

    heading: Heading
    entries: tuple[Entry | Votes, ...]


@dataclass(slots=True)
class NestedList:
    """A list of groups, each a bold title over its own items (an owner over their actions)."""

    groups: tuple[tuple[Inlines, tuple[Inlines, ...]], ...]


@dataclass(slots=True)
class Facts:
    """The facts of the session under its title: (label, value) pairs, only those given."""

    pairs: tuple[tuple[str, Inlines], ...]


@dataclass(slots=True)
class Groups:
    """People in groups (attendees by sector): each group's name, size and members."""

    groups: tuple[tuple[str, int, Inlines], ...]


@dataclass(slots=True)
class Ranking:
    """A numbered ranking under a caption (the top-voted recommendations and ideas)."""

    caption: str
    items: tuple[Inlines, ...]


@dataclass(slots=True)
class FullTexts:
    """Where each renderer gives the full text of the entries it cut in tables, if any."""


@dataclass(slots=True)
class Notes:
    """The closing notes of the document (how it was made, what it leaves out)."""

    notes: tuple[str, ...]


@dataclass(slots=True)
class Column:
    """A table column: its header, its share of the width, and whether it holds numbers
    (right-aligned where the format can)."""

    label: str
    weight: int = 1
    numeric: bool = False


@dataclass(slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Inlines, ...], ...]


@dataclass(slots=True)
class Bar:
    """One bar of the maturity chart: a part's current and target level."""

    part: str  # the part's id
    label: str  # the part's title
    current: float
    target: float
    gap: float


@dataclass(slots=True)
class HeatCell:
    score: int  # likelihood x impact: the colour band in HTML
    text: str  # the risks in the cell: "#1 #3"


@dataclass(slots=True)
class Chart:
    """A chart the formats draw as they can: `heat` (rows of (label, HeatCell per impact)),
    drawn as a table everywhere; `maturity` (a Bar per part), drawn by HTML only (the table
    after it gives the same figures)."""

    kind: Literal["heat", "maturity"]
    columns: tuple[str, ...]  # the header of the table form
    data: tuple[Any, ...]


@dataclass(slots=True)
class Answers:
    """Answers to checklist questions, one group per risk: (title, ((question, answer), ...))."""

    title: str
    groups: tuple[tuple[Inlines, tuple[tuple[str, str], ...]], ...]


def lead_in(question: str) -> str:
    """A question as the lead-in to its answer: "Who owns it?" stays, "Owner" becomes "Owner:"
    (never "Who owns it?:")."""
    text = question.rstrip()
    return text if text.endswith(("?", ":", "؟")) else f"{text}:"


@dataclass(slots=True)
class Section:
    """A section of the summary: `id` names it (HTML's section id), `blocks` start with its
    heading."""

    id: str
    blocks: tuple[Block, ...]
    opening: int = 1  # how many of its first blocks HTML writes on the line opening it


Block = (Heading | Paragraph | Remark | Empty | BulletList | EntryList | NestedList | Table
         | Chart | Answers | Facts | Groups | Ranking | FullTexts | Notes | Section)


@dataclass(slots=True)
class Document:
    """The whole summary: its title (user text, "" if none) and its sections in order."""

    title: str
    sections: tuple[Section, ...]


class Outline:
    """Heading levels as a renderer writes them: never more than one below the heading before
    (a level 3 straight under the title is written as level 2), so screen readers, Word's
    navigation pane and a PDF outline see no skipped level."""

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last = 0

    def level(self, wanted: int) -> int:
        self.last = min(wanted, self.last + 1)
        return self.last


def plain(inlines: Inlines) -> str:
    """The inlines as unformatted text (user text as typed, the overdue mark as a word)."""
    out = []
    for i in inlines:
        if isinstance(i, Overdue):
            out.append(" overdue")
        elif isinstance(i, Lead | Aside):
            out.append((" " if isinstance(i, Aside) else "") + i.inner.text)
        elif isinstance(i, Origin):
            out.append(f" (carried over from {i.text})")
        elif isinstance(i, Paren):
            out.append(f" ({plain(i.inlines)})")
        elif isinstance(i, Due):
            out.append(f"due {i.date}" + (", overdue" if i.overdue else "") if i.date
                       else "no due date")
        else:
            out.append(i.text)
    return "".join(out)


__all__ = [
    "Answers", "Aside", "Bar", "Block", "BulletList", "Chart", "Column", "Cut", "Document",
    "Due", "Empty", "Entry", "EntryList", "Facts", "FullTexts", "Groups", "Heading", "HeatCell",
    "Inline", "Inlines", "Lead", "Missing", "NestedList", "Notes", "Origin", "Outline",
    "Overdue",
    "Paragraph", "Paren", "Ranking", "Remark", "Section", "Strong", "Table", "Text", "User",
    "Votes", "plain",
]
