"""Moving through the walkthrough: agenda items, the jump list, linked-part detours and back,
and the screens opened from it that lead back to a part (reviews, wrap-up, earlier sessions).

A mixin of WalkthroughScreen (kept apart so the screen module stays about layout and saving).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Static

from workshop.guide.model import Guide
from workshop.tui.widgets.agenda_list import AgendaList
from workshop.tui.widgets.capture import CapturePanel
from workshop.tui.widgets.part_history import PartHistoryPanel  # issue 7 hook
from workshop.tui.widgets.part_view import PartView, literal

if TYPE_CHECKING:
    from workshop.store import Session


class AgendaNavigation:
    """The walkthrough's moving keys (mixed into WalkthroughScreen, which provides session,
    guide, part_view, capture, timer, detour and the rest used here)."""

    session: Session
    guide: Guide
    agenda: list[dict]
    index: int
    detour: list[tuple[str, float]]
    app: Any
    _agenda_open: bool

    def _go_to(self, index: int, *, scroll: float = 0, save: bool = True) -> None:
        """Make agenda item `index` current (flushing the timer of the one we leave)."""
        if save:
            self._flush_timer()
        self.detour.clear()
        empty = self.query_one("#wt-empty", Static)
        if not self.agenda:
            self.index = 0
            empty.update(
                literal(
                    "This session has no agenda yet. Open the session setup to choose the parts "
                    "to walk through (command palette: ctrl+p, then 'setup')."
                )
            )
            empty.display = True
            self.part_view.display = False
            self.timer.load(timebox_minutes=0, spent=0, others=0)
            self._refresh_progress()
            self._refresh_agenda_list()
            return
        self.index = max(0, min(index, len(self.agenda) - 1))
        item = self.agenda[self.index]
        part_id = str(item.get("part", ""))
        if self.guide.has_part(part_id):
            empty.display = False
            self.part_view.display = True
            self._show(part_id, scroll)
        else:
            empty.update(literal(f"Part {part_id!r} is not in this guide (content was changed?)."))
            empty.display = True
            self.part_view.display = False
            self.part_view.part_id = None
            self.capture.show_part(part_id)
        others = sum(
            int(it.get("spent", 0) or 0) for i, it in enumerate(self.agenda) if i != self.index
        )
        self.timer.load(
            timebox_minutes=int(item.get("timebox", 0) or 0),
            spent=int(item.get("spent", 0) or 0),
            others=others,
        )
        self._refresh_progress()
        self._refresh_agenda_list()
        self.room_follow()  # issue 12 hook: phones and the room display follow the agenda
        if save:
            self._save_position()

    def action_next(self) -> None:
        if self.index + 1 < len(self.agenda):
            self._go_to(self.index + 1)
        else:
            self.notify("This is the last agenda item.", timeout=2)

    def action_previous(self) -> None:
        if self.index > 0:
            self._go_to(self.index - 1)
        else:
            self.notify("This is the first agenda item.", timeout=2)

    def action_jump(self) -> None:
        """Show (on narrow terminals) and focus the agenda jump list."""
        agenda = self.query_one(AgendaList)
        self._agenda_open = not (self._agenda_open and agenda.has_focus)
        self.set_class(self._agenda_open, "-agenda-open")
        if self._agenda_open or self.has_class("-wide"):
            agenda.focus()
        else:
            self.part_view.focus()

    def on_agenda_list_closed(self, event: AgendaList.Closed) -> None:
        """Esc in the jump list closes just the list."""
        event.stop()
        self._agenda_open = False
        self.remove_class("-agenda-open")
        self.part_view.focus()

    def on_capture_panel_left(self, event: CapturePanel.Left) -> None:
        """Esc in the captured list goes back to the part, not Home."""
        event.stop()
        self.part_view.focus()

    def on_agenda_list_item_chosen(self, event: AgendaList.ItemChosen) -> None:
        event.stop()
        if event.index != self.index or self.detour:
            self._go_to(event.index)
        self._agenda_open = False
        self.remove_class("-agenda-open")
        self.part_view.focus()

    def on_part_view_link_selected(self, event: PartView.LinkSelected) -> None:
        event.stop()
        self.follow_link(event.part_id)

    def follow_link(self, part_id: str) -> None:
        """Show a linked part; `back` returns to the part and scroll position we left."""
        if not self.guide.has_part(part_id) or self.shown_part is None:
            self.notify(f"Part {part_id} is not in this guide.", severity="warning", markup=False)
            return
        self.detour.append((self.shown_part, self.part_view.scroll_y))
        self._show(part_id)
        self._refresh_progress()

    def action_back(self) -> None:
        if not self.detour:
            self.notify("Nothing to go back to.", timeout=2)
            return
        part_id, scroll = self.detour.pop()
        self._show(part_id, scroll)
        self._refresh_progress()

    # -- other screens (coming back lands on a part) -----------------------------------------

    def action_actions_review(self) -> None:
        from workshop.tui.screens.actions_review import ActionsReviewScreen

        self.app.push_screen(ActionsReviewScreen(self.session, self.guide),
                             callback=self._jump_to_part)

    def action_wrapup(self) -> None:
        from workshop.tui.screens.wrapup import WrapUpScreen

        self.app.push_screen(WrapUpScreen(self.session, self.guide))

    def _jump_to_part(self, part_id: str | None) -> None:
        """Back from a review on `part_id`: its agenda item, or a detour if not on the agenda."""
        self.capture.reloaded(self.session.records())
        if not part_id:
            return
        for index, item in enumerate(self.agenda):
            if item.get("part") == part_id:
                self._go_to(index)
                return
        self.follow_link(part_id)

    def action_toggle_history(self) -> None:
        panel = self.query_one(PartHistoryPanel)
        if not panel.display:
            self.notify("No earlier session recorded anything on this part.", timeout=2)
            return
        panel.toggle()

    def action_follow_up_review(self) -> None:
        """F6: the follow-up review of carried-over open actions (as the carry-over hint says)."""
        opener = getattr(self.app, "open_engagement_screen", None)
        if callable(opener):
            opener("review")
