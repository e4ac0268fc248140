"""A checkbox that reads ticked or not without colour (projectors wash colours out).

Textual draws ▐X▌ for both states and relies on colour alone; this one leaves the box empty when
unticked, so "▐X▌ ticked" and "▐ ▌ not ticked" differ in shape as well.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import SelectionType


class TickBox(Checkbox):
    """Checkbox whose mark is only drawn when it is ticked."""

    @property  # type: ignore[override]
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual's class-level name)
        return "X" if self.value else " "


class TickList(SelectionList[SelectionType]):
    """SelectionList whose boxes are empty when not selected (Textual draws X in both states)."""

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            selection = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if (selection.value not in self._selected and len(segments) > 1
                and segments[1].text == ToggleButton.BUTTON_INNER):
            segments[1] = Segment(" ", segments[1].style)
            return Strip(segments, strip.cell_length)
        return strip
