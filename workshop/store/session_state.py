"""The session's ui state (resume position, settings) and unsaved form drafts.

Durable but not undoable: they are written without a journal entry and without touching the
session's "updated" time. A mixin of Session, kept apart from the validated, undoable changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError

from .copies import copy_json as _copy
from .migrate import SINGLE

if TYPE_CHECKING:
    from collections.abc import Callable


class SessionState:
    """ui state and drafts for Session (which provides the data and the plain writes)."""

    _data: dict[str, Any]
    _plain: Callable[..., None]
    _replace: Callable[[str, int, dict[str, Any]], None]

    @property
    def ui_state(self) -> dict[str, Any]:
        return _copy(self._data["state"][SINGLE]["ui"])

    @property
    def drafts(self) -> dict[str, str]:
        return dict(self._data["state"][SINGLE]["drafts"])


    def _set_state(self, ui: dict[str, Any], drafts: dict[str, str]) -> None:
        self._plain("state", lambda: self._replace("state", 1, {"ui": ui, "drafts": drafts}),
                    touch=False)

    def set_ui_state(self, **state: Any) -> None:
        """Merge resume position etc. into the ui state (values must be JSON data)."""
        current = self._data["state"][SINGLE]
        ui = {**current["ui"], **state}
        try:
            ui = _copy(ui)
        except TypeError as error:
            raise WorkshopError(f"ui state must be plain data: {error}") from None
        if ui != current["ui"]:
            self._set_state(ui, dict(current["drafts"]))

    def save_draft(self, key: str, text: str) -> None:
        if not isinstance(key, str) or not isinstance(text, str):
            raise WorkshopError("a draft needs a text key and text")
        current = self._data["state"][SINGLE]
        if current["drafts"].get(key) != text:
            self._set_state(_copy(current["ui"]), {**current["drafts"], key: text})

    def clear_draft(self, key: str) -> None:
        current = self._data["state"][SINGLE]
        if key in current["drafts"]:
            drafts = {k: v for k, v in current["drafts"].items() if k != key}
            self._set_state(_copy(current["ui"]), drafts)
