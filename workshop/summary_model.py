"""The summary's structure: the frozen dataclasses every export renders (built by
`workshop.summary`). Split from it by domain: this is what a summary holds, that is how it is made.
"""

from __future__ import annotations

import datetime as _dt
import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from workshop.guide.model import display_part_id
from workshop.kinds.model import Column, Kind
from workshop.records import SECTORS, maturity_level
from workshop.summary_room import RoomParticipation


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


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
    words: tuple[str, str] = ("", "")  # its declared singular and plural: "idea", "ideas"


@dataclass(frozen=True)
class Where:
    """The part and recommendation a record is about, with their titles from the guide.

    `part` is the part as people read it ("Annex B", "B3"): every export shows it as it is;
    `part_id` is the guide's id ("AnnexB"), for ordering and grouping."""

    part: str
    part_title: str
    rec: str
    rec_title: str
    part_id: str = ""

    def __post_init__(self) -> None:
        if not self.part_id:  # built from an id: keep it, and show it as people read it
            object.__setattr__(self, "part_id", self.part)
            object.__setattr__(self, "part", display_part_id(self.part))

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


def _spread(counts: tuple[int, ...]) -> float:
    """Population standard deviation of the levels answered (0 for fewer than two)."""
    n = sum(counts)
    if n < 2:
        return 0.0
    mean = sum(level * c for level, c in enumerate(counts, 1)) / n
    return round((sum(c * (level - mean) ** 2 for level, c in enumerate(counts, 1)) / n) ** 0.5,
                 1)


@dataclass(frozen=True)
class MaturityRow:
    where: Where
    current: float
    target: float
    ratings: int  # how many ratings were averaged
    comments: tuple[str, ...]
    # answers per level 1-5, now and target (empty for a part averaged from its recommendations)
    now_counts: tuple[int, ...] = ()
    target_counts: tuple[int, ...] = ()

    @property
    def now_spread(self) -> float:
        return _spread(self.now_counts)

    @property
    def target_spread(self) -> float:
        return _spread(self.target_counts)

    @property
    def dissent(self) -> bool:
        """Answers spread widely (standard deviation of a level or more, three or more)."""
        return self.ratings >= 3 and max(self.now_spread, self.target_spread) >= 1.0

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
    via: str = ""  # "room": sent from a participant's phone (see workshop/room/)


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
    risk: str  # as the app labels it: "K1" (checklist risk AnnexB.K1), "C1" (the city's own)
    title: str
    likelihood: int  # 0 = not rated
    impact: int
    status: str
    mitigation: str
    answers: tuple[tuple[str, str], ...]
    where: Where
    actions: tuple[str, ...]
    checklist: str = ""  # the guide's checklist risk id ("AnnexB.K1"), "" for the city's own

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

    def label(self, no: int) -> str:
        """The heat map's name for risk number `no`: the label the app's heat map shows."""
        return next((r.risk for r in self.rows if r.no == no and r.risk), f"#{no}")


@dataclass(frozen=True)
class RegisterRow:
    """One record of a register laid out from its kind's columns (workshop/kinds/model.Column):
    per column, its texts as the summary shows them (one, or one per item of a list field)."""

    id: str
    no: int
    where: Where
    cells: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Register:
    """A register laid out from its kind's declaration (the benefits register, and any kind
    added with a `register` and no hand-made layout): its section in every document, its CSV
    register, in the order of `kind.register_rank`."""

    kind: Kind
    rows: tuple[RegisterRow, ...]

    @property
    def name(self) -> str:
        return self.kind.register

    @property
    def columns(self) -> tuple[Column, ...]:
        return self.kind.register_columns

    def texts(self, row: RegisterRow, field_name: str) -> tuple[str, ...]:
        """One cell of `row` by its field's name ("parts" -> ("B3 Collaborative ...",))."""
        for column, cell in zip(self.columns, row.cells, strict=True):
            if column.field == field_name:
                return cell
        raise KeyError(field_name)

    def text(self, row: RegisterRow, field_name: str) -> str:
        """One cell as one text, its items joined as its column says ("a; b")."""
        sep = next(c.sep for c in self.columns if c.field == field_name)
        return sep.join(self.texts(row, field_name))


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
    registers: tuple[Register, ...]  # laid out from declarations, by register rank
    next_steps: NextSteps
    notes: tuple[str, ...] = field(default=())  # how to read this summary (options applied)
    # Every record by kind as the summary read it (names left out with --no-names): what a
    # register of a newly declared kind lists before it has a layout of its own.
    records: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    # Participation from the room (phones joined, contributions by kind and sector), or None
    # when no phone ever joined (workshop/summary_room.py).
    room: RoomParticipation | None = None

    def register(self, name: str) -> Register | None:
        """The declared register called `name` ("benefits"), if this summary has it."""
        return next((r for r in self.registers if r.name == name), None)

    @property
    def attendee_count(self) -> int:
        return sum(g.count for g in self.attendees)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a burst of allocations that make no cycles.

    A summary makes tens of thousands of small rows, and copying a session's snapshot as many
    dicts; in a session of 50,000 records the collector's passes over everything already in
    memory (the store, the snapshot) cost a third of the time and find nothing to collect.
    Reference counting still frees everything; the collector runs again afterwards.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
