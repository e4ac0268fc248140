"""The session summary: one structure that every export format renders.

`build_summary(snapshot, guide, options)` turns a session snapshot (format: `workshop.records`) and
the guide into frozen dataclasses, in the order the summary is read: title block, at a glance,
agreed actions, decisions by part, maturity, discussion per part, stakeholder engagement, risks,
benefits, next steps. Renderers only format; every choice about what is in the summary is made here,
so Markdown, HTML and Word can never disagree.

Choices where the brief was silent (documented for the facilitator in the export's footer notes):
- By default only agreed decisions are listed, and an action created from a parked or rejected
  decision is left out; `include_all` lists everything.
- `no_names` replaces every field that holds a person, whatever was typed there (the rule and
  the list of fields are in `workshop.summary_people`): participants are counted per sector and
  organisation, a participant named as owner, author, voter or stakeholder becomes their
  organisation, anyone else a numbered label ("Owner 1"). Names typed inside free text (a note
  that names someone) cannot be detected and stay.
- "Actions by owner" groups one person however their name was typed (`People.group`).
- Several ratings of the same part or recommendation (one per table group) are averaged. A part's
  maturity is its part-level rating; a part rated only per recommendation uses their mean.
- An action is overdue when its due date is before `today` and it is open or in progress.

Nothing here imports Textual or TinyDB.
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workshop.coverage import covered_parts as _covered_parts
from workshop.guide.model import Guide, display_part_id
from workshop.records import (
    KIND_LABELS,
    KINDS,
    LEVELS_LMH,
    SECTOR_LABELS,
    SECTORS,
    maturity_level,
)
from workshop.summary_people import Anonymiser, People

OPEN_STATUSES = ("open", "in progress")
TOP_VOTED = 5
HIDDEN_NAME = "participant"


# ---------------------------------------------------------------------------------------------
# the structure
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryOptions:
    include_all: bool = False  # parked and rejected decisions and their actions too
    no_names: bool = False  # leave people's names out, for publishing
    today: _dt.date | None = None  # for "overdue"; None = the real today

    @property
    def day(self) -> _dt.date:
        return self.today or _dt.date.today()


@dataclass(frozen=True)
class TitleBlock:
    session_id: str
    title: str
    city: str
    date: str
    venue: str
    facilitator: str
    purpose: str
    status: str


@dataclass(frozen=True)
class Attendee:
    name: str  # "" when names are left out
    organisation: str
    role: str
    kind: str


@dataclass(frozen=True)
class SectorGroup:
    sector: str
    label: str
    attendees: tuple[Attendee, ...]
    organisations: tuple[tuple[str, int], ...]  # (organisation, number of attendees), by name

    @property
    def count(self) -> int:
        return len(self.attendees)


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Where:
    """The part and recommendation a record is about, with their titles from the guide."""

    part: str
    part_title: str
    rec: str
    rec_title: str

    @property
    def part_label(self) -> str:
        shown = display_part_id(self.part)
        return f"{shown} {self.part_title}".strip() if self.part_title else shown

    @property
    def rec_label(self) -> str:
        if not self.rec:
            return ""
        return f"{self.rec} {self.rec_title}".strip() if self.rec_title else self.rec


@dataclass(frozen=True)
class VotedRecommendation:
    """A recommendation, or an idea (idea_no > 0), with the dots the room gave it."""

    where: Where
    dots: int
    idea_no: int = 0
    idea: str = ""

    @property
    def dots_text(self) -> str:
        return dots_text(self.dots)

    @property
    def label(self) -> str:
        """What got the dots: "Idea 3: text", or the recommendation's label."""
        return f"Idea {self.idea_no}: {self.idea}" if self.idea_no else self.where.rec_label

    @property
    def context(self) -> str:
        """Where it sits, shown after the label: the part, and for an idea its recommendation."""
        if not self.idea_no:
            return self.where.part_label
        return ", ".join(x for x in (self.where.rec_label, self.where.part_label) if x)


@dataclass(frozen=True)
class Glance:
    parts_planned: int
    parts_covered: int
    minutes_planned: int
    seconds_spent: int
    counts: tuple[KindCount, ...]
    top_voted: tuple[VotedRecommendation, ...]

    @property
    def minutes_spent(self) -> int:
        return round(self.seconds_spent / 60)


