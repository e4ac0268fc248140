"""What earlier sessions agreed for a part, and how its maturity moved since (previous vs now).

Shown on the walkthrough above the guide part; hidden when no earlier session touched the part.
Earlier sessions are read once (snapshots, without locking them) and kept for the screen's life.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content
from textual.widgets import Static

from workshop.errors import WorkshopError
from workshop.followup import PartHistory, part_history
from workshop.tui.widgets.part_view import one_line

if TYPE_CHECKING:
    from workshop.store import Session, SessionStore


def _level(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def history_lines(history: PartHistory, width: int = 80) -> list[str]:
    """Plain lines describing `history` (empty when there is nothing to say)."""
    lines: list[str] = []
    if history.previous_current is not None or history.previous_target is not None:
        lines.append(
            f"Maturity: previous {_level(history.previous_current)} → now "
            f"{_level(history.now_current)}  (target {_level(history.previous_target)} → "
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


def headline(history: PartHistory, *, expanded: bool) -> str:
    """The one line shown while the panel is folded (and its heading when open)."""
    bits = []
    if history.agreed:
        bits.append(f"{len(history.agreed)} agreed earlier")
    if history.previous_current is not None:
        bits.append(f"maturity {_level(history.previous_current)} → "
                    f"{_level(history.now_current)}")
    key = "h: hide" if expanded else "h: show"
    return f"Earlier sessions: {', '.join(bits) or 'on record'} · {key}"


class PartHistoryPanel(Static):
    """A short panel: earlier agreements and maturity previous vs now for the shown part."""

    DEFAULT_CSS = """
    PartHistoryPanel {
        height: 1;
        padding: 0 1;
        border-left: outer $accent;
        color: $text-muted;
        display: none;
    }
    PartHistoryPanel.-expanded {
        height: auto;
        max-height: 8;
    }
    """

    def __init__(self, session: Session, store: SessionStore | None = None, **kwargs: Any) -> None:
        super().__init__("", markup=False, **kwargs)
        self.session = session
        self._store = store
        self._earlier: list[dict[str, Any]] | None = None
        self.part_id: str | None = None
        self.expanded = False  # folded to one line so the part keeps the room (80x24)

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
        self.part_id = part_id
        if not part_id:
            self.display = False
            return
        try:
            history = part_history(self.session.snapshot(), self._earlier_snapshots(), part_id)
        except (WorkshopError, KeyError, TypeError):
            self.display = False
            return
        lines = history_lines(history, self.size.width or 80)
        if lines:
            lines.insert(0, one_line(headline(history, expanded=self.expanded),
                                     (self.size.width or 80) - 2))
        self.update(Content("\n".join(lines)))
        self.set_class(self.expanded, "-expanded")
        self.display = bool(lines)

    def toggle(self) -> None:
        """Show all lines, or fold back to the headline."""
        self.expanded = not self.expanded
        self.show_part(self.part_id)


__all__ = ["PartHistoryPanel", "headline", "history_lines"]
