"""What every form shares: the capture forms (walkthrough) and the register forms alike.

Why one base: keys must be handled in the order typed in every form. Tab is a priority key (it
moves focus as it arrives, so the keys typed after it in a burst go to the next field), but while
the form is still opening (EarlyKeys holds the keys typed so far) it waits behind them; a Tab
also takes the participant a half-typed name stands for. Before any save, a choice list left
open commits the option it shows highlighted.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import ModalScreen

from workshop.tui.widgets.capture_fields import PeopleInput
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.early_keys import EarlyKeys


class FormBase(EarlyKeys, ModalScreen[Any]):
    """A modal form: Tab and shift+Tab in typed order, choices committed before a save."""

    def action_next_field(self) -> None:
        if self.early_keys_waiting:  # the form is still opening: Tab waits behind the keys
            self.post_message(events.Key("tab", "\t"))
            return
        focused = self.focused
        if isinstance(focused, PeopleInput):  # Tab takes the participant offered, then moves
            focused.post_message(PeopleInput.Complete())
        self.focus_next()

    def action_previous_field(self) -> None:
        if self.early_keys_waiting:
            self.post_message(events.Key("shift+tab", None))
            return
        self.focus_previous()

    def _early_deliver(self, event: events.Key) -> None:
        """A held Tab also completes a half-typed name, as a Tab typed later does."""
        if event.key == "tab":
            self.action_next_field()
            return
        super()._early_deliver(event)

    def commit_choices(self) -> None:
        """An open choice list saves the option it shows highlighted (called before a save)."""
        for choice in self.query(ChoiceSelect):
            choice.commit_open_list()