@dataclass(frozen=True)
class ActionRow:
    id: str
    no: int
    title: str
    description: str
    owner: str
    due: str
    priority: str
    status: str
    status_note: str
    where: Where
    overdue: bool
    source: str  # "decision #2: ..." when created from another record, else ""
    carried_from: str  # title of the session it was carried over from, else ""
    labels: tuple[str, ...]
    # Where the full text of the note, idea or decision it was made from stands in this summary
    # ("Discussion by part, note #4") when its description repeats that text, else "".
    source_at: str = ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True)
class DecisionRow:
    id: str
    no: int
    outcome: str
    text: str
    rationale: str
    author: str
    where: Where
    actions: tuple[str, ...]  # "#3 Title" of the actions created from it


@dataclass(frozen=True)
class PartDecisions:
    where: Where  # rec fields empty
    decisions: tuple[DecisionRow, ...]


@dataclass(frozen=True)
class MaturityRow:
    where: Where
    current: float
    target: float
    ratings: int  # how many ratings were averaged
    comments: tuple[str, ...]

    @property
    def gap(self) -> float:
        return round(self.target - self.current, 1)

    @property
    def current_name(self) -> str:
        return maturity_level(max(1, min(5, round(self.current)))).name

    @property
    def target_name(self) -> str:
        return maturity_level(max(1, min(5, round(self.target)))).name


@dataclass(frozen=True)
class Maturity:
    parts: tuple[MaturityRow, ...]  # largest gap first
    recommendations: tuple[MaturityRow, ...]  # largest gap first


@dataclass(frozen=True)
class Contribution:
    id: str
    no: int
    kind: str  # note | idea
    text: str
    author: str
    votes: int


def dots_text(dots: int) -> str:
    """ "1 dot" / "3 dots": votes are dots, and one voter may give several."""
    return f"{dots} dot{'s' if dots != 1 else ''}"


@dataclass(frozen=True)
class RecommendationGroup:
    where: Where  # rec "" = about the part as a whole
    items: tuple[Contribution, ...]  # most votes first
    dots: int = 0  # dots given to the recommendation itself (not to its ideas)
    voters: tuple[str, ...] = ()  # who gave them, as names may appear in this summary

    @property
    def dots_text(self) -> str:
        return dots_text(self.dots)


@dataclass(frozen=True)
class PartDiscussion:
    where: Where
    seconds_spent: int
    groups: tuple[RecommendationGroup, ...]

    @property
    def minutes_spent(self) -> int:
        return round(self.seconds_spent / 60)


@dataclass(frozen=True)
class StakeholderRow:
    id: str
    name: str
    kind: str
    organisation: str
    sector: str
    sector_label: str
    role: str
    interest: str
    influence: str
    attended: bool


@dataclass(frozen=True)
class EngagementRow:
    id: str
    no: int
    where: Where
    stakeholders: tuple[str, ...]
    level: str
    channels: tuple[str, ...]
    due: str
    owner: str
    loop_closed: bool
    text: str
    overdue: bool


@dataclass(frozen=True)
class CoverageRow:
    where: Where
    counts: tuple[int, ...]  # participants per sector, in SECTORS order

    @property
    def absent(self) -> tuple[str, ...]:
        return tuple(s for s, n in zip(SECTORS, self.counts, strict=True) if n == 0)


@dataclass(frozen=True)
class Engagement:
    stakeholders: tuple[StakeholderRow, ...]
    decisions: tuple[EngagementRow, ...]
    coverage: tuple[CoverageRow, ...]
    sectors: tuple[str, ...] = SECTORS

    @property
    def present(self) -> bool:
        return bool(self.decisions) or any(s.interest or s.influence for s in self.stakeholders)


def risk_is_draft(record: Mapping[str, Any]) -> bool:
    """A risk record without both likelihood and impact: a draft, counted nowhere until rated
    (the checklist saves half-answered risks so nothing typed is lost)."""
    return record.get("kind") == "risk" and not (
        _int(record.get("likelihood")) > 0 and _int(record.get("impact")) > 0)


