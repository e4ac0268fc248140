"""The guide's content model: immutable, typed, free of Textual and YAML.

The loader (`workshop.guide.loader`) builds these from a content folder; everything else only reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Headings of a part's sections and the marker of the app's own guidance. A guide's `labels:` in
# guide.yaml replaces any of them (a translation overlay translates them); the keys are fixed.
DEFAULT_LABELS: dict[str, str] = {
    "context": "Context",
    "need": "The need",
    "recommendations": "Recommendations",
    "linkages": "Linkages",
    "linkages_hint": "enter: go to the part",
    "prompts": "Prompts for the room",
    "source_confidence": "Source confidence",
    "local_notes": "Local notes",
    "guidance": "facilitation guidance",
}
BASES = ("standard", "guidance")  # where a recommendation comes from (see Recommendation.basis)


def display_part_id(part_id: str) -> str:
    """How people read a part id: "AnnexB" shows as "Annex B"; ids in files never change."""
    if part_id.startswith("Annex") and len(part_id) > 5 and part_id[5] != " ":
        return f"Annex {part_id[5:]}"
    return part_id


@dataclass(frozen=True)
class Group:
    """A heading parts are listed under (e.g. "Strategy management", clause 6.2)."""

    id: str
    title: str
    clause: str = ""
    parent: str = ""  # id of the group this one sits under (e.g. Component B), or ""


@dataclass(frozen=True)
class Recommendation:
    id: str  # stable, e.g. "B3.R1"; records in sessions refer to it
    title: str
    explanation: str
    # "standard": the standard's own recommendation, in this guide's words; "guidance": the app's
    # facilitation guidance, marked as such wherever it is shown. The loader always sets it (a file
    # that does not say is "guidance"); the default only serves guides built in code.
    basis: str = "standard"

    @property
    def is_guidance(self) -> bool:
        return self.basis == "guidance"


@dataclass(frozen=True)
class Linkage:
    part: str  # id of the related part
    reason: str


@dataclass(frozen=True)
class Principle:
    """One delivery principle of Annex A, under one of the four themes."""

    id: str  # e.g. "AnnexA.P1"
    theme: str  # vision | citizen-centric | digital | open-and-collaborative
    title: str
    explanation: str


@dataclass(frozen=True)
class Risk:
    """One key risk of the Annex B checklist with the questions a city should be able to answer."""

    id: str  # e.g. "AnnexB.K1"
    title: str
    description: str
    questions: tuple[str, ...]
    parts: tuple[str, ...] = ()  # parts whose recommendations mitigate it


@dataclass(frozen=True)
class Part:
    """A part of ISO 37106 the workshop walks through (A, B1-B14, C, D, Annex A, Annex B)."""

    id: str
    clause: str
    title: str
    group: str  # Group.id
    summary: str
    context: str
    need: str
    recommendations: tuple[Recommendation, ...]
    linkages: tuple[Linkage, ...]
    prompts: tuple[str, ...]
    source_confidence: str = ""
    local_notes: tuple[str, ...] = ()
    principles: tuple[Principle, ...] = ()
    risks: tuple[Risk, ...] = ()
    source_file: str = ""

    @property
    def is_annex(self) -> bool:
        return self.group == "annex"

    @property
    def display_id(self) -> str:
        return display_part_id(self.id)

    @property
    def label(self) -> str:
        """Short label for lists: "B3 Collaborative engagement", "Annex B Mitigating ..."."""
        return f"{self.display_id} {self.title}"

    def recommendation(self, rec_id: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.id == rec_id), None)


@dataclass(frozen=True)
class Guide:
    """The whole guide in reading order."""

    parts: tuple[Part, ...]
    groups: tuple[Group, ...]
    sources: tuple[str, ...] = field(default=())  # content folders it was built from
    name: str = ""  # e.g. "ISO 37106:2018 Smart city operating models"
    labels: dict[str, str] = field(default_factory=dict)  # overrides of DEFAULT_LABELS

    def label(self, key: str) -> str:
        """A section heading or marker, from guide.yaml's `labels:` or the English default."""
        return self.labels.get(key) or DEFAULT_LABELS[key]

    def marked_title(self, rec: Recommendation) -> str:
        """A recommendation's title, with "(facilitation guidance)" when it is the app's own."""
        return f"{rec.title} ({self.label('guidance')})" if rec.is_guidance else rec.title

    def group(self, group_id: str) -> Group | None:
        return next((g for g in self.groups if g.id == group_id), None)

    def part(self, part_id: str) -> Part:
        """The part with this id (KeyError if unknown: callers validate ids first)."""
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)

    def has_part(self, part_id: str) -> bool:
        return any(p.id == part_id for p in self.parts)

    def find_part_id(self, text: str) -> str | None:
        """Match a user-typed id leniently: "b3", "Annex B", "annexb" all work."""
        wanted = text.replace(" ", "").replace("-", "").replace("_", "").lower()
        for part in self.parts:
            if part.id.replace(" ", "").lower() == wanted:
                return part.id
        return None

    def parts_in_group(self, group_id: str) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.group == group_id)

    @property
    def components(self) -> tuple[Part, ...]:
        """The 17 main parts (A, B1-B14, C, D): everything except the annexes."""
        return tuple(p for p in self.parts if not p.is_annex)

    @property
    def principles(self) -> tuple[Principle, ...]:
        return tuple(pr for p in self.parts for pr in p.principles)

    @property
    def risks(self) -> tuple[Risk, ...]:
        return tuple(r for p in self.parts for r in p.risks)

    def recommendation(self, rec_id: str) -> Recommendation | None:
        """Find a recommendation anywhere in the guide by its id."""
        part_id = rec_id.split(".", 1)[0]
        if not self.has_part(part_id):
            return None
        return self.part(part_id).recommendation(rec_id)
