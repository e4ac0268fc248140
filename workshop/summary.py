"""The session summary: one structure that every export format renders.

`build_summary(snapshot, guide, options)` turns a session snapshot (format: `workshop.records`) and
the guide into frozen dataclasses, in the order the summary is read: title block, at a glance,
agreed actions, decisions by part, maturity, discussion per part, stakeholder engagement, risks,
the declared registers (benefits...), next steps. Renderers only format; every choice about
what is in the summary is made here, so Markdown, HTML and Word can never disagree.

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

Split by domain: the structure is in `workshop.summary_model` (re-exported here), who a typed name
is and what `--no-names` prints in `workshop.summary_people`, maturity and discussion in
`workshop.summary_discussion`, engagement, risks and benefits in `workshop.summary_registers`.
Import everything from this module. Nothing here imports Textual or TinyDB.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from workshop.coverage import covered_parts as _covered_parts
from workshop.guide.model import Guide
from workshop.kinds import REGISTRY, Kind
from workshop.records import KIND_LABELS, SECTOR_LABELS, SECTORS
from workshop.summary_discussion import DiscussionSections
from workshop.summary_model import (
    HIDDEN_NAME,
    OPEN_STATUSES,
    TOP_VOTED,
    ActionRow,
    Attendee,
    Contribution,
    CoverageRow,
    DecisionRow,
    Engagement,
    EngagementRow,
    Glance,
    KindCount,
    Maturity,
    MaturityRow,
    NextSteps,
    OwnerActions,
    PartDecisions,
    PartDiscussion,
    RecommendationGroup,
    Register,
    RegisterRow,
    RiskRow,
    Risks,
    SectorGroup,
    StakeholderRow,
    Summary,
    SummaryOptions,
    TitleBlock,
    VotedRecommendation,
    Where,
    _int,
    _text,
    collector_paused,
    dots_text,
    risk_is_draft,
)
from workshop.summary_people import Anonymiser, People
from workshop.summary_registers import RegisterSections
from workshop.summary_room import room_participation


class _Builder(DiscussionSections, RegisterSections):
    def __init__(self, snapshot: Mapping[str, Any], guide: Guide, options: SummaryOptions,
                 kinds: Mapping[str, Kind]) -> None:
        self.snapshot = snapshot
        self.kinds = kinds
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
        # What the moderator hid (a duplicate, off-topic) or has not yet approved is not part of
        # what the room agreed: documents leave it out (the JSON export keeps everything).
        self.records: list[Mapping[str, Any]] = [
            r for r in snapshot.get("records") or []
            if isinstance(r, Mapping) and not r.get("hidden") and not r.get("pending")
        ]
        self.people = People(self.participants, _text(self.meta.get("facilitator")))
        if options.no_names:  # once, here: every renderer then only sees the public form
            anonymiser = Anonymiser(self.people, {n: k.people for n, k in kinds.items()})
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
        # Looked up once per decision and risk: indexed here so the summary grows linearly.
        self.action_labels: dict[str, list[str]] = defaultdict(list)
        for a in self.by_kind.get("action", []):
            self.action_labels[_text(a.get("target"))].append(
                f"#{_int(a.get('no'))} {_text(a.get('title'))}".strip())
        self._where: dict[tuple[str, str], Where] = {}
        self._guide_risks = {r.id: r for r in self.guide.risks}
        self._covered: set[str] | None = None

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
        """The part and recommendation with their titles (once per pair: the guide is searched
        by id, and thousands of records share a few parts)."""
        key = (part_id, rec_id)
        found = self._where.get(key)
        if found is None:
            found = self._where[key] = self._find_where(part_id, rec_id)
        return found

    def _find_where(self, part_id: str, rec_id: str) -> Where:
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
            guide_risk = self._guide_risks.get(_text(record.get("risk")))
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
        if self._covered is None:
            self._covered = _covered_parts(self.agenda, self.records)
        return self._covered

    def glance(self) -> Glance:
        planned = [_text(a.get("part")) for a in self.agenda]
        covered = self.covered_parts()
        counts = tuple(
            KindCount(k, kind.label, len([r for r in self.by_kind.get(k, [])
                                           if not risk_is_draft(r)]),
                      (kind.singular, kind.plural))
            for k, kind in self.kinds.items()
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
            labels = [x for x in (where.part_id, where.rec) if x]  # tags: ids as in files
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
        """ "#3 Title" of the actions made from `record_id`, in the order they were recorded."""
        return tuple(self.action_labels.get(record_id, ()))

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
            registers=self.registers(),
            next_steps=self.next_steps(actions),
            notes=self.notes(),
            records={kind: tuple(rows) for kind, rows in self.by_kind.items()},
            room=room_participation(self.records, self.snapshot.get("ui")),
        )


def build_summary(
    snapshot: Mapping[str, Any], guide: Guide, options: SummaryOptions | None = None,
    kinds: Mapping[str, Kind] | None = None,
) -> Summary:
    """The summary of one session snapshot, read against the guide (see `collector_paused`);
    `kinds`: the record kinds declared (default: workshop.kinds.REGISTRY)."""
    with collector_paused():
        return _Builder(snapshot, guide, options or SummaryOptions(),
                        REGISTRY if kinds is None else kinds).build()


__all__ = [
    "ActionRow",
    "Attendee",
    "Contribution",
    "CoverageRow",
    "DecisionRow",
    "Engagement",
    "EngagementRow",
    "Glance",
    "HIDDEN_NAME",
    "KindCount",
    "Maturity",
    "MaturityRow",
    "NextSteps",
    "OPEN_STATUSES",
    "OwnerActions",
    "PartDecisions",
    "PartDiscussion",
    "RecommendationGroup",
    "Register",
    "RegisterRow",
    "RiskRow",
    "Risks",
    "SectorGroup",
    "StakeholderRow",
    "Summary",
    "SummaryOptions",
    "TOP_VOTED",
    "TitleBlock",
    "VotedRecommendation",
    "Where",
    "build_summary",
    "collector_paused",
    "dots_text",
    "risk_is_draft",
]
