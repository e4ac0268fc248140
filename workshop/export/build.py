"""Summary -> document blocks (workshop.export.document), built once for every format.

Each function gives one section of the summary; `document` gives them all, in order. What a
section says, in which order and in which table column is decided here; how it looks is each
renderer's business (markdown.py, html.py, docx_export.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from workshop.export.build_room import room
from workshop.export.common import (
    HEAT_COLUMNS,
    HEAT_CORNER,
    HEAT_TITLE,
    SECTION_TITLES,
    counts_text,
    gap,
    heat_rows,
    level,
    minutes,
    scale_legend,
)
from workshop.export.document import (
    Answers,
    Aside,
    Bar,
    BulletList,
    Chart,
    Column,
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
    HeatCell,
    Inlines,
    Lead,
    Missing,
    NestedList,
    Notes,
    Origin,
    Overdue,
    Paren,
    Ranking,
    Remark,
    Section,
    Strong,
    Table,
    Text,
    User,
    Votes,
)
from workshop.kinds import REGISTRY
from workshop.records import SECTOR_LABELS
from workshop.summary import Register, Summary, collector_paused, dots_text


def _joined(texts: Iterable[str], sep: str, isolate: bool = True) -> Inlines:
    """User texts separated by our `sep` ("a; b"): each stays its own piece of user text."""
    out: list = []
    for i, text in enumerate(texts):
        if i:
            out.append(Text(sep))
        out.append(User(text, isolate))
    return tuple(out)


def _number(value: int) -> Inlines:
    return (Text(str(value or "-")),)


def title(summary: Summary) -> Section:
    """The title, the session's facts, who attended (by sector), and the session at a glance."""
    t = summary.title
    blocks: list = [
        Heading(1, (User(t.title),) if t.title else (Text("Workshop summary"),)),
        Facts(tuple((label, (User(value),)) for label, value in (
            ("City", t.city), ("Date", t.date), ("Venue", t.venue),
            ("Facilitator", t.facilitator), ("Purpose", t.purpose)) if value)),
        Heading(3, (Text(f"Attendees ({summary.attendee_count})"),)),
    ]
    groups = []
    for g in summary.attendees:
        who: list = []
        if summary.options.no_names:
            for org, n in g.organisations:
                who += [Text("; ")] if who else []
                who += [User(org) if org else Text("organisation not given"), Text(f" ({n})")]
        else:
            for a in g.attendees:
                who += [Text("; ")] if who else []
                who.append(User(a.name))
                if a.organisation or a.role:
                    who += [Text(" ("), *_joined((x for x in (a.organisation, a.role) if x), ", "),
                            Text(")")]
        groups.append((g.label, g.count, tuple(who)))
    blocks.append(Groups(tuple(groups)) if groups else Empty("No attendees recorded."))
    g = summary.glance
    blocks += [
        Heading(2, (Text(SECTION_TITLES["glance"]),)),
        BulletList((
            (Strong("Parts covered:"), Text(f" {g.parts_covered} of {g.parts_planned} planned")),
            (Strong("Time:"), Text(f" {minutes(g.seconds_spent)} spent of {g.minutes_planned} "
                                   "min planned")),
            (Strong("Recorded:"), Text(" " + counts_text(g.counts))),
        )),
    ]
    if g.top_voted:
        blocks.append(Ranking("Top-voted recommendations and ideas", tuple(
            (User(v.label), Paren((User(v.context, False),)), Text(f": {v.dots_text}"))
            for v in g.top_voted)))
    return Section("title", tuple(blocks), opening=0)


def actions(summary: Summary) -> Section:
    """The agreed actions (all actions with --all): one row each, long text cut."""
    title = SECTION_TITLES["actions_all" if summary.options.include_all else "actions"]
    blocks: list = [Heading(2, (Text(title),))]
    if not summary.actions:
        return Section("actions", (*blocks, Empty("No actions.")))
    rows = []
    for a in summary.actions:
        action: list = [Lead(Cut(a.title, f"Action #{a.no}, title"))]
        if a.description:
            action.append(Aside(Cut(a.description, f"Action #{a.no}, description", a.source_at)))
        if a.carried_from:
            action.append(Origin(a.carried_from))
        status: Inlines = (User(a.status, False),)
        if a.status_note:
            status += (Text(": "), Cut(a.status_note, f"Action #{a.no}, status note"))
        rows.append((
            (Text(f"#{a.no}"),), tuple(action), (User(a.owner),),
            (User(a.due, False), *((Overdue(),) if a.overdue else ())),
            (User(a.priority, False),), status,
            (User(a.where.part_label, False),), (User(a.where.rec_label, False),),
        ))
    blocks.append(Table(
        (Column("No.", 1, True), Column("Action", 6), Column("Owner", 2), Column("Due", 2),
         Column("Priority", 1), Column("Status", 3), Column("Part", 2),
         Column("Recommendation", 3)),
        tuple(rows),
    ))
    return Section("actions", tuple(blocks))


