"""Drafts of the capture forms: what is typed is kept in the session until saved or discarded.

The draft is written DRAFT_DELAY after typing stops, at once on Esc, Home or quit, and removed when
the record is saved or the draft discarded. A form that has finished (saved, cancelled,
discarded, or gone from the screen) writes nothing any more: its timer is stopped and a change
event still queued on it is ignored, so a saved note can never come back as the next form's draft.
"""

from __future__ import annotations

import json
from typing import Any

from textual.widgets import Static

from workshop.errors import WorkshopError
from workshop.tui.widgets.literal import literal

DRAFT_DELAY = 0.4  # seconds of quiet typing before the draft is written


class DraftKeeper:
    """Draft handling mixed into RecordForm (which provides the attributes used here)."""

    context: Any
    draft_key: str
    _draft_timer: Any
    _finished: bool
    _touched: bool
    restored_draft: bool
    _opened_values: dict[str, Any] | None

    def _draft(self) -> dict[str, Any]:
        raw = self.context.drafts.get(self.draft_key, "")
        if not raw:
            return {}
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def _stop_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _finish(self) -> None:
        """From now on this form writes no draft (saved, cancelled, discarded or closed)."""
        self._finished = True
        self._stop_draft_timer()

    def _schedule_draft(self) -> None:
        if self._finished:
            return
        self._stop_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)  # type: ignore[attr-defined]

    def write_draft(self) -> None:
        """Keep what is typed in the session (durable) so nothing is lost."""
        self._draft_timer = None
        if self._finished or self.context.save_draft is None:
            return
        text = json.dumps(self.values())  # type: ignore[attr-defined]
        try:
            self.context.save_draft(self.draft_key, text)
            self.context.drafts[self.draft_key] = text
        except WorkshopError as error:
            self.query_one("#form-error", Static).update(  # type: ignore[attr-defined]
                literal(f"Draft not saved: {error}"))

    def _clear_draft(self) -> None:
        self._stop_draft_timer()
        if self.context.clear_draft is not None and (self._touched or self.restored_draft):
            self.context.clear_draft(self.draft_key)
            self.context.drafts.pop(self.draft_key, None)

    def save_now(self) -> None:
        """Write a pending draft at once (the app calls this before quitting or going Home).
        Compares the fields themselves: keys that landed just now have not been seen as changes."""
        self._stop_draft_timer()
        if self._finished:
            return
        if self._touched or self.values() != self._opened_values:  # type: ignore[attr-defined]
            self.write_draft()

    def action_cancel(self) -> None:
        if self._finished:
            return
        self._stop_draft_timer()
        if self._touched:
            self.write_draft()
        self._finish()
        self.dismiss(None)  # type: ignore[attr-defined]

    def action_discard(self) -> None:
        if self._finished:
            return
        try:
            self._clear_draft()
        except WorkshopError as error:
            self.query_one("#form-error", Static).update(  # type: ignore[attr-defined]
                literal(str(error)))
            return
        self._finish()
        self.dismiss(None)  # type: ignore[attr-defined]

    def on_unmount(self) -> None:
        self._finish()
