"""The programme report as a document (workshop.export.document blocks), written by the same
Markdown and HTML writers as a session's summary, with the same charts in HTML (maturity bars,
risk heat map). User text stays `User`/`Cut`: each writer makes control characters visible and
escapes it by its own rules.
"""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Any

from workshop.export.common import (
    HEAT_COLUMNS,
    HEAT_CORNER,
    HEAT_TITLE,
    LONG_TEXT,
    level,
    scale_legend,
)
from workshop.export.document import (
    Bar,
    BulletList,
    Chart,
    Column,
    Cut,
    Document,
    Due,
    Empty,
    Facts,
    FullTexts,
    Heading,
    HeatCell,
    Inline,
    Inlines,
    Notes,
    Remark,
    Section,
    Table,
    Text,
    User,
)
from workshop.kinds import REGISTRY
from workshop.kinds.model import Kind
from workshop.records import SECTOR_LABELS, SECTORS

from .consolidate import Programme, Row, SessionRef, part_order
from .sources import Findings

TITLE = "Programme report"
OPEN = ("open", "in progress")


def _h2(text: str) -> Heading:
    return Heading(2, (Text(text),))


@lru_cache(maxsize=4096)
def _u(text: Any) -> Inlines:
    """A cell of user text; the same cell is shared by every row that repeats it (blocks are
    never changed once built)."""
    return (User(str(text or "")),)


@lru_cache(maxsize=4096)
def _session(ref: SessionRef) -> Inlines:
    return (User(f"{ref.label} ({ref.date})" if ref.date else ref.label),)


def _long(text: str, *label: object) -> Inline:
    """Free text in a table cell: cut by the writer when long (its full text at the end, under
    the label joined from `label`), else plain user text (labels are only joined for long ones:
    a report has tens of thousands of cells)."""
    return Cut(text, "".join(map(str, label))) if len(text) > LONG_TEXT // 2 else User(text)


@lru_cache(maxsize=256)
def _word(value: str) -> Inlines:
    """A value the store's rules limit to our own words (a status, a priority, an outcome)."""
    return (Text(value),)


def overview(p: Programme, f: Findings) -> Section:
    refs = p.ordered_sessions()
    dates = [r.date for r in refs if r.date]
    cities = sorted({r.city for r in refs if r.city})
    pairs: list[tuple[str, Inlines]] = [("Sessions", (Text(str(len(refs))),))]
    if dates:
        pairs.append(("Dates", (Text(f"{dates[0]} to {dates[-1]}"),)))
    if cities:
        pairs.append(("Cities", tuple(x for i, c in enumerate(cities)
                                      for x in ((Text(", "),) if i else ()) + (User(c),))))
    blocks: list = [Heading(1, (Text(TITLE),)), Facts(tuple(pairs))]
    problems: list[Inlines] = []
    for sid, paths in f.conflicts:
        problems.append((Text("Conflict: session "), User(sid), Text(" was edited separately in "),
                         *(x for i, path in enumerate(paths)
                           for x in ((Text(" and "),) if i else ()) + (User(str(path)),)),
                         Text("; both copies are reported, each marked by its place.")))
    for sid, kept, dropped in f.duplicates:
        problems.append((Text("Same session "), User(sid), Text(" in "), User(str(kept)),
                         Text(" and "), User(str(dropped)), Text(": the newer copy, "),
                         User(str(kept)), Text(", is used.")))
    for u in f.unreadable:
        problems.append((Text("Not read: "), User(str(u.path)), Text(": "), User(u.reason)))
    if problems:
        blocks.append(BulletList(tuple(problems), caption="Sources"))
    return Section("overview", tuple(blocks), opening=0)


def _overdue(record: dict[str, Any], today: str) -> bool:
    return bool(record["due"]) and record["due"] < today and record["status"] in OPEN


def actions(p: Programme, today: str) -> Section:
    """Every open action, overdue first, then by owner and due date."""
    rows = [r for r in p.actions.values() if r.record["status"] in OPEN]
    head = [_h2("Open actions by owner and due date")]
    if not rows:
        return Section("actions", (*head, Empty("No open actions.")))
    rows.sort(key=lambda r: (not _overdue(r.record, today), r.record["owner"].casefold(),
                             r.record["due"] or "9999", r.session.order, r.record["no"]))
    table = Table(
        (Column("Owner", 2), Column("Due", 2), Column("Action", 5), Column("Status", 2),
         Column("Priority", 1), Column("Part", 1), Column("Session", 3)),
        tuple((_u(r.record["owner"]) if r.record["owner"] else (Text("no owner"),),
               (Due(r.record["due"], _overdue(r.record, today)),),
               (_long(r.record["title"], "Action #", r.record["no"], " of ", r.session.label),),
               _word(r.record["status"]), _word(r.record["priority"]), _u(r.record["part"]),
               _session(r.session)) for r in rows))
    overdue = sum(_overdue(r.record, today) for r in rows)
    return Section("actions", (*head, Remark(f"{len(rows)} open, {overdue} overdue (past due "
                                             f"on {today}). Overdue ones first."), table))


