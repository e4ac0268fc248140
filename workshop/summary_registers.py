"""The register sections of the summary (stakeholder engagement with its parts x sectors coverage,
risks with the heat map, and the registers laid out from their kind's columns: benefits...): a
mixin of the summary builder (`workshop.summary._Builder`), split from it by domain.
Nothing here imports Textual or TinyDB.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from workshop.guide.model import Guide
from workshop.kinds.model import Column, Kind
from workshop.records import LEVELS_LMH, SECTOR_LABELS, SECTORS
from workshop.summary_model import (
    CoverageRow,
    Engagement,
    EngagementRow,
    Register,
    RegisterRow,
    RiskRow,
    Risks,
    StakeholderRow,
    SummaryOptions,
    _int,
    _text,
)

DRAFT_STATUS = "draft (not yet rated)"


def _risk_status(status: str, rated: bool) -> str:
    """A risk without likelihood and impact says it is a draft (its "-" cells alone do not):
    "draft (not yet rated)", followed by any status other than the default."""
    if rated:
        return status
    return DRAFT_STATUS if status in ("", "not addressed") else f"{DRAFT_STATUS}; {status}"


class RegisterSections:
    """engagement(), coverage(), risks(), registers(): see `workshop.summary._Builder` for the
    lookups they use (where, person, stakeholder_label, overdue, actions_of...)."""

    snapshot: Mapping[str, Any]
    guide: Guide
    options: SummaryOptions
    agenda: list[Mapping[str, Any]]
    participants: list[Mapping[str, Any]]
    by_id: dict[str, Mapping[str, Any]]
    by_kind: dict[str, list[Mapping[str, Any]]]
    kinds: Mapping[str, Kind]

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
        if self.options.no_names:  # an id may spell a name ("pdev"): numbered in list order
            stakeholders = [replace(x, id=f"stakeholder-{n}")
                            for n, x in enumerate(stakeholders, 1)]
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
        decisions.sort(key=lambda d: (self.part_key(d.where.part_id), d.where.rec, d.no))
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
        covered = covered_sector_parts(snapshot)
        table = sector_presence(snapshot, covered)
        on_agenda = {_text(a.get("part")) for a in self.agenda}
        return tuple(
            CoverageRow(self.where(part), tuple(len(row.get(s, [])) for s in SECTORS))
            for part, row in table.items()
            if part in covered and part in on_agenda
        )

    def risks(self) -> Risks:
        guide_risks = {r.id: r for r in self.guide.risks}
        rows = []
        own = 0
        for r in self.by_kind.get("risk", []):
            rid = _text(r.get("risk"))
            title = _text(r.get("title")) or (guide_risks[rid].title if rid in guide_risks else "")
            if rid in guide_risks:  # as the app's risk list and heat map label them
                label = rid.rsplit(".", 1)[-1]
            else:  # the city's own, or a checklist risk this guide does not have
                own += 1
                label = f"C{own}"
            likelihood = max(0, min(5, _int(r.get("likelihood"))))
            impact = max(0, min(5, _int(r.get("impact"))))
            answers = r.get("answers") if isinstance(r.get("answers"), Mapping) else {}
            rows.append(
                RiskRow(
                    id=_text(r.get("id")),
                    no=_int(r.get("no")),
                    risk=label,
                    checklist=rid,
                    title=title,
                    likelihood=likelihood,
                    impact=impact,
                    status=_risk_status(_text(r.get("status")), likelihood > 0 and impact > 0),
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

    def registers(self) -> tuple[Register, ...]:
        """Every register laid out from its kind's declaration (`Kind.laid_out`: the benefits,
        and any kind added with a `register`), in register rank order; one per register name."""
        out: dict[str, Register] = {}
        for kind in sorted(self.kinds.values(), key=lambda k: k.register_rank):
            if kind.laid_out and kind.register not in out:
                columns = kind.register_columns
                out[kind.register] = Register(kind, tuple(
                    RegisterRow(_text(r.get("id")), _int(r.get("no")), self.record_where(r),
                                tuple(self._cell(kind, c, r.get(c.field)) for c in columns))
                    for r in self.by_kind.get(kind.name, ())))
        return tuple(out.values())

    def _cell(self, kind: Kind, column: Column, value: Any) -> tuple[str, ...]:
        """A field's value as the summary shows it: ids by name, people as people are shown."""
        items = value if isinstance(value, list) else [value]
        if column.names == "parts":
            return tuple(self.where(_text(x)).part_label for x in items)
        if column.names == "records":
            return tuple(self.record_label(_text(x)) for x in items)
        if column.names == "stakeholders":
            return tuple(self.stakeholder_label(_text(x)) for x in items)
        if column.field in kind.people:
            return tuple(self.person(_text(x)) for x in items)
        return tuple(_shown(x) for x in items)

    def record_label(self, record_id: str) -> str:
        """ "#3 Title" of a record (its id when it is not in this session)."""
        r = self.by_id.get(record_id)
        if r is None:
            return record_id
        return f"#{_int(r.get('no'))} {_text(r.get('title') or r.get('text'))}".strip()


def _shown(value: Any) -> str:
    """A stored value as text: yes/no, a number, "key: value" lines, or the text itself."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Mapping):
        return "\n".join(f"{_text(k)}: {_text(v)}" for k, v in value.items())
    return _text(value)
