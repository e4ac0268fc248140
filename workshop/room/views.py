"""What the room may see: the current part from the guide and the room's results, read from the
session and reduced to what is safe to serve.

Why a module of its own: this is the one place that decides what leaves the laptop. Only the
part's guide text, ideas that are neither hidden nor awaiting approval, dot totals, rating counts
and poll counts are served. Notes, decisions, actions, owners, the stakeholder register, risk
answers and the facilitator's authors are never read here. A contributor's name is shown only
when the room asks for names and it came from that contributor's own phone.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from workshop.guide.model import Guide
from workshop.records import MATURITY_LEVELS
from workshop.store.room_settings import activity

CONTEXT_CHARS = 400
#: Ratings spread this wide (standard deviation, in levels) are flagged as dissent.
DISSENT_SPREAD = 1.0


@dataclass(frozen=True)
class PartView:
    id: str
    display_id: str
    title: str
    context: str
    prompts: tuple[str, ...]
    recs: tuple[tuple[str, str, str], ...]  # (id, title, explanation)


@dataclass
class Distribution:
    counts: list[int] = field(default_factory=lambda: [0] * 5)  # levels 1-5

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def values(self) -> list[int]:
        return [level for level, n in enumerate(self.counts, 1) for _ in range(n)]

    @property
    def mean(self) -> float:
        return statistics.fmean(self.values) if self.total else 0.0

    @property
    def spread(self) -> float:
        return statistics.pstdev(self.values) if self.total > 1 else 0.0

    @property
    def dissent(self) -> bool:
        return self.total >= 3 and self.spread >= DISSENT_SPREAD

    def share(self, level: int) -> int:
        """Percent of answers at `level` (for bar widths)."""
        return round(100 * self.counts[level - 1] / self.total) if self.total else 0


LEVELS = tuple({"number": n, "name": name, "meaning": meaning}
               for n, name, meaning in MATURITY_LEVELS)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def part_view(guide: Guide, part_id: str) -> PartView | None:
    if not part_id or not guide.has_part(part_id):
        return None
    part = guide.part(part_id)
    recs = tuple((r.id, guide.marked_title(r), shorten(r.explanation, 240))
                 for r in part.recommendations)
    return PartView(part.id, part.display_id, part.title, shorten(part.context, CONTEXT_CHARS),
                    tuple(part.prompts), recs)


def poll_option_ids(settings: dict[str, Any], part: str) -> set[str]:
    return {o["id"] for o in activity(settings, part, "poll")["options"]}


def shown_name(record: dict[str, Any], settings: dict[str, Any]) -> str:
    """The contributor's own name, only when the room asks for names (never a facilitator's
    author field: that may name someone who is not in the room)."""
    if settings["names"] == "off" or record.get("via") != "room":
        return ""
    return record.get("author", "")


def visible(record: dict[str, Any]) -> bool:
    return not record.get("hidden") and not record.get("pending")


@dataclass(frozen=True)
class IdeaView:
    id: str
    text: str
    name: str
    dots: int
    share: int  # percent of the largest total (bar width)


def idea_wall(records: list[dict[str, Any]], settings: dict[str, Any], part: str
              ) -> list[IdeaView]:
    """Visible ideas of the part (not poll options), most dots first, then oldest first."""
    options = poll_option_ids(settings, part)
    ideas = [r for r in records if r["kind"] == "idea" and visible(r) and r["id"] not in options]
    dots = Counter()
    for r in records:
        if r["kind"] == "vote" and r["target"]:
            dots[r["target"]] += r["dots"]
    top = max((dots[i["id"]] for i in ideas), default=0) or 1
    ideas.sort(key=lambda r: -dots[r["id"]])
    return [IdeaView(r["id"], r["text"], shown_name(r, settings), dots[r["id"]],
                     round(100 * dots[r["id"]] / top)) for r in ideas]


def ratings(records: list[dict[str, Any]], part: PartView | None
            ) -> list[tuple[tuple[str, str, str], Distribution, Distribution]]:
    """Per recommendation of the part: (rec, now, target) distributions of every rating."""
    if part is None:
        return []
    out = []
    for rec in part.recs:
        now, target = Distribution(), Distribution()
        for r in records:
            if r["kind"] == "rating" and r["rec"] == rec[0]:
                now.counts[r["current"] - 1] += 1
                target.counts[r["target_level"] - 1] += 1
        out.append((rec, now, target))
    return out


def poll_results(records: list[dict[str, Any]], settings: dict[str, Any], part: str
                 ) -> list[tuple[str, str, int, int]]:
    """(option id, text, answers, percent) in the options' order."""
    options = activity(settings, part, "poll")["options"]
    ids = {o["id"] for o in options}
    counts = Counter(r["target"] for r in records
                     if r["kind"] == "vote" and r["target"] in ids)
    total = sum(counts.values()) or 1
    return [(o["id"], o["text"], counts[o["id"]], round(100 * counts[o["id"]] / total))
            for o in options]


def mine(records: list[dict[str, Any]], device: str) -> list[dict[str, Any]]:
    return [r for r in records if r.get("via") == "room" and r.get("device") == device]
