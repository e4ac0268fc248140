"""The guide browser: every part in its group; the highlighted one is shown beside the list.

Needs no session. Following a linkage moves the list to that part; backspace goes back.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList
from textual.widgets.option_list import Option

from workshop.tui.widgets.literal import literal
from workshop.tui.widgets.part_view import PartView


class GuideScreen(Screen[None]):
    """Browse ISO 37106 part by part, grouped as in the standard."""

    DEFAULT_CSS = """
    GuideScreen #parts { width: 34; height: 1fr; border-right: solid $primary 50%; }
    GuideScreen PartView { width: 1fr; }
    """
    BINDING_GROUP_TITLE = "Guide"
    BINDINGS = [
        Binding("escape", "close", "Back", id="guide.close"),
        Binding("backspace", "back", "Back to previous part", id="guide.back"),
    ]

    def __init__(self, part_id: str | None = None) -> None:
        super().__init__()
        self.start_part = part_id
        self.history: list[str] = []

    def compose(self) -> ComposeResult:
        app: Any = self.app
        guide = app.guide
        options: list[Option] = []
        shown_parents: set[str] = set()
        for group in guide.groups:
            parts = guide.parts_in_group(group.id)
            if not parts:
                continue
            parent = guide.group(group.parent) if group.parent else None
            if parent and parent.id not in shown_parents:  # e.g. Component B, clause 6
                shown_parents.add(parent.id)
                title = parent.title + (f" ({parent.clause})" if parent.clause else "")
                options.append(Option(literal(title), disabled=True, id=f"group:{parent.id}"))
            heading = group.title + (f" ({group.clause})" if group.clause else "")
            if parent:
                heading = f" {heading}"
            options.append(Option(literal(heading), disabled=True, id=f"group:{group.id}"))
            options.extend(Option(literal(f"  {p.display_id:<8}{p.title}"), id=p.id) for p in parts)
        known = {group.id for group in guide.groups}
        stray = [p for p in guide.parts if p.group not in known]
        if stray:  # a city's own parts in a group the outline does not list
            options.append(Option("Other parts", disabled=True, id="group:other"))
            options.extend(Option(literal(f"  {p.display_id:<8}{p.title}"), id=p.id) for p in stray)
        yield Header()
        with Horizontal():
            yield OptionList(*options, id="parts", markup=False)
            yield PartView(guide, id="part")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Guide"
        app: Any = self.app
        self.sub_title = app.guide.name  # e.g. a translation's own name for the guide
        first = self.start_part or (app.guide.parts[0].id if app.guide.parts else None)
        if first:
            self.select(first)
        self.query_one("#parts", OptionList).focus()

    def select(self, part_id: str) -> None:
        """Highlight `part_id` in the list (which shows it)."""
        parts = self.query_one("#parts", OptionList)
        try:
            parts.highlighted = parts.get_option_index(part_id)
        except Exception:  # noqa: BLE001 - an unknown id simply leaves the view as it is
            return
        self.query_one(PartView).show(part_id)

    @property
    def part_id(self) -> str | None:
        return self.query_one(PartView).part_id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "parts" and event.option.id:
            event.stop()
            if event.option.id != self.part_id:
                self.query_one(PartView).show(event.option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "parts":
            event.stop()
            self.query_one(PartView).focus()

    def on_part_view_link_selected(self, event: PartView.LinkSelected) -> None:
        event.stop()
        if self.part_id:
            self.history.append(self.part_id)
        self.select(event.part_id)

    def action_back(self) -> None:
        if self.history:
            self.select(self.history.pop())
        else:
            self.notify("No earlier part to go back to.", markup=False)

    def action_close(self) -> None:
        self.dismiss()

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        app: Any = self.app
        return [
            (f"Show {part.display_id} {part.title}", "Open this part of the guide",
             lambda pid=part.id: self.select(pid))
            for part in app.guide.parts
        ]
