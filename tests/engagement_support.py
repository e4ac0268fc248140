"""Shared pieces of the register-screen pilot tests (stakeholders, risks, benefits, follow-up):
a small real guide, a bare host app over a real store, and readers for toasts, tables and
rendered text. Imported by tests/test_tui_engagement.py and the other register tests.
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from textual.app import App
from textual.widgets import DataTable

from workshop.guide.model import Group, Guide, Part, Recommendation, Risk
from workshop.store import SessionStore


def small_guide() -> Guide:
    """A small real Guide: parts B3, B4, C, D and Annex B with six key risks."""

    def part(pid: str, title: str, group: str, recs: tuple[str, ...] = (), risks=()) -> Part:
        return Part(
            id=pid, clause="", title=title, group=group, summary=f"{title} summary",
            context="context", need="need",
            recommendations=tuple(
                Recommendation(f"{pid}.R{i}", t, "why") for i, t in enumerate(recs, 1)
            ),
            linkages=(), prompts=(), risks=tuple(risks),
        )

    risks = [
        Risk(f"AnnexB.K{i}", title, f"How {title.lower()} shows up.",
             (f"Question one about {title.lower()}?", f"Question two about {title.lower()}?"),
             ("B3",))
        for i, title in enumerate(
            ["Weak leadership", "No shared vision", "Technology-led", "Little engagement",
             "Procurement lock-in", "Privacy failure"], 1)
    ]
    return Guide(
        parts=(
            part("B3", "Collaborative engagement", "strategy",
                 ("Map stakeholders", "Engage continuously")),
            part("B4", "Procurement", "strategy", ("Buy outcomes",)),
            part("C", "Benefit realization", "component-c"),
            part("D", "Key risks", "component-d"),
            part("AnnexB", "Key risks checklist", "annex", risks=risks),
        ),
        groups=(Group("strategy", "Strategy"), Group("component-c", "C"),
                Group("component-d", "D"), Group("annex", "Annexes")),
    )


class Host(App):
    """A bare app that shows one screen; `store` as the real app offers it."""

    def __init__(self, screen_factory: Any, store: SessionStore) -> None:
        super().__init__()
        self.screen_factory = screen_factory
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory())


def messages(app: App) -> list[str]:
    return [str(n.message) for n in app._notifications]


def table_text(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def render_text(renderable: Any, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue().splitlines()