def decisions(summary: Summary) -> Section:
    """Decisions by part: outcome, what was decided, why, and the actions made from it."""
    blocks: list = [Heading(2, (Text(SECTION_TITLES["decisions"]),))]
    if not summary.decisions:
        blocks.append(Empty("No decisions."))
    for part in summary.decisions:
        entries = []
        for x in part.decisions:
            extras = []
            if x.rationale:
                extras.append(("Rationale", (User(x.rationale),)))
            if x.actions:
                extras.append(("Actions", _joined(x.actions, "; ")))
            entries.append(Entry(
                x.outcome, x.no, (User(x.where.rec_label, False),) if x.where.rec else (),
                (User(x.text),), tuple(extras), tag=True))
        blocks.append(EntryList(Heading(3, (User(part.where.part_label, False),)),
                                tuple(entries)))
    return Section("decisions", tuple(blocks))


def _distribution(r) -> str:
    """E.g. "now 0/2/1/0/0 (spread 0.5), target 0/0/1/2/0 (spread 0.5); views differ widely"."""
    def side(counts: tuple[int, ...], spread: float) -> str:
        return f"{'/'.join(map(str, counts))} (spread {spread:.1f})"

    text = (f"now {side(r.now_counts, r.now_spread)}, "
            f"target {side(r.target_counts, r.target_spread)}")
    return text + ("; views differ widely" if r.dissent else "")


def maturity(summary: Summary) -> Section:
    """Maturity: current and target per part and per recommendation, largest gaps first."""
    m = summary.maturity
    blocks: list = [Heading(2, (Text(SECTION_TITLES["maturity"]),)),
                    Remark(f"Scale: {scale_legend()}. Largest gaps first.")]
    if m.parts:
        blocks += [
            Chart("maturity", (), tuple(
                Bar(r.where.part, r.where.part_label, r.current, r.target, r.gap)
                for r in m.parts)),
            Heading(3, (Text("By part"),)),
            Table(
                (Column("Part", 4), Column("Current", 3), Column("Target", 3),
                 Column("Gap", 1, True), Column("Ratings", 1, True)),
                tuple(((User(r.where.part_label, False),),
                       (Text(f"{level(r.current)} {r.current_name}"),),
                       (Text(f"{level(r.target)} {r.target_name}"),),
                       (Text(gap(r.gap)),), (Text(str(r.ratings)),)) for r in m.parts),
            ),
        ]
    else:
        blocks.append(Empty("No ratings."))
    if m.recommendations:
        blocks += [
            Heading(3, (Text("By recommendation"),)),
            Table(
                (Column("Recommendation", 4), Column("Part", 3), Column("Current", 1, True),
                 Column("Target", 1, True), Column("Gap", 1, True), Column("Ratings", 1, True)),
                tuple(((User(r.where.rec_label, False),), (User(r.where.part_label, False),),
                       (Text(level(r.current)),), (Text(level(r.target)),), (Text(gap(r.gap)),),
                       (Text(str(r.ratings)),)) for r in m.recommendations),
            ),
        ]
    spreads = tuple(
        (User(r.where.rec_label, False), Text(": " + _distribution(r)))
        for r in m.recommendations if r.ratings >= 2)
    if spreads:
        blocks.append(BulletList(spreads, caption="Spread of the ratings (answers per level 1-5)"))
    comments = tuple((User(r.where.rec or r.where.part, False), Text(": "), User(c))
                     for r in (*m.parts, *m.recommendations) for c in r.comments)
    if comments:
        blocks.append(BulletList(comments, caption="Comments"))
    return Section("maturity", tuple(blocks))


def discussion(summary: Summary) -> Section:
    """Notes and ideas by part and recommendation, most dots first, with the dots given to each
    recommendation itself."""
    blocks: list = [Heading(2, (Text(SECTION_TITLES["discussion"]),))]
    if not summary.discussion:
        blocks.append(Empty("No notes or ideas."))
    for part in summary.discussion:
        blocks.append(Heading(3, (User(part.where.part_label, False),
                                  Paren((Text(minutes(part.seconds_spent)),)))))
        for grp in part.groups:
            entries: list = []
            if grp.dots:
                entries.append(Votes(grp.dots_text, grp.voters))
            for c in grp.items:
                about: list = [Text(dots_text(c.votes))] if c.votes else []
                if c.author:
                    about += [Text(", "), User(c.author)] if about else [User(c.author)]
                if c.via == "room":  # the contribution's origin: a participant's phone
                    about += [Text(", from the room")] if about else [Text("from the room")]
                entries.append(Entry(c.kind, c.no, tuple(about), (User(c.text),)))
            title = (User(grp.where.rec_label, False) if grp.where.rec
                     else Text("The part as a whole"))
            blocks.append(EntryList(Heading(4, (title,)), tuple(entries)))
    return Section("discussion", tuple(blocks))


