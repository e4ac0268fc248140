"""Wrap-up: the session summary on screen before export, built by `workshop.summary` so the screen
and every export agree. The maturity chart uses Unicode bars that fit in 80 columns."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from workshop.export.formats import formats_in_words
from workshop.guide.model import Guide, display_part_id
from workshop.summary import Summary, SummaryOptions, build_summary, collector_paused
from workshop.tui.widgets.literal import literal, one_line
from workshop.tui.widgets.timer import format_duration

if TYPE_CHECKING:
    from workshop.store import Session

BAR_CELLS = 20  # 5 levels x 4 cells: 20 cells, so a chart line stays under 80 columns
# A list on this screen stops here and says how many more the export has: thousands of lines
# cannot be read at the end of a day, and laying them out froze the screen for seconds.
WRAPUP_ITEMS = 100
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float, cells: int = BAR_CELLS, top: float = 5.0) -> str:
    """A left-aligned bar of `cells` width for `value` out of `top`, in eighths of a cell."""
    eighths = round(max(0.0, min(value, top)) / top * cells * 8)
    full, rest = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[rest] if rest else "")
    return text.ljust(cells, "·")


def maturity_chart(summary: Summary, width: int = 78) -> list[str]:
    """Two lines per rated part: now and target bars with values, level names and the gap."""
    lines = []
    for row in summary.maturity.parts:
        label = one_line(row.where.part_label, width - 2)
        lines.append(f"{label}  (gap {row.gap:+.1f}, {row.ratings} rating(s))")
        lines.append(f"  now    {bar(row.current)} {row.current:.1f} {row.current_name}")
        lines.append(f"  target {bar(row.target)} {row.target:.1f} {row.target_name}")
    return lines


def _no_open_actions(summary: Summary) -> str:
    """Why the open-actions list is empty: none at all, or all done or dropped."""
    closed = Counter(a.status for a in summary.actions if not a.is_open)
    if not closed:
        return "No actions yet."
    counts = ", ".join(f"{n} {status}" for status, n in sorted(closed.items()))
    return f"No open actions ({counts})."


def _more(total: int, what: str) -> list[str]:
    """The line closing a list cut at WRAPUP_ITEMS (none when it was not cut)."""
    if total <= WRAPUP_ITEMS:
        return []
    return [f"… and {total - WRAPUP_ITEMS:,} more {what}: export the summary (x) to read them all"]


def summary_sections(summary: Summary) -> list[tuple[str, str]]:
    """(heading, body) pairs, all plain text."""
    glance = summary.glance
    counts = " · ".join(f"{c.label}s {c.count}" for c in glance.counts if c.count) or "nothing yet"
    spent = format_duration(glance.seconds_spent)
    sections = [
        ("At a glance",
         f"{counts}\nParts covered {glance.parts_covered} of {glance.parts_planned} · "
         f"time spent {spent} of {glance.minutes_planned} min planned"),
    ]
    if glance.top_voted:
        sections.append(("Top-voted recommendations and ideas", "\n".join(
            f"{v.dots_text:>8}  " + one_line(display_part_id(v.label or v.context), 64)
            for v in glance.top_voted
        )))
    chart = maturity_chart(summary)
    sections.append(("Maturity: now vs target (1 Not started … 5 Leading)",
                     "\n".join(chart) if chart else "No ratings yet."))
    decisions = [d for group in summary.decisions for d in group.decisions if d.outcome == "agreed"]
    sections.append(("Agreed decisions", "\n".join(
        [f"• {display_part_id(d.where.part)}"
         f"{(' ' + d.where.rec.rsplit('.', 1)[-1]) if d.where.rec else ''}: "
         f"{one_line(d.text, 200)}" + (f"\n    why: {one_line(d.rationale, 200)}"
                                        if d.rationale else "")
         for d in decisions[:WRAPUP_ITEMS]] + _more(len(decisions), "agreed decisions")
    ) or "None yet."))
    owners = []
    listed = total = 0
    for group in summary.next_steps.by_owner:
        total += len(group.actions)
        if listed == WRAPUP_ITEMS:
            continue
        owners.append(f"{group.owner or '(no owner yet)'}")
        for action in group.actions[:WRAPUP_ITEMS - listed]:
            due = action.due or "no due date"
            late = " OVERDUE" if action.overdue else ""
            owners.append(f"  {due}{late} · {one_line(action.title, 120)} "
                          f"({display_part_id(action.where.part)}, {action.priority}, "
                          f"{action.status})")
            listed += 1
    owners += _more(total, "open actions")
    sections.append(("Actions by owner (open)", "\n".join(owners) or _no_open_actions(summary)))
    uncovered = [w.part_label for w in summary.next_steps.uncovered]
    sections.append(("Agenda parts not covered", "\n".join(f"• {u}" for u in uncovered)
                     or "Every agenda part was covered."))
    return sections


class WrapUpScreen(Screen[None]):
    """Counts, top votes, maturity chart, agreed decisions, actions by owner, uncovered parts."""

    BINDING_GROUP_TITLE = "Wrap-up"
    PALETTE_GROUP = "Wrap-up"
    BINDINGS = [
        Binding("escape", "close", "Back", id="wrapup.close"),
        Binding("r", "refresh_summary", "Refresh", id="wrapup.refresh"),
        Binding("x", "export", "Export…", id="wrapup.export"),
        Binding("c", "close_session", "Close the session", id="wrapup.close-session"),
    ]
    DEFAULT_CSS = """
    WrapUpScreen VerticalScroll {
        padding: 0 1;
    }
    WrapUpScreen .wu-heading {
        text-style: bold;
        color: $accent;
        margin-top: 1;
    }
    WrapUpScreen #wu-title {
        text-wrap: nowrap;
        text-overflow: ellipsis;
        text-style: bold;
        background: $panel;
        padding: 0 1;
    }
    """

    def __init__(self, session: Session, guide: Guide) -> None:
        super().__init__()
        self.session = session
        self.guide = guide

    def compose(self) -> ComposeResult:
        yield Static(id="wu-title", markup=False)
        yield VerticalScroll(id="wu-body")
        yield Footer()

    def on_mount(self) -> None:
        self.action_refresh_summary()

    def action_refresh_summary(self) -> None:
        with collector_paused():  # copying a big session makes no cycles (see summary)
            summary = build_summary(self.session.snapshot(), self.guide, SummaryOptions())
        title = summary.title
        status = str(self.session.meta.get("status", ""))
        self.query_one("#wu-title", Static).update(
            literal("Wrap-up" + (f" ({status})" if status else "") + f" · {title.title}"
                    + (f" · {title.city}" if title.city else ""))
        )
        body = self.query_one("#wu-body", VerticalScroll)
        body.remove_children()
        widgets = []
        for heading, text in summary_sections(summary):
            widgets.append(Static(literal(heading), classes="wu-heading"))
            widgets.append(Static(literal(text), classes="wu-section"))
        body.mount_all(widgets)
        body.focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_close_session(self) -> None:
        """Mark the session closed (with confirmation); it can be reopened from the setup screen."""
        from workshop.errors import WorkshopError
        from workshop.tui.screens.confirm import ConfirmScreen

        if self.session.meta.get("status") == "closed":
            self.notify("This session is already closed.", timeout=3, markup=False)
            return

        def answer(confirmed: bool | None) -> None:
            if not confirmed:
                return
            try:
                self.session.update_meta(status="closed")
            except WorkshopError as error:
                self.notify(str(error), title="Problem", severity="error", timeout=10,
                            markup=False)
                return
            self.action_refresh_summary()
            self.notify("Session closed. Its status can be changed back in the setup screen.",
                        timeout=4, markup=False)

        self.app.push_screen(
            ConfirmScreen("Close the session?",
                          "Its status becomes 'closed' (shown in the session list). Nothing is "
                          "deleted; you can still export it, and set the status back in setup.",
                          yes="Close the session", danger=False),
            callback=answer,
        )

    def action_export(self) -> None:
        """From the summary on screen straight to writing it out."""
        from workshop.tui.screens.export import ExportScreen

        sessions_dir = getattr(self.app, "sessions_dir", None)
        if sessions_dir is None:  # a bare test app without the workshop shell
            self.notify("Export is available from the workshop app.", markup=False)
            return
        self.app.push_screen(ExportScreen(self.session, self.guide, sessions_dir),
                             lambda _path: self.action_refresh_summary())

    def palette_commands(self) -> list[tuple[str, str, Callable[[], Any]]]:
        return [
            ("Wrap-up: refresh", "Rebuild the summary from the session",
             self.action_refresh_summary),
            ("Wrap-up: export…", f"Write the summary as {formats_in_words()}",
             self.action_export),
            ("Wrap-up: close the session", "Set its status to closed (asks first)",
             self.action_close_session),
            ("Wrap-up: back", "Return to the walkthrough", self.action_close),
        ]
