"""The risks of the checklist walk, and where they sit on the likelihood x impact heat map.

One orientation everywhere (the exports use the same): likelihood in rows, 5 at the top; impact in
columns, 1 to 5 left to right; both axes labelled. A risk is placed (and counted) only once it has
both ratings: until then it is a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.table import Table
from rich.text import Text

HEAT_TITLE = "Heat map: likelihood (rows) by impact (columns)"
HEAT_CORNER = "Likelihood ↓ impact →"


@dataclass
class RiskItem:
    """One row of the walk: an Annex B risk (maybe not yet recorded) or a city's own risk."""

    key: str  # Annex B risk id, or the record id of a city's own risk
    label: str  # "K1", or "C1" for the city's first own risk
    title: str
    description: str
    questions: tuple[str, ...]
    part: str
    record: dict[str, Any] | None

    @property
    def rated(self) -> bool:
        """Both likelihood and impact given: a finished risk (otherwise a draft)."""
        return bool(self.record and self.record.get("likelihood") and self.record.get("impact"))

    @property
    def draft(self) -> bool:
        """Recorded but not yet rated on both scales: counted nowhere until finished."""
        return self.record is not None and not self.rated


def severity_style(likelihood: int, impact: int) -> str:
    score = likelihood * impact
    if score >= 15:
        return "bold white on dark_red"
    if score >= 8:
        return "black on dark_orange"
    return "black on green4" if score >= 1 else ""


def heat_map(items: list[RiskItem], width: int = 80) -> Table:
    """Likelihood (rows, 5 at the top) x impact (columns 1-5): which risks sit where."""
    col = max(8, min(24, (width - 36) // 5))
    table = Table(title=HEAT_TITLE, show_lines=True, expand=False)
    table.add_column(HEAT_CORNER, width=12, no_wrap=False)
    for impact in range(1, 6):
        table.add_column(f"Impact {impact}", width=col, overflow="fold", justify="center")
    for likelihood in range(5, 0, -1):
        row: list[Text] = [Text(str(likelihood), style="bold")]
        for impact in range(1, 6):
            labels = [
                i.label for i in items
                if i.rated and i.record is not None and i.record["likelihood"] == likelihood
                and i.record["impact"] == impact
            ]
            row.append(Text(" ".join(labels) or " ", style=severity_style(likelihood, impact)))
        table.add_row(*row)
    return table


def heat_legend(items: list[RiskItem]) -> str:
    """One line per placed risk, then the drafts and the risks not yet looked at."""
    lines = []
    drafts = []
    unrated = []
    for item in items:
        r = item.record
        if item.rated and r is not None:
            lines.append(f"{item.label}: {item.title} - likelihood {r['likelihood']}, impact "
                         f"{r['impact']}, {r['status']}")
        elif item.draft:
            drafts.append(item.label)
        else:
            unrated.append(item.label)
    if drafts:
        lines.append("Drafts (need likelihood and impact): " + ", ".join(drafts))
    if unrated:
        lines.append("Not rated yet: " + ", ".join(unrated))
    return "\n".join(lines)