@dataclass(frozen=True)
class RiskRow:
    id: str
    no: int
    risk: str  # Annex B risk id, "" for the city's own
    title: str
    likelihood: int  # 0 = not rated
    impact: int
    status: str
    mitigation: str
    answers: tuple[tuple[str, str], ...]
    where: Where
    actions: tuple[str, ...]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rated(self) -> bool:
        return self.likelihood > 0 and self.impact > 0


@dataclass(frozen=True)
class Risks:
    rows: tuple[RiskRow, ...]  # highest score first
    heat: tuple[tuple[tuple[int, ...], ...], ...]  # heat[likelihood-1][impact-1] = risk numbers

    def cell(self, likelihood: int, impact: int) -> tuple[int, ...]:
        return self.heat[likelihood - 1][impact - 1]


@dataclass(frozen=True)
class BenefitRow:
    id: str
    no: int
    title: str
    beneficiaries: tuple[str, ...]
    measure: str
    baseline: str
    target_value: str
    due: str
    owner: str
    where: Where
    parts: tuple[str, ...]  # "B3 Collaborative engagement"
    actions: tuple[str, ...]  # "#3 Title"


@dataclass(frozen=True)
class OwnerActions:
    owner: str  # "" = no owner yet
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class NextSteps:
    by_owner: tuple[OwnerActions, ...]
    uncovered: tuple[Where, ...]


@dataclass(frozen=True)
class Summary:
    options: SummaryOptions
    title: TitleBlock
    attendees: tuple[SectorGroup, ...]
    glance: Glance
    actions: tuple[ActionRow, ...]
    decisions: tuple[PartDecisions, ...]
    maturity: Maturity
    discussion: tuple[PartDiscussion, ...]
    engagement: Engagement
    risks: Risks
    benefits: tuple[BenefitRow, ...]
    next_steps: NextSteps
    notes: tuple[str, ...] = field(default=())  # how to read this summary (options applied)

    @property
    def attendee_count(self) -> int:
        return sum(g.count for g in self.attendees)


# ---------------------------------------------------------------------------------------------
# building it
# ---------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


