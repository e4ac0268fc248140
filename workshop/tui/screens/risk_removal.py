"""Removing a risk from the checklist, and undoing it: asked first, and undo names the risk.

Mixed into RisksScreen, which provides the session, the items, the form and the side list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError
from workshop.tui.app import let_pending_keys_land
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.register_forms import (
    refuse_if_readonly,
    show_error,
    undo_and_notify,
)
from workshop.tui.screens.risk_fields import RiskList
from workshop.tui.widgets.part_view import one_line

if TYPE_CHECKING:
    from workshop.store import Session


class RiskRemoval:
    """x/delete on the risk list (after a question), ctrl+z, and the reload after either."""

    session: Session
    items: list[Any]
    index: int

    async def action_remove_risk(self) -> None:
        """Remove the highlighted risk's record, after asking (ctrl+z brings it back).

        A city's own risk leaves the list; an Annex B risk stays, back to not addressed.
        """
        if refuse_if_readonly(self, self.session, "remove a risk"):
            return
        risk_list = self.query_one("#risk-list", RiskList)
        index = risk_list.highlighted if risk_list.has_focus else self.index
        if index is None or not 0 <= index < len(self.items):
            return
        item = self.items[index]
        if item.record is None:
            self.notify(f"{item.label} has nothing recorded to remove.", markup=False,
                        timeout=3)
            return
        record = item.record
        own = record["risk"] != item.key  # a city's own (or from another guide)
        question = (f"Remove risk {item.label} {one_line(item.title, 40)}?" if own
                    else f"Clear what was recorded for {item.label} {one_line(item.title, 40)}?")
        detail = ("Its answers, ratings and mitigation go" + ("" if own else
                  " (the checklist risk stays, not addressed)")
                  + ". ctrl+z brings them back.")

        async def answer(remove: bool | None) -> None:
            if not remove:
                return
            try:
                self.session.delete_record(record["id"])
            except WorkshopError as error:
                show_error(self, error)
                return
            self._clear_draft(item)
            await self._reload()
            self.notify(f"Removed {item.label} {one_line(item.title, 40)} (ctrl+z: undo).",
                        markup=False)

        await self.open_dialog(ConfirmScreen(question, detail, yes="Remove (y)", no="Keep (n)"),
                               answer)

    async def action_undo(self) -> None:
        """Undo the session's last change and say what came back (with the risk's title)."""
        await let_pending_keys_land(self.app)
        _label, _tables, records = self.session.next_undo()
        titles = [one_line(r.get("title") or "", 40) for r in records
                  if r.get("kind") == "risk" and r.get("title")]
        if undo_and_notify(self, self.session, about=", ".join(titles)) is None:
            return
        await self._reload()

    async def _reload(self) -> None:
        key = self.current.key if self.current else ""
        self.load_items()
        self.index = next((n for n, it in enumerate(self.items) if it.key == key),
                          min(self.index, max(0, len(self.items) - 1)))
        self._fill_list()
        self._fill_heat_map()
        await self._show_current()