def engagement(summary: Summary) -> Section | None:
    """Stakeholder engagement: the register, the engagement decisions, parts x sectors."""
    en = summary.engagement
    if not en.present:
        return None
    blocks: list = [
        Heading(2, (Text(SECTION_TITLES["engagement"]),)),
        Heading(3, (Text("Stakeholder register"),)),
        Table(
            (Column("Stakeholder", 3), Column("Kind", 2), Column("Organisation", 3),
             Column("Sector", 2), Column("Role", 2), Column("Interest", 2),
             Column("Influence", 2), Column("Attended", 1)),
            tuple(
                ((User(s.name),) if s.name else
                 (Missing("name left out"),) if s.kind == "person" else (),
                 (User(s.kind, False),), (User(s.organisation),), (User(s.sector_label, False),),
                 (User(s.role),), (User(s.interest, False),), (User(s.influence, False),),
                 (Text("yes" if s.attended else "no"),))
                for s in en.stakeholders
            ),
        ),
        Heading(3, (Text("Engagement decisions"),)),
    ]
    if en.decisions:
        blocks.append(Table(
            (Column("No.", 1, True), Column("About", 3), Column("Stakeholders", 3),
             Column("Level", 2), Column("Channels", 2), Column("By", 2), Column("Owner", 2),
             Column("Loop closed", 1), Column("What", 5)),
            tuple(
                ((Text(f"#{x.no}"),), (User(x.where.rec_label or x.where.part_label, False),),
                 _joined(x.stakeholders, "; "), (User(x.level, False),),
                 _joined(x.channels, ", "),
                 (User(x.due, False), *((Overdue(),) if x.overdue else ())),
                 (User(x.owner),), (Text("yes" if x.loop_closed else "no"),),
                 (Cut(x.text, f"Engagement decision #{x.no}"),))
                for x in en.decisions
            ),
        ))
    else:
        blocks.append(Empty("No engagement decisions."))
    if en.coverage:
        blocks += [
            Heading(3, (Text("Coverage: parts x sectors"),)),
            Remark("People of each sector present for each part covered: attendees, authors of "
                   "records and stakeholders engaged on it (carried-over records do not count)."),
            Table(
                (Column("Part", 4),
                 *(Column(SECTOR_LABELS[s], 1, True) for s in en.sectors),
                 Column("Absent", 3)),
                tuple(
                    ((User(r.where.part_label, False),), *((Text(str(n)),) for n in r.counts),
                     (Text(", ".join(SECTOR_LABELS[s] for s in r.absent) or "none"),))
                    for r in en.coverage
                ),
            ),
        ]
    return Section("engagement", tuple(blocks))


def risks(summary: Summary) -> Section | None:
    """Key risks: the register, the heat map, the answers to the checklist questions."""
    r = summary.risks
    if not r.rows:
        return None
    table = Table(
        (Column("No.", 1, True), Column("Risk", 5), Column("Likelihood", 2, True),
         Column("Impact", 2, True), Column("Score", 2, True), Column("Status", 2),
         Column("Mitigation", 5), Column("Actions", 4)),
        tuple(
            ((Text(f"#{x.no}"),),
             ((User(x.risk, False), Text(" ")) if x.risk else ())
             + (Cut(x.title, f"Risk #{x.no}, title"),),
             _number(x.likelihood), _number(x.impact), _number(x.score),
             (User(x.status, False),),
             (Cut(x.mitigation, f"Risk #{x.no}, mitigation"),),
             _joined(x.actions, "; "))
            for x in r.rows
        ),
    )
    heat = Chart("heat", (HEAT_CORNER, *HEAT_COLUMNS), tuple(
        (label, tuple(HeatCell(score, text) for score, text in cells))
        for _, label, cells in heat_rows(r)
    ))
    blocks: list = [Heading(2, (Text(SECTION_TITLES["risks"]),)), table,
                    Heading(3, (Text(HEAT_TITLE),)), heat]
    answered = tuple(((Text(f"#{x.no} "), User(x.title)), tuple(x.answers))
                     for x in r.rows if x.answers)
    if answered:
        blocks.append(Answers("Answers to the checklist questions", answered))
    return Section("risks", tuple(blocks))


