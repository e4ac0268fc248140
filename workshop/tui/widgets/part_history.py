"""What earlier sessions agreed for a part, and how its maturity moved since (previous vs now).

Shown on the walkthrough above the guide part; hidden when no earlier session touched the part.
Earlier sessions are read once (snapshots, without locking them) and kept for the screen's life.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from workshop.errors import WorkshopError
from workshop.followup import PartHistory, part_history
from workshop.tui.widgets.part_view import one_line


def _level(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def history_lines(history: PartHistory, width: int = 80) -> list[str]:
    """Plain lines describing `history` (empty when there is nothing to say)."""
    lines: list[str] = []
    if history.previous_current is not None or history.previous_target is not None:
        lines.append(
            f"Maturity: previous {_level(history.previous_current)} -> now "
            f"{_level(history.now_current)}  (target {_level(history.previous_target)} -> "
            f"{_level(history.now_target)})"
        )
    if history.agreed:
        lines.append(f"Agreed earlier ({len(history.agreed)}):")
        for title, record in history.agreed[-4:]:
            if record["kind"] == "action":
                what = f"action {record['title']} [{record['status']}]"
            else:
                what = f"decision {record['text']}"
            lines.append(one_line(f"  {title}: {what}", width - 4))
        if len(history.agreed) > 4:
            lines.append(f"  ... and {len(history.agreed) - 4} more")
    return lines


class PartHistoryPanel(Static):
    """A short panel: earlier agreements and maturity previous vs now for the shown part."""

    DEFAULT_CSS = """
    PartHistoryPanel {
        height: auto;
        max-height: 7;
        padding: 0 1;
        border-left: outer $accent;
        color: $text-muted;
        display: none;
    }
    """

    def __init__(self, session: Any, store: Any = None, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.session = session
        self._store = store
        self._earlier: list[dict[str, Any]] | None = None

    def _earlier_snapshots(self) -> list[dict[str, Any]]:
        if self._earlier is None:
            self._earlier = []
            store = self._store if self._store is not None else getattr(self.app, "store", None)
            if store is None:
                return self._earlier
            try:
                infos = [i for i in store.list() if i.readable and i.id != self.session.id]
                for info in infos:
                    try:
                        self._earlier.append(store.read_snapshot(info.id))
                    except WorkshopError:
                        continue  # an unreadable session is listed on the home screen
            except WorkshopError:
                pass
        return self._earlier

    def show_part(self, part_id: str | None) -> None:
        """Describe `part_id` (None hides the panel)."""
        if not part_id:
            self.display = False
            return
        try:
            history = part_history(self.session.snapshot(), self._earlier_snapshots(), part_id)
        except (WorkshopError, KeyError, TypeError):
            self.display = False
            return
        lines = history_lines(history, self.size.width or 80)
        self.update(Content("\n".join(lines)))
        self.display = bool(lines)


__all__ = ["PartHistoryPanel", "history_lines"]