def decisions(p: Programme) -> Section:
    by_part: dict[str, list[Row]] = {}
    for row in p.decisions.values():
        by_part.setdefault(row.record["part"], []).append(row)
    blocks: list = [_h2("Decisions by part")]
    if not by_part:
        return Section("decisions", (*blocks, Empty("No decisions.")))
    for part in sorted(by_part, key=part_order):
        rows = sorted(by_part[part], key=lambda r: (r.session.order, r.record["no"]))
        blocks += [Heading(3, (Text("Part "), User(part or "no part", False))),
                   Table((Column("Session", 3), Column("Outcome", 1), Column("Decision", 5),
                          Column("Rationale", 4)),
                         tuple((_session(r.session), _word(r.record["outcome"]),
                                (_long(r.record["text"], "Decision #", r.record["no"],
                                       " of ", r.session.label),),
                                (_long(r.record["rationale"], "Decision #",
                                       r.record["no"], " of ", r.session.label, ", rationale"),))
                               for r in rows))]
    return Section("decisions", tuple(blocks))


def maturity(p: Programme) -> Section:
    """Parts by sessions in date order: the average current -> target of each, and bars of each
    part's latest ratings."""
    blocks: list = [_h2("Maturity by part and session"),
                    Remark(f"Scale: {scale_legend()}. Each cell: average current → target in "
                           "that session; sessions in date order.")]
    if not p.ratings:
        return Section("maturity", (*blocks, Empty("No ratings.")))
    rated = {ref for cells in p.ratings.values() for ref in cells}
    columns = [ref for ref in p.ordered_sessions() if ref in rated]
    bars = []
    rows = []
    for part in sorted(p.ratings, key=part_order):
        cells = p.ratings[part]
        row: list[Inlines] = [_u(part)]
        for ref in columns:
            if ref in cells:
                cur, tgt, n = cells[ref]
                row.append((Text(f"{level(cur / n)} → {level(tgt / n)}"),))
            else:
                row.append((Text("-"),))
        rows.append(tuple(row))
        cur, tgt, n = cells[max(cells, key=lambda r: r.order)]
        bars.append(Bar(part, part, cur / n, tgt / n, tgt / n - cur / n))
    blocks += [Chart("maturity", (), tuple(bars)),
               Remark("Bars: each part's latest ratings."),
               Table((Column("Part", 2), *(Column(ref.short, 1) for ref in columns)),
                     tuple(rows))]
    if any(ref.note for ref in columns):
        blocks.append(Remark("* a copy that diverged from another (see Sources)."))
    return Section("maturity", tuple(blocks))


def coverage(p: Programme) -> Section:
    blocks: list = [_h2("Stakeholder coverage by part and sector"),
                    Remark("Across all sessions: whether anyone of the sector took part in the "
                           "part (attended while it was covered, wrote a record on it, or was "
                           "engaged on it).")]
    never = p.never_present()
    if not never:
        return Section("coverage", (*blocks, Empty("No part covered yet.")))
    blocks.append(Table(
        (Column("Part", 2), *(Column(SECTOR_LABELS[s], 2) for s in SECTORS)),
        tuple((_u(part), *((Text("never" if s in missing else "yes"),) for s in SECTORS))
              for part, missing in never.items())))
    gaps = tuple((User(part, False), Text(": "),
                  Text(", ".join(SECTOR_LABELS[s] for s in missing)))
                 for part, missing in never.items() if missing)
    blocks.append(BulletList(gaps, caption="Never in the room") if gaps
                  else Remark("Every sector took part in every covered part."))
    return Section("coverage", tuple(blocks))