class _Shape(NamedTuple):
    """How one declared column's cells are written."""

    sep: str  # between a list's items
    isolate: bool  # free text (bidi-isolated); a date, a choice or a part label is not
    listed: bool  # a list field: each item its own piece of user text
    cut: str  # a long text's word in "Benefit #3, target"; "" when never cut

    def cell(self, label: str, no: int, texts: tuple[str, ...]) -> Inlines:
        if self.listed:
            return _joined(texts, self.sep, self.isolate)
        text = self.sep.join(texts)
        if self.cut:
            return (Cut(text, f"{label} #{no}, {self.cut}"),)
        return (User(text, self.isolate),)


def register(reg: Register) -> Section | None:
    """A register laid out from its kind's columns (workshop/kinds/model.Column), e.g. the
    benefits register: a numbered row per record, under the kind's section title."""
    if not reg.rows:
        return None
    kind = reg.kind
    rules = kind.rules
    shapes = []
    for c in reg.columns:
        rule = rules.get(c.field)
        plain = c.names == "parts" or (rule is not None and (rule.form == "date"
                                                            or rule.choices is not None))
        shapes.append(_Shape(c.sep, not plain, rule is not None and rule.type is list,
                             kind.word_of(c.field) if c.long else ""))
    table = Table(
        (Column("No.", 1, True), *(Column(kind.header_of(c), c.weight) for c in reg.columns)),
        tuple(((Text(f"#{row.no}"),),
               *(shape.cell(kind.label, row.no, texts)
                 for shape, texts in zip(shapes, row.cells, strict=True)))
              for row in reg.rows),
    )
    return Section(reg.name, (Heading(2, (Text(kind.section),)), table))


def next_steps(summary: Summary) -> Section:
    """Next steps: open actions by owner, parts not yet covered; then the full text of long
    entries and the closing notes."""
    ns = summary.next_steps
    blocks: list = [Heading(2, (Text(SECTION_TITLES["next"]),)),
                    Heading(3, (Text("Open actions by owner"),))]
    if ns.by_owner:
        blocks.append(NestedList(tuple(
            ((User(owner.owner),) if owner.owner else (Text("No owner yet"),),
             tuple((Text(f"#{a.no} "), User(a.title), Text(" ("), Due(a.due, a.overdue),
                    Text(")")) for a in owner.actions))
            for owner in ns.by_owner
        )))
    else:
        blocks.append(Empty("No open actions."))
    blocks.append(Heading(3, (Text("Parts not yet covered"),)))
    if ns.uncovered:
        blocks.append(BulletList(tuple((User(w.part_label, False),) for w in ns.uncovered)))
    else:
        blocks.append(Empty("Every planned part was covered."))
    blocks += [FullTexts(), Notes(tuple(summary.notes))]
    return Section("next", tuple(blocks), opening=2)


# The hand-made sections in document order, each at the register rank of the kind it shows
# (workshop/kinds/): a register laid out from its kind's columns comes after the hand-made
# sections of lower rank, before next steps. A register with no entries (engagement, risks,
# benefits...) has no section. A new hand-made section is one function here and nothing in the
# renderers, unless it needs a new kind of block.
SECTIONS = ((title, -1), (actions, REGISTRY["action"].register_rank),
            (decisions, REGISTRY["decision"].register_rank),
            (maturity, REGISTRY["rating"].register_rank),
            (discussion, REGISTRY["note"].register_rank),
            (room, REGISTRY["note"].register_rank),
            (engagement, REGISTRY["engagement"].register_rank),
            (risks, REGISTRY["risk"].register_rank))


def sections(summary: Summary) -> tuple[Section, ...]:
    """The sections this summary has, in order: the hand-made ones and the declared registers
    merged by rank (a tie goes to the hand-made section), then next steps."""
    made = [(rank, 0, i, lambda build=build: build(summary))
            for i, (build, rank) in enumerate(SECTIONS)]
    made += [(reg.kind.register_rank, 1, i, lambda reg=reg: register(reg))
             for i, reg in enumerate(summary.registers)]
    ordered = [build() for *_, build in sorted(made, key=lambda m: m[:3])]
    ordered.append(next_steps(summary))
    return tuple(s for s in ordered if s is not None)


def document(summary: Summary) -> Document:
    """The summary as one document, every format's source. Its thousands of small blocks make
    no reference cycles: the cyclic collector waits (summary.collector_paused)."""
    with collector_paused():
        return Document(summary.title.title, sections(summary))


__all__ = [
    "SECTIONS", "actions", "decisions", "discussion", "document", "engagement",
    "maturity", "next_steps", "register", "risks", "sections", "title",
]
