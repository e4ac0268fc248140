"""The "Participation from the room" section: phones joined, contributions by kind and, when the
room asked for names, by sector. Built once for every document format (see build.py).

Why its own module: build.py holds the sections of the workshop's content; this one reports
how the room took part, and never names anyone (it counts devices), with or without --no-names.
"""

from __future__ import annotations

from workshop.export.common import SECTION_TITLES
from workshop.export.document import Column, Heading, Paragraph, Remark, Section, Table, Text
from workshop.records import SECTOR_LABELS
from workshop.summary import Summary


def _plural(n: int, word: str, words: str = "") -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


def room(summary: Summary) -> Section | None:
    """None when no phone ever joined this session's room."""
    r = summary.room
    if r is None:
        return None
    sent = [_plural(n, w, ws) for n, w, ws in (
        (r.ideas, "idea", ""), (r.dots, "dot", ""), (r.ratings, "rating", ""),
        (r.answers, "poll answer", "")) if n]
    said = (f"{_plural(r.devices, 'device')} joined; {r.contributing} of them sent "
            f"{', '.join(sent)}." if sent else
            f"{_plural(r.devices, 'device')} joined; nothing sent is kept.")
    blocks: list = [Heading(2, (Text(SECTION_TITLES["room"]),)), Paragraph((Text(said),)),
                    Remark("A device is one phone, not necessarily one person. Hidden and "
                           "unapproved contributions are not counted.")]
    if r.by_sector:
        blocks.append(Table(
            (Column("Sector", 3), Column("Devices", 1, True), Column("Ideas", 1, True),
             Column("Dots", 1, True), Column("Ratings", 1, True),
             Column("Poll answers", 1, True)),
            tuple(((Text(SECTOR_LABELS.get(s.sector, "Not given")),),
                   *((Text(str(n)),) for n in (s.devices, s.ideas, s.dots, s.ratings,
                                               s.answers)))
                  for s in r.by_sector),
        ))
    return Section("room", tuple(blocks))
