"""A checkbox that reads ticked or not without colour (projectors wash colours out).

Textual draws ▐X▌ for both states and relies on colour alone; this one leaves the box empty when
unticked, so "▐X▌ ticked" and "▐ ▌ not ticked" differ in shape as well.
"""

from __future__ import annotations

from textual.widgets import Checkbox


class TickBox(Checkbox):
    """Checkbox whose mark is only drawn when it is ticked."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual's class-level name)
        return "X" if self.value else " "
