"""The maturity and discussion sections of the summary: a mixin of the summary builder
(`workshop.summary._Builder`), split from it by domain. Nothing here imports Textual or TinyDB.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from workshop.guide.model import Guide
from workshop.summary_model import (
    Contribution,
    Maturity,
    MaturityRow,
    PartDiscussion,
    RecommendationGroup,
    _int,
    _text,
)


class DiscussionSections:
    """maturity() and discussion(): see `workshop.summary._Builder` for the lookups they use
    (where, part_key, author, person, votes)."""

    guide: Guide
    agenda: list[Mapping[str, Any]]
    records: list[Mapping[str, Any]]
    by_id: dict[str, Mapping[str, Any]]
    by_kind: dict[str, list[Mapping[str, Any]]]
    votes: dict[str, int]

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
                now_counts=_levels(ratings, "current"),
                target_counts=_levels(ratings, "target_level"),
            )

        recs = [row(p, r, rs) for (p, r), rs in groups.items() if r]
        recs_of: dict[str, list[MaturityRow]] = defaultdict(list)
        for m in recs:
            recs_of[m.where.part_id].append(m)
        parts = []
        for part in {p for p, _ in groups}:
            own = groups.get((part, ""))
            if own:
                parts.append(row(part, "", own))
            else:
                subs = recs_of[part]
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
            return (-m.gap, self.part_key(m.where.part_id), m.where.rec)

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
                    via=_text(r.get("via")),
                )
            )
        # Dots given straight to a recommendation (no idea as target) show under it.
        rec_dots: dict[tuple[str, str], int] = defaultdict(int)
        rec_voters: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)  # ordered set
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
            if voter:
                rec_voters[(part, rec)].setdefault(voter)
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


def _levels(ratings: list[Mapping[str, Any]], field: str) -> tuple[int, ...]:
    """How many ratings gave each level 1-5 in `field`."""
    counts = [0] * 5
    for r in ratings:
        level = _int(r.get(field))
        if 1 <= level <= 5:
            counts[level - 1] += 1
    return tuple(counts)
