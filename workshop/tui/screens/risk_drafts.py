"""Drafts of the risk checklist: typed answers survive a crash or a quit before they are saved.

Written 0.6 s after typing stops (or at once by save_now), one draft per risk, cleared when the
risk's record is saved. Mixed into RisksScreen, which provides `session`, `current` and the form.
"""

from __future__ import annotations

import contextlib
import json
from typing import TYPE_CHECKING, Any

from textual.widgets import Input, Select

from workshop.errors import WorkshopError
from workshop.records import RISK_STATUSES
from workshop.tui.screens.register_forms import show_error
from workshop.tui.screens.risk_heat_map import RiskItem

if TYPE_CHECKING:
    from workshop.store import Session


class RiskDrafts:
    """The draft half of the risk checklist screen."""

    session: Session
    _draft_timer: Any
    _loading: bool

    @property
    def current(self) -> RiskItem | None:  # pragma: no cover - provided by the screen
        raise NotImplementedError

    _saved_typed: dict[str, str] | None = None

    def _done_loading(self) -> None:
        self._loading = False

    def _remember_saved(self) -> None:
        """What the form shows of the saved record: a draft equal to it is no draft (else
        opening a risk, with no key pressed, left 'Restored unsaved answers' for next time)."""
        self._saved_typed = self._typed()

    @staticmethod
    def _draft_key(item: RiskItem) -> str:
        return f"risks:{item.key}"

    def _restore_draft(self, item: RiskItem) -> None:
        try:
            raw = self.session.drafts.get(self._draft_key(item))
            draft = json.loads(raw) if raw else None
        except (ValueError, TypeError, WorkshopError):
            return
        if not isinstance(draft, dict):
            return
        for n in range(len(item.questions)):
            value = draft.get(f"answer-{n}")
            if isinstance(value, str):
                self.query_one(f"#answer-{n}", Input).value = value
        for wid in ("risk-likelihood", "risk-impact", "risk-mitigation"):
            if isinstance(draft.get(wid), str):
                self.query_one(f"#{wid}", Input).value = draft[wid]
        if draft.get("risk-status") in RISK_STATUSES:
            self.query_one("#risk-status", Select).value = draft["risk-status"]
        self.notify(f"Restored unsaved answers for {item.label}.", markup=False, timeout=4)

    def _typed(self) -> dict[str, str]:
        typed = {i.id: i.value for i in self.query("#risk-form Input") if i.id}
        status = self.query("#risk-status")
        if status and status.first(Select).value is not Select.BLANK:  # BLANK: still mounting
            typed["risk-status"] = str(status.first(Select).value)
        return typed

    def on_input_changed(self, event: Input.Changed) -> None:
        self._schedule_draft()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._schedule_draft()

    def _schedule_draft(self) -> None:
        if self._loading or self.current is None or self.session.readonly:
            return
        if self._draft_timer is not None:
            self._draft_timer.stop()
        self._draft_timer = self.set_timer(0.6, self._write_draft)

    def save_now(self) -> None:
        """Write the pending draft at once (the app calls this before Home and quit).

        The draft is otherwise written 0.6 s after typing stops, so leaving sooner lost the
        last edits. Nothing pending means nothing to write.
        """
        if self._draft_timer is None:
            return
        self._draft_timer.stop()
        self._write_draft()

    def _write_draft(self) -> None:
        self._draft_timer = None
        item = self.current
        if item is None or self._loading or not self.query("#risk-likelihood"):
            return  # a form being rebuilt holds nothing typed yet
        typed = self._typed()
        try:
            if typed == self._saved_typed:
                self.session.clear_draft(self._draft_key(item))
            else:
                self.session.save_draft(self._draft_key(item), json.dumps(typed))
        except WorkshopError as error:
            show_error(self, error)

    def _clear_draft(self, item: RiskItem) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        # the saved record is what counts; a stale draft would only restore the same text
        with contextlib.suppress(WorkshopError):
            self.session.clear_draft(self._draft_key(item))
