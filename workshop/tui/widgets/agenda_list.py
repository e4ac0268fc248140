"""The agenda as a jump list: the current item, the covered ones, time spent vs timebox."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from workshop.guide.model import Guide, display_part_id
from workshop.tui.widgets.part_view import literal
from workshop.tui.widgets.timer import format_duration


def agenda_label(
    index: int, item: Mapping, guide: Guide, *, current: bool, covered: bool, records: int
) -> str:
    """'▶ ✓ 3. B3 Collaborative engagement  12:00/20m · 4 rec.' as plain text."""
    part_id = str(item.get("part", ""))
    title = guide.part(part_id).title if guide.has_part(part_id) else "(not in this guide)"
    marker = "▶" if current else " "
    tick = "✓" if covered else "·"
    spent = int(item.get("spent", 0) or 0)
    timebox = int(item.get("timebox", 0) or 0)
    timing = f"{format_duration(spent)}/{timebox}m" if timebox else format_duration(spent)
    extra = f" · {records} rec." if records else ""
    return f"{marker}{tick} {index + 1}. {display_part_id(part_id)} {title}  {timing}{extra}"


class AgendaList(OptionList):
    """OptionList of agenda items; choosing one posts `AgendaList.ItemChosen(index)`."""

    DEFAULT_CSS = """
    AgendaList {
        height: 1fr;
        max-height: 100%;
    }
    """

    BINDINGS = [Binding("escape", "close_list", "Close list", id="walkthrough.agenda-close")]

    class Closed(Message):
        """Esc: close the list (not the screen)."""

    class ItemChosen(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, guide: Guide, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.guide = guide

    def show_agenda(
        self,
        agenda: Iterable[Mapping],
        *,
        current: int,
        covered: set[int],
        record_counts: Mapping[str, int],
    ) -> None:
        """Rebuild the options (an agenda has tens of items, so this is cheap)."""
        options = []
        for index, item in enumerate(agenda):
            part_id = str(item.get("part", ""))
            label = agenda_label(
                index,
                item,
                self.guide,
                current=index == current,
                covered=index in covered,
                records=record_counts.get(part_id, 0),
            )
            options.append(Option(literal(label), id=f"item-{index}"))
        self.set_options(options)
        if options:
            self.highlighted = max(0, min(current, len(options) - 1))

    def action_close_list(self) -> None:
        self.post_message(self.Closed())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.ItemChosen(event.option_index))
