"""The interest-influence grid of the stakeholder register (who sits where), names literal."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from workshop.tui.screens.stakeholder_forms import LMH, participant_label
from workshop.tui.widgets.part_view import one_line

QUADRANTS = {
    ("high", "low"): "Keep satisfied",
    ("high", "high"): "Manage closely",
    ("low", "high"): "Keep informed",
    ("low", "low"): "Monitor",
}




def interest_influence_grid(participants: list[dict[str, Any]], width: int = 80) -> Table:
    """Influence (rows, high first) x interest (columns): who sits where, literal names."""
    col = max(10, (width - 27) // 3)
    table = Table(title="Interest (columns) x influence (rows)", show_lines=True, expand=False)
    table.add_column("Influence", width=9, no_wrap=True)
    for interest in LMH:
        table.add_column(Text(f"interest {interest}"), width=col, overflow="fold")
    for influence in reversed(LMH):
        row: list[Text] = [Text(influence, style="bold")]
        for interest in LMH:
            names = [p.get("name") or participant_label(p) for p in participants
                     if p.get("influence") == influence and p.get("interest") == interest]
            text = Text()
            quadrant = QUADRANTS.get((influence, interest))
            if quadrant:
                text.append(quadrant + "\n", style="italic dim")
            if names:
                text.append("\n".join(one_line(n, col) for n in names))
            else:
                text.append("-", style="dim")
            row.append(text)
        table.add_row(*row)
    unplaced = [participant_label(p) for p in participants
                if p.get("interest") not in LMH or p.get("influence") not in LMH]
    if unplaced:
        table.caption = Text(one_line("Not placed yet (set interest and influence): "
                                      + ", ".join(unplaced), width * 3))
    return table