def risks(p: Programme) -> Section:
    blocks: list = [_h2("Risk register, merged")]
    if not p.risks:
        return Section("risks", (*blocks, Empty("No risks.")))
    tracks = sorted(p.risks.values(), key=lambda t: (
        -(t.latest.record["likelihood"] * t.latest.record["impact"]),
        t.latest.record["risk"], t.latest.record["title"]))
    cells: dict[tuple[int, int], list[str]] = {}
    rows = []
    for n, t in enumerate(tracks, 1):
        r = t.latest.record
        score = r["likelihood"] * r["impact"]
        if score:
            cells.setdefault((r["likelihood"], r["impact"]), []).append(f"R{n}")
        history = sorted(t.scores, key=lambda s: s[0].order)
        trend = "; ".join(f"{ref.short}: {lk * im}" for ref, lk, im in history) or "not rated"
        rows.append(((Text(f"R{n}"),),
                     ((User(r["risk"], False), Text(" ")) if r["risk"] else ())
                     + (_long(r["title"], "Risk R", n, ", title"),),
                     (Text(str(score or "-")),), (Text(trend),), _word(r["status"]),
                     (_long(r["mitigation"], "Risk R", n, ", mitigation"),),
                     _session(t.latest.session)))
    heat = Chart("heat", (HEAT_CORNER, *HEAT_COLUMNS), tuple(
        (f"Likelihood {lk}", tuple(HeatCell(lk * im, " ".join(cells.get((lk, im), [])))
                                   for im in range(1, 6)))
        for lk in range(5, 0, -1)))
    blocks += [Remark("The same risk: the same checklist risk in one city, or one risk carried "
                      "over from session to session. Score = likelihood x impact, latest first; "
                      "its score in each session by date."),
               Table((Column("No.", 1), Column("Risk", 5), Column("Score", 1, True),
                      Column("Score over time", 4), Column("Status", 2), Column("Mitigation", 4),
                      Column("Latest session", 3)), tuple(rows)),
               Heading(3, (Text(HEAT_TITLE),)), heat]
    return Section("risks", tuple(blocks))


def _declared_table(kind: Kind, rows: list[Row], columns: list[Any]) -> Table:
    """Rows of one kind in its declared register columns, then the session each came from."""

    def cell(r: Row, name: str, long: bool, sep: str) -> Inlines:
        value = r.record.get(name)
        text = sep.join(map(str, value)) if isinstance(value, list) else str(value or "")
        if long:
            return (_long(text, kind.label, " #", r.record["no"], " of ", r.session.label),)
        return _u(text)

    return Table(
        (*(Column(kind.header_of(c), c.weight) for c in columns), Column("Session", 3)),
        tuple((*(cell(r, c.field, c.long, c.sep) for c in columns), _session(r.session))
              for r in rows))


def benefits(p: Programme) -> Section:
    """Every benefit with its measure, in the benefit's declared columns (the ids of linked
    parts and actions, which mean nothing across sessions, are left out)."""
    blocks: list = [_h2("Benefits and their measures")]
    if not p.benefits:
        return Section("benefits", (*blocks, Empty("No benefits.")))
    rows = sorted(p.benefits.values(), key=lambda r: (r.record["title"].casefold(),
                                                      r.session.order))
    kind = REGISTRY["benefit"]
    columns = [c for c in kind.register_columns  # (a column empty in every row says nothing)
               if not c.names and any(r.record.get(c.field) for r in rows)]
    blocks.append(_declared_table(kind, rows, columns))
    return Section("benefits", tuple(blocks))


def open_items(p: Programme, kind: Kind) -> Section:
    """The items of a carried kind still open (kind.carry.still_open), e.g. the parking lot's
    unanswered questions, in its register's columns."""
    assert kind.carry is not None
    offer = kind.carry.offer
    title = f"{kind.section}: {offer[:1].lower()}{offer[1:]}"
    rows = [r for r in p.open_items.get(kind.name, {}).values() if kind.carry.still_open(r.record)]
    blocks: list = [_h2(title)]
    if not rows:
        return Section(kind.name, (*blocks, Empty(f"No {offer.lower()}.")))
    rows.sort(key=lambda r: (r.session.order, r.record["no"]))
    # a column empty in every open item says nothing (the answer of unanswered questions)
    columns = [c for c in kind.register_columns if any(r.record.get(c.field) for r in rows)]
    blocks.append(_declared_table(kind, rows, columns))
    return Section(kind.name, tuple(blocks))


def document(p: Programme, findings: Findings, today: _dt.date | None = None) -> Document:
    day = (today or _dt.date.today()).isoformat()
    sections = [overview(p, findings), actions(p, day), decisions(p), maturity(p), coverage(p),
                risks(p), benefits(p), *(open_items(p, k) for k in p.generic_kinds())]
    sections.append(Section("end", (FullTexts(), Notes((
        f"Made by workshop report on {day} from {len(p.sessions)} session(s).",)))))
    return Document(TITLE, tuple(sections))
