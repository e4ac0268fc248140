"""Pick the record a duplicate is merged into (moderation in the walkthrough)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workshop import moderation
from workshop.records import record_title
from workshop.tui.widgets.literal import literal, one_line


class MergePicker(ModalScreen[str | None]):
    """Dismisses with the id of the record to keep, or None (escape)."""

    DEFAULT_CSS = """
    MergePicker { align: center middle; }
    MergePicker > Vertical {
        width: 72; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2;
    }
    MergePicker #merge-question { text-style: bold; }
    MergePicker #merge-detail { color: $text-muted; margin-bottom: 1; }
    MergePicker OptionList { height: auto; max-height: 12; }
    """
    BINDING_GROUP_TITLE = "Merge duplicates"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="merge.cancel")]

    def __init__(self, duplicate: dict, candidates: list[dict]) -> None:
        super().__init__()
        self.duplicate = duplicate
        self.candidates = candidates

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(one_line(
                f"Merge {moderation.name(self.duplicate)} "
                f"\u201c{record_title(self.duplicate)}\u201d into:", 120)), id="merge-question")
            yield Static("Its votes move to the one you pick; it is hidden, not deleted. "
                         "Undo (u) takes the merge back.", id="merge-detail", markup=False)
            yield OptionList(*[
                Option(literal(one_line(f"{moderation.name(r).capitalize()}: "
                                        f"{record_title(r)}", 100)), id=r["id"])
                for r in self.candidates
            ], id="merge-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