class _Builder:
    def __init__(self, snapshot: Mapping[str, Any], guide: Guide, options: SummaryOptions) -> None:
        self.snapshot = snapshot
        self.guide = guide
        self.options = options
        self.today = options.day.isoformat()
        self.meta: Mapping[str, Any] = snapshot.get("session") or {}
        self.agenda: list[Mapping[str, Any]] = [
            a for a in snapshot.get("agenda") or [] if isinstance(a, Mapping)
        ]
        self.participants: list[Mapping[str, Any]] = [
            p for p in snapshot.get("participants") or [] if isinstance(p, Mapping)
        ]
        self.records: list[Mapping[str, Any]] = [
            r for r in snapshot.get("records") or [] if isinstance(r, Mapping)
        ]
        self.people = People(self.participants, _text(self.meta.get("facilitator")))
        if options.no_names:  # once, here: every renderer then only sees the public form
            anonymiser = Anonymiser(self.people)
            self.records = [anonymiser.record(r) for r in self.records]
        self.by_id = {_text(r.get("id")): r for r in self.records}
        self.by_kind: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in self.records:
            self.by_kind[_text(r.get("kind"))].append(r)
        self.people_by_key: dict[str, Mapping[str, Any]] = {}
        for p in self.participants:
            self.people_by_key[_text(p.get("id"))] = p
            name = _text(p.get("name")).strip().casefold()
            if name:
                self.people_by_key.setdefault(name, p)
        self._order = self._part_order()
        self.votes = self._vote_totals()

    # -- lookups --------------------------------------------------------------------------------

    def _part_order(self) -> dict[str, int]:
        order: dict[str, int] = {}
        for item in self.agenda:
            order.setdefault(_text(item.get("part")), len(order))
        for part in self.guide.parts:
            order.setdefault(part.id, len(order))
        return order

    def part_key(self, part_id: str) -> tuple[int, str]:
        return (self._order.get(part_id, len(self._order)), part_id)

    def where(self, part_id: str, rec_id: str = "") -> Where:
        part_title = rec_title = ""
        if self.guide.has_part(part_id):
            part = self.guide.part(part_id)
            part_title = part.title
            rec = part.recommendation(rec_id) if rec_id else None
            if rec is None and rec_id:
                rec = self.guide.recommendation(rec_id)
            rec_title = self.guide.marked_title(rec) if rec else ""  # "(facilitation guidance)"
        elif rec_id:
            rec = self.guide.recommendation(rec_id)
            rec_title = self.guide.marked_title(rec) if rec else ""
        return Where(part_id, part_title, rec_id, rec_title)

    def record_where(self, record: Mapping[str, Any]) -> Where:
        return self.where(_text(record.get("part")), _text(record.get("rec")))

    def person(self, text: str) -> str:
        """A name as it appears in this summary: a participant id becomes the name. With no_names
        the records already hold the public form (see __init__)."""
        if not text or self.options.no_names:
            return text
        p = self.people_by_key.get(text) or self.people_by_key.get(text.strip().casefold())
        return text if p is None else _text(p.get("name")) or text

    def author(self, text: str) -> str:
        """Authors are people or table groups; with no_names a participant author is hidden."""
        return self.person(text)

    def stakeholder_label(self, pid: str) -> str:
        p = self.people_by_key.get(pid)
        if p is None:
            return pid
        name = _text(p.get("name"))
        org = _text(p.get("organisation"))
        if _text(p.get("kind")) in ("organisation", "group"):
            return name or org
        if self.options.no_names:
            return org or HIDDEN_NAME
        return f"{name} ({org})" if name and org else name or org

    def _vote_totals(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for v in self.by_kind.get("vote", []):
            target = _text(v.get("target"))
            if target:
                totals[target] += max(0, _int(v.get("dots")))
        return totals

    def overdue(self, due: str, status_open: bool) -> bool:
        return bool(due) and status_open and due < self.today

    def record_ref(self, record: Mapping[str, Any]) -> str:
        kind = _text(record.get("kind"))
        title = _text(record.get("title") or record.get("text"))
        if not title and kind == "risk":
            guide_risk = next((r for r in self.guide.risks if r.id == record.get("risk")), None)
            title = guide_risk.title if guide_risk else ""
        label = KIND_LABELS.get(kind, kind).lower()
        number = _int(record.get("no"))
        return f"{label} #{number}: {title}" if title else f"{label} #{number}"

    # -- sections -------------------------------------------------------------------------------

    def title_block(self) -> TitleBlock:
        m = self.meta
        return TitleBlock(
            session_id=_text(m.get("id")),
            title=_text(m.get("title")),
            city=_text(m.get("city")),
            date=_text(m.get("date")),
            venue=_text(m.get("venue")),
            facilitator="" if self.options.no_names else _text(m.get("facilitator")),
            purpose=_text(m.get("purpose")),
            status=_text(m.get("status")),
        )

    def attendees(self) -> tuple[SectorGroup, ...]:
        grouped: dict[str, list[Attendee]] = defaultdict(list)
        for p in self.participants:
            if not p.get("attended"):
                continue
            kind = _text(p.get("kind")) or "person"
            hide = self.options.no_names and kind == "person"
            org = _text(p.get("organisation"))
            if org == _text(p.get("name")) and kind != "person":
                org = ""  # "Chamber of Commerce (Chamber of Commerce)" says nothing twice
            grouped[_text(p.get("sector"))].append(
                Attendee(
                    name="" if hide else _text(p.get("name")),
                    organisation=org,
                    role=_text(p.get("role")),
                    kind=kind,
                )
            )
        sectors = [s for s in SECTORS if s in grouped]
        sectors += sorted(s for s in grouped if s not in SECTORS)
        groups = []
        for s in sectors:
            people = grouped[s]
            orgs: dict[str, int] = defaultdict(int)
            for a in people:
                orgs[a.organisation or (a.name if a.kind != "person" else "")] += 1
            groups.append(
                SectorGroup(
                    sector=s,
                    label=SECTOR_LABELS.get(s, s or "Sector not given"),
                    attendees=tuple(people),
                    organisations=tuple(sorted(orgs.items(), key=lambda kv: kv[0].casefold())),
                )
            )
        return tuple(groups)

    def covered_parts(self) -> set[str]:
        """Time spent or something new recorded (carried-over records don't count)."""
        return _covered_parts(self.agenda, self.records)

    def glance(self) -> Glance:
        planned = [_text(a.get("part")) for a in self.agenda]
        covered = self.covered_parts()
        counts = tuple(
            KindCount(k, KIND_LABELS[k], len([r for r in self.by_kind.get(k, [])
                                               if not risk_is_draft(r)]))
            for k in KINDS
        )
        # Dots on an idea rank the idea (labelled as such), never its recommendation.
        dots: dict[tuple[str, str, str], int] = defaultdict(int)
        for v in self.by_kind.get("vote", []):
            part, rec = _text(v.get("part")), _text(v.get("rec"))
            idea = self.by_id.get(_text(v.get("target")))
            if idea is not None:
                key = (_text(idea.get("part")) or part, _text(idea.get("rec")), _text(idea["id"]))
            elif rec:
                key = (part, rec, "")
            else:
                continue
            dots[key] += max(0, _int(v.get("dots")))
        top = sorted(dots.items(),
                     key=lambda kv: (-kv[1], self.part_key(kv[0][0]), kv[0][1], kv[0][2]))
        return Glance(
            parts_planned=len(planned),
            parts_covered=sum(1 for p in dict.fromkeys(planned) if p in covered),
            minutes_planned=sum(_int(a.get("timebox")) for a in self.agenda),
            seconds_spent=sum(_int(a.get("spent")) for a in self.agenda),
            counts=counts,
            top_voted=tuple(
                self._voted(part, rec, idea_id, n) for (part, rec, idea_id), n in top[:TOP_VOTED]
            ),
        )

    def _voted(self, part: str, rec: str, idea_id: str, dots: int) -> VotedRecommendation:
        idea = self.by_id.get(idea_id) if idea_id else None
        if idea is None:
            return VotedRecommendation(self.where(part, rec), dots)
        return VotedRecommendation(self.where(part, rec), dots, _int(idea.get("no")),
                                   _text(idea.get("text")))

    def included_decision(self, record: Mapping[str, Any] | None) -> bool:
        if record is None or record.get("kind") != "decision":
            return True
        return self.options.include_all or record.get("outcome", "agreed") == "agreed"

    def actions(self) -> tuple[ActionRow, ...]:
        rows = []
        for a in self.by_kind.get("action", []):
            source = self.by_id.get(_text(a.get("target")))
            if not self.included_decision(source):
                continue
            status = _text(a.get("status")) or "open"
            due = _text(a.get("due"))
            where = self.record_where(a)
            origin = a.get("origin") if isinstance(a.get("origin"), Mapping) else None
            labels = [x for x in (where.part, where.rec) if x]
            if _text(a.get("priority")):
                labels.append(f"priority-{_text(a.get('priority'))}")
            if origin:
                labels.append("carried-over")
            rows.append(
                ActionRow(
                    id=_text(a.get("id")),
                    no=_int(a.get("no")),
                    title=_text(a.get("title")),
                    description=_text(a.get("description")),
                    owner=self.person(_text(a.get("owner"))),
                    due=due,
                    priority=_text(a.get("priority")),
                    status=status,
                    status_note=_text(a.get("status_note")),
                    where=where,
                    overdue=self.overdue(due, status in OPEN_STATUSES),
                    source=self.record_ref(source) if source is not None else "",
                    carried_from=_text(origin.get("title")) if origin else "",
                    labels=tuple(labels),
                    source_at=self.source_at(source, _text(a.get("description"))),
                )
            )
        rows.sort(key=lambda r: (r.due == "", r.due, r.no))
        return tuple(rows)

    def source_at(self, source: Mapping[str, Any] | None, description: str) -> str:
        """Where the summary lists `source` in full, if `description` repeats its text."""
        kind = _text(source.get("kind")) if source is not None else ""
        text = _text(source.get("text")).strip() if source is not None else ""
        if kind not in ("note", "idea", "decision") or not text or text not in description:
            return ""
        section = "Decisions by part" if kind == "decision" else "Discussion by part"
        return f"{section}, {kind} #{_int(source.get('no'))}"

    def actions_of(self, record_id: str) -> tuple[str, ...]:
        return tuple(
            f"#{_int(a.get('no'))} {_text(a.get('title'))}".strip()
            for a in self.by_kind.get("action", [])
            if _text(a.get("target")) == record_id
        )

    def decisions(self) -> tuple[PartDecisions, ...]:
        outcome_order = {"agreed": 0, "parked": 1, "rejected": 2}
        by_part: dict[str, list[DecisionRow]] = defaultdict(list)
        for d in self.by_kind.get("decision", []):
            if not self.included_decision(d):
                continue
            rid = _text(d.get("id"))
            by_part[_text(d.get("part"))].append(
                DecisionRow(
                    id=rid,
                    no=_int(d.get("no")),
                    outcome=_text(d.get("outcome")) or "agreed",
                    text=_text(d.get("text")),
                    rationale=_text(d.get("rationale")),
                    author=self.author(_text(d.get("author"))),
                    where=self.record_where(d),
                    actions=self.actions_of(rid),
                )
            )
        return tuple(
            PartDecisions(
                self.where(part),
                tuple(sorted(rows, key=lambda r: (outcome_order.get(r.outcome, 3), r.no))),
            )
            for part, rows in sorted(by_part.items(), key=lambda kv: self.part_key(kv[0]))
        )

    def maturity(self) -> Maturity:
        groups: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
        for r in self.by_kind.get("rating", []):
            cur, tgt = _int(r.get("current")), _int(r.get("target_level"))
            if 1 <= cur <= 5 and 1 <= tgt <= 5:
                groups[(_text(r.get("part")), _text(r.get("rec")))].append(r)

        def row(part: str, rec: str, ratings: list[Mapping[str, Any]]) -> MaturityRow:
            n = len(ratings)
            return MaturityRow(
                where=self.where(part, rec),
                current=round(sum(_int(r.get("current")) for r in ratings) / n, 1),
                target=round(sum(_int(r.get("target_level")) for r in ratings) / n, 1),
                ratings=n,
                comments=tuple(_text(r.get("comment")) for r in ratings if r.get("comment")),
            )

        recs = [row(p, r, rs) for (p, r), rs in groups.items() if r]
        parts = []
        for part in {p for p, _ in groups}:
            own = groups.get((part, ""))
            if own:
                parts.append(row(part, "", own))
            else:
                subs = [m for m in recs if m.where.part == part]
                parts.append(
                    MaturityRow(
                        where=self.where(part),
                        current=round(sum(m.current for m in subs) / len(subs), 1),
                        target=round(sum(m.target for m in subs) / len(subs), 1),
                        ratings=sum(m.ratings for m in subs),
                        comments=(),
                    )
                )

        def by_gap(m: MaturityRow) -> tuple[float, tuple[int, str], str]:
            return (-m.gap, self.part_key(m.where.part), m.where.rec)

        return Maturity(tuple(sorted(parts, key=by_gap)), tuple(sorted(recs, key=by_gap)))

    def discussion(self) -> tuple[PartDiscussion, ...]:
        spent = defaultdict(int)
        for a in self.agenda:
            spent[_text(a.get("part"))] += _int(a.get("spent"))
        by_part: dict[str, dict[str, list[Contribution]]] = defaultdict(lambda: defaultdict(list))
        for r in self.records:
            kind = r.get("kind")
            if kind not in ("note", "idea"):
                continue
            rid = _text(r.get("id"))
            by_part[_text(r.get("part"))][_text(r.get("rec"))].append(
                Contribution(
                    id=rid,
                    no=_int(r.get("no")),
                    kind=_text(kind),
                    text=_text(r.get("text")),
                    author=self.author(_text(r.get("author"))),
                    votes=self.votes.get(rid, 0),
                )
            )
        # Dots given straight to a recommendation (no idea as target) show under it.
        rec_dots: dict[tuple[str, str], int] = defaultdict(int)
        rec_voters: dict[tuple[str, str], list[str]] = defaultdict(list)
        for v in self.by_kind.get("vote", []):
            part, rec = _text(v.get("part")), _text(v.get("rec"))
            if not rec or self.by_id.get(_text(v.get("target"))) is not None:
                continue
            dots = max(0, _int(v.get("dots")))
            if not dots:
                continue
            by_part[part][rec]  # noqa: B018 - the recommendation gets a group even without notes
            rec_dots[(part, rec)] += dots
            voter = self.person(_text(v.get("voter")))
            if voter and voter not in rec_voters[(part, rec)]:
                rec_voters[(part, rec)].append(voter)
        out = []
        for part in sorted(by_part, key=self.part_key):
            recs = by_part[part]
            guide_recs: list[str] = []
            if self.guide.has_part(part):
                guide_recs = [r.id for r in self.guide.part(part).recommendations]
            rec_order = {r: i for i, r in enumerate(guide_recs)}
            ordered = sorted(recs, key=lambda r: (r != "", rec_order.get(r, len(rec_order)), r))
            out.append(
                PartDiscussion(
                    where=self.where(part),
                    seconds_spent=spent.get(part, 0),
                    groups=tuple(
                        RecommendationGroup(
                            self.where(part, rec),
                            tuple(sorted(recs[rec], key=lambda c: (-c.votes, c.kind, c.no))),
                            rec_dots.get((part, rec), 0),
                            tuple(rec_voters.get((part, rec), ())),
                        )
                        for rec in ordered
                    ),
                )
            )
        return tuple(out)

    def engagement(self) -> Engagement:
        stakeholders = []
        for p in self.participants:
            kind = _text(p.get("kind")) or "person"
            sector = _text(p.get("sector"))
            name = _text(p.get("name"))
            if self.options.no_names and kind == "person":
                name = ""
            stakeholders.append(
                StakeholderRow(
                    id=_text(p.get("id")),
                    name=name,
                    kind=kind,
                    organisation=_text(p.get("organisation")),
                    sector=sector,
                    sector_label=SECTOR_LABELS.get(sector, sector),
                    role=_text(p.get("role")),
                    interest=_text(p.get("interest")),
                    influence=_text(p.get("influence")),
                    attended=bool(p.get("attended")),
                )
            )
        level_rank = {v: i for i, v in enumerate(LEVELS_LMH)}
        stakeholders.sort(
            key=lambda s: (
                -level_rank.get(s.influence, 0),
                -level_rank.get(s.interest, 0),
                SECTORS.index(s.sector) if s.sector in SECTORS else len(SECTORS),
                (s.name or s.organisation).casefold(),
            )
        )
        decisions = []
        for e in self.by_kind.get("engagement", []):
            due = _text(e.get("due"))
            loop = bool(e.get("loop_closed"))
            decisions.append(
                EngagementRow(
                    id=_text(e.get("id")),
                    no=_int(e.get("no")),
                    where=self.record_where(e),
                    stakeholders=tuple(
                        self.stakeholder_label(_text(s)) for s in e.get("stakeholders") or []
                    ),
                    level=_text(e.get("level")),
                    channels=tuple(_text(c) for c in e.get("channels") or []),
                    due=due,
                    owner=self.person(_text(e.get("owner"))),
                    loop_closed=loop,
                    text=_text(e.get("text")),
                    overdue=self.overdue(due, not loop),
                )
            )
        decisions.sort(key=lambda d: (self.part_key(d.where.part), d.where.rec, d.no))
        return Engagement(tuple(stakeholders), tuple(decisions), self.coverage())

    def coverage(self) -> tuple[CoverageRow, ...]:
        """Which sectors took part in each covered part, exactly as the stakeholder screen shows
        it (workshop.followup.sector_presence: attendees of a covered part, authors and engaged
        stakeholders; carried-over records don't count), for parts on the agenda only: a risk
        or benefit recorded against Annex B does not add a row. Parts not covered yet are listed
        under next steps, not here."""
        if not self.participants:
            return ()
        from workshop.followup import covered_sector_parts, sector_presence

        snapshot = dict(self.snapshot)
        table = sector_presence(snapshot)
        covered = covered_sector_parts(snapshot)
        on_agenda = {_text(a.get("part")) for a in self.agenda}
        return tuple(
            CoverageRow(self.where(part), tuple(len(row.get(s, [])) for s in SECTORS))
            for part, row in table.items()
            if part in covered and part in on_agenda
        )

    def risks(self) -> Risks:
        guide_risks = {r.id: r for r in self.guide.risks}
        rows = []
        for r in self.by_kind.get("risk", []):
            rid = _text(r.get("risk"))
            title = _text(r.get("title")) or (guide_risks[rid].title if rid in guide_risks else "")
            answers = r.get("answers") if isinstance(r.get("answers"), Mapping) else {}
            rows.append(
                RiskRow(
                    id=_text(r.get("id")),
                    no=_int(r.get("no")),
                    risk=rid,
                    title=title,
                    likelihood=max(0, min(5, _int(r.get("likelihood")))),
                    impact=max(0, min(5, _int(r.get("impact")))),
                    status=_text(r.get("status")),
                    mitigation=_text(r.get("mitigation")),
                    answers=tuple((_text(q), _text(a)) for q, a in answers.items()),
                    where=self.record_where(r),
                    actions=self.actions_of(_text(r.get("id"))),
                )
            )
        rows.sort(key=lambda r: (-r.score, -r.impact, r.no))
        heat = [[[] for _ in range(5)] for _ in range(5)]
        for row in rows:
            if row.rated:
                heat[row.likelihood - 1][row.impact - 1].append(row.no)
        return Risks(
            tuple(rows), tuple(tuple(tuple(sorted(c)) for c in line) for line in heat)
        )

    def benefits(self) -> tuple[BenefitRow, ...]:
        out = []
        for b in self.by_kind.get("benefit", []):
            actions = []
            for aid in b.get("actions") or []:
                a = self.by_id.get(_text(aid))
                actions.append(
                    f"#{_int(a.get('no'))} {_text(a.get('title'))}".strip() if a else _text(aid)
                )
            out.append(
                BenefitRow(
                    id=_text(b.get("id")),
                    no=_int(b.get("no")),
                    title=_text(b.get("title")),
                    beneficiaries=tuple(_text(x) for x in b.get("beneficiaries") or []),
                    measure=_text(b.get("measure")),
                    baseline=_text(b.get("baseline")),
                    target_value=_text(b.get("target_value")),
                    due=_text(b.get("due")),
                    owner=self.person(_text(b.get("owner"))),
                    where=self.record_where(b),
                    parts=tuple(self.where(_text(p)).part_label for p in b.get("parts") or []),
                    actions=tuple(actions),
                )
            )
        return tuple(out)

    def next_steps(self, actions: Iterable[ActionRow]) -> NextSteps:
        by_owner: dict[str, list[ActionRow]] = defaultdict(list)
        labels: dict[str, str] = {}
        for a in actions:
            if a.is_open:
                key, label = self.people.group(a.owner)
                by_owner[key].append(a)
                labels.setdefault(key, label)
        owners = sorted(by_owner, key=lambda k: (k == "", labels[k].casefold(), k))
        covered = self.covered_parts()
        uncovered = [
            self.where(p)
            for p in dict.fromkeys(_text(a.get("part")) for a in self.agenda)
            if p not in covered
        ]
        return NextSteps(
            tuple(OwnerActions(labels[o], tuple(by_owner[o])) for o in owners), tuple(uncovered)
        )

    def notes(self) -> tuple[str, ...]:
        notes = []
        if self.options.include_all:
            notes.append(
                "All decisions are listed: agreed, parked and rejected, with their actions."
            )
        else:
            notes.append(
                "Only agreed decisions and their actions are listed; parked and rejected ones are "
                "in the full export (--all)."
            )
        if self.options.no_names:
            notes.append(
                "Names are left out: participants are shown by organisation and sector, and other "
                "names typed as owner, author, voter or stakeholder by a label such as Owner 1. "
                "Names written inside notes, titles and other free text are not removed."
            )
        notes.append(f"Overdue means due before {self.today} and not done or dropped.")
        return tuple(notes)

    def build(self) -> Summary:
        actions = self.actions()
        return Summary(
            options=self.options,
            title=self.title_block(),
            attendees=self.attendees(),
            glance=self.glance(),
            actions=actions,
            decisions=self.decisions(),
            maturity=self.maturity(),
            discussion=self.discussion(),
            engagement=self.engagement(),
            risks=self.risks(),
            benefits=self.benefits(),
            next_steps=self.next_steps(actions),
            notes=self.notes(),
        )


def build_summary(
    snapshot: Mapping[str, Any], guide: Guide, options: SummaryOptions | None = None
) -> Summary:
    """The summary of one session snapshot, read against the guide."""
    return _Builder(snapshot, guide, options or SummaryOptions()).build()
