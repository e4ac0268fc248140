"""B3 collaborative engagement: the stakeholder register, engagement decisions and coverage.

Four tabs: the register (people, organisations, groups with sector, interest and influence), an
interest-influence grid, the engagement decisions (who, at what level, through which channels,
by when, owner, loop closed; each can create an action), and a parts x sectors coverage table
that highlights the sectors absent from a part. The editing keys are stakeholder_actions.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Static,
    TabbedContent,
    TabPane,
)

from workshop.errors import WorkshopError
from workshop.followup import covered_sector_parts, sector_presence
from workshop.guide.model import Guide
from workshop.records import SECTOR_LABELS, SECTORS
from workshop.tui.screens.register_forms import (
    RowTable,
    cell,
)
from workshop.tui.screens.stakeholder_actions import StakeholderActions
from workshop.tui.screens.stakeholder_forms import (
    LEVEL_MEANINGS,
    ActionFromForm,
    EngagementForm,
    StakeholderForm,
    participant_label,
)
from workshop.tui.screens.stakeholder_grid import interest_influence_grid
from workshop.tui.widgets.early_keys import DialogOpener

if TYPE_CHECKING:
    from workshop.store import Session

KIND_SHORT = {"person": "person", "organisation": "org", "group": "group"}


def sector_label(sector: str) -> str:
    """The sector as setup shows it ("Universities and colleges", not "academic"); "?" unset."""
    return SECTOR_LABELS.get(sector, sector) if sector else "?"


# ----------------------------------------------------------------------------------------------
# the screen
# ----------------------------------------------------------------------------------------------


class StakeholdersScreen(StakeholderActions, DialogOpener, Screen):
    """Stakeholder register, interest-influence grid, engagement decisions and coverage."""

    CSS_PATH = "stakeholders.tcss"
    PALETTE_GROUP = "Stakeholders"
    BINDING_GROUP_TITLE = "Stakeholders & engagement"
    BINDINGS = [
        Binding("escape", "back", "Back", id="stakeholders.back", priority=True),
        # Letters and digits are priority (the screen has no text field): handled as they
        # arrive, so what is typed after them in a burst goes to the dialog they open.
        Binding("a", "add_stakeholder", "Add stakeholder", id="stakeholders.add", priority=True,
                tooltip="Add a person, organisation or group to the register"),
        Binding("n", "new_engagement", "Engage", id="stakeholders.engage", priority=True,
                tooltip="Record an engagement decision for a part or recommendation"),
        Binding("e", "edit", "Edit", id="stakeholders.edit", priority=True),
        Binding("enter", "edit", "Edit", id="stakeholders.edit-enter", show=False, priority=True),
        Binding("x", "remove", "Remove", id="stakeholders.remove", priority=True),
        Binding("l", "toggle_loop", "Loop", id="stakeholders.loop", priority=True,
                tooltip="Mark the selected engagement decision's loop closed or open"),
        Binding("c", "create_action", "Make action", id="stakeholders.action", priority=True,
                tooltip="Create an action from the selected engagement decision"),
        Binding("ctrl+z", "undo", "Undo", id="stakeholders.undo", priority=True),
        Binding("1", "tab('tab-register')", "Register", show=False, id="stakeholders.tab-register",
                priority=True),
        Binding("2", "tab('tab-grid')", "Grid", show=False, id="stakeholders.tab-grid",
                priority=True),
        Binding("3", "tab('tab-engagement')", "Engagement", show=False,
                id="stakeholders.tab-engagement", priority=True),
        Binding("4", "tab('tab-coverage')", "Coverage", show=False, id="stakeholders.tab-coverage",
                priority=True),
    ]

    def __init__(self, session: Session, guide: Guide, *, start_tab: str = "tab-register") -> None:
        super().__init__()
        self.session = session
        self.guide = guide
        self.start_tab = start_tab
        self._select = ""  # row key to put the cursor on at the next refresh

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial=self.start_tab, id="sh-tabs"):
            with TabPane("1 Register", id="tab-register"):
                yield RowTable(id="sh-register", cursor_type="row", zebra_stripes=True)
                yield Static("", id="sh-register-empty", markup=False, classes="empty")
            with TabPane("2 Grid", id="tab-grid"), VerticalScroll():
                yield Static("", id="sh-grid")
            with TabPane("3 Engagement", id="tab-engagement"):
                yield RowTable(id="sh-engagement", cursor_type="row", zebra_stripes=True)
                yield Static("", id="sh-engagement-detail", markup=False, classes="detail")
            with TabPane("4 Coverage", id="tab-coverage"):
                yield RowTable(id="sh-coverage", cursor_type="row")
                yield Static("", id="sh-coverage-absent", markup=False, classes="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Stakeholders & engagement"
        register = self.query_one("#sh-register", DataTable)
        register.add_columns("Name", "Kind", "Organisation", "Sector", "Int.", "Infl.", "Here")
        engagement = self.query_one("#sh-engagement", DataTable)
        engagement.add_columns("No", "Part", "Level", "Loop", "By", "Stakeholders", "Channels",
                               "Owner")
        coverage = self.query_one("#sh-coverage", DataTable)
        coverage.add_column("Part", key="part")
        for sector in SECTORS:
            coverage.add_column(SECTOR_LABELS[sector].split()[0], key=sector)  # "Universities"
        self.refresh_views()

    # -- data ----------------------------------------------------------------------------------

    def _participants(self) -> list[dict[str, Any]]:
        return self.session.participants

    def _attending(self) -> list[dict[str, Any]]:
        """Participants marked as attending this workshop (a new stakeholder's default)."""
        return [p for p in self._participants() if p.get("attended")]

    def refresh_views(self) -> None:
        participants = self._participants()
        self._fill_register(participants)
        self.query_one("#sh-grid", Static).update(
            interest_influence_grid(participants, self.size.width or 80)
        )
        self._fill_engagement(participants)
        self._fill_coverage()

    def _keep_cursor(self, table: DataTable, fill: Any) -> None:
        row = table.cursor_row
        table.clear()
        fill()
        if self._select and self._select in table.rows:
            row = table.get_row_index(self._select)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _fill_register(self, participants: list[dict[str, Any]]) -> None:
        table = self.query_one("#sh-register", DataTable)

        def fill() -> None:
            for p in participants:
                table.add_row(
                    cell(p.get("name") or "-", 20),
                    cell(KIND_SHORT.get(p.get("kind") or "person", p.get("kind", ""))),
                    cell(p.get("organisation", ""), 14),
                    cell(sector_label(p.get("sector", ""))),
                    cell(p.get("interest") or "?"), cell(p.get("influence") or "?"),
                    cell("yes" if p.get("attended", True) else "no"), key=p["id"],
                )

        self._keep_cursor(table, fill)
        empty = self.query_one("#sh-register-empty", Static)
        empty.update("" if participants else "No stakeholders yet: press a to add the first.")
        empty.display = not participants

    def _engagements(self) -> list[dict[str, Any]]:
        return self.session.records("engagement")

    def _fill_engagement(self, participants: list[dict[str, Any]]) -> None:
        table = self.query_one("#sh-engagement", DataTable)
        names = {p["id"]: p.get("name") or participant_label(p) for p in participants}

        def fill() -> None:
            for r in self._engagements():
                who = ", ".join(names.get(pid, "?") for pid in r["stakeholders"]) or "-"
                table.add_row(
                    cell(r["no"]), cell(r["rec"] or r["part"]), cell(r["level"]),
                    Text("closed", style="green") if r["loop_closed"]
                    else Text("open", style="bold yellow"),
                    cell(r["due"] or "-"), cell(who, 16), cell(", ".join(r["channels"]) or "-", 14),
                    cell(r["owner"] or "-", 12),
                    key=r["id"],
                )

        self._keep_cursor(table, fill)
        self._show_engagement_detail()

    def _show_engagement_detail(self) -> None:
        detail = self.query_one("#sh-engagement-detail", Static)
        record = self._selected("sh-engagement")
        if record is None:
            detail.update(Content("No engagement decisions yet: press n to record one."))
            return
        names = {p["id"]: participant_label(p) for p in self._participants()}
        who = ", ".join(names.get(pid, "?") for pid in record["stakeholders"]) or "nobody yet"
        actions = [a for a in self.session.records("action") if a.get("target") == record["id"]]
        lines = [
            f"{record['no']}. {record['text'] or '(no description)'}",
            f"Level: {record['level']} ({LEVEL_MEANINGS.get(record['level'], '')}); with: {who}",
            f"Channels: {', '.join(record['channels']) or '-'}; by {record['due'] or '-'}; "
            f"owner {record['owner'] or '-'}; loop {'closed' if record['loop_closed'] else 'open'}",
        ]
        if record.get("origin"):
            lines.append(f"Carried over from: {record['origin'].get('title', '')}")
        if actions:
            lines.append("Actions: " + "; ".join(f"{a['no']}. {a['title']}" for a in actions))
        detail.update(Content("\n".join(lines)))

    def _fill_coverage(self) -> None:
        """Parts x sectors; a part not covered yet says so instead of five ABSENT cells."""
        table = self.query_one("#sh-coverage", DataTable)
        snapshot = self.session.snapshot()
        presence = sector_presence(snapshot)
        covered = covered_sector_parts(snapshot)

        def fill() -> None:
            for part_id, row in presence.items():
                title = part_id
                if self.guide.has_part(part_id):
                    title = self.guide.part(part_id).label
                cells: list[Text] = [cell(title, 14)]
                for sector in SECTORS:
                    names = row[sector]
                    if names:  # how many, then who: "4 Maya Okafor, Dev…"
                        cells.append(cell(f"{len(names)} {', '.join(names)}", 10))
                    elif part_id not in covered:
                        cells.append(Text("not yet", style="dim"))
                    else:
                        cells.append(Text("ABSENT", style="bold reverse red"))
                table.add_row(*cells, key=part_id)

        self._keep_cursor(table, fill)
        done = [part for part in presence if part in covered]
        waiting = [part for part in presence if part not in covered]
        nobody = [part for part in done if not any(presence[part].values())]
        absent = [
            f"{part}: " + ", ".join(SECTOR_LABELS[s] for s in SECTORS if not presence[part][s])
            for part in done
            if any(presence[part].values()) and not all(presence[part].values())
        ]
        lines = []
        if absent:
            lines.append("Absent: " + "; ".join(absent))
        if nobody:
            lines.append("No sector took part in: " + ", ".join(nobody))
        if waiting:
            lines.append("Not covered yet: " + ", ".join(waiting))
        if not lines:
            lines.append("Every sector took part in every part." if presence else
                         "No parts on the agenda and nothing recorded yet.")
        if done and not self._participants():
            lines.append("Add the people in the room (tab 1) to see who was present.")
        self.query_one("#sh-coverage-absent", Static).update(Content("\n".join(lines)))

    def _selected(self, table_id: str) -> dict[str, Any] | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if table_id == "sh-register":
            return next((p for p in self._participants() if p["id"] == key), None)
        try:
            return self.session.record(key)
        except (WorkshopError, KeyError):
            return None

    def _active_tab(self) -> str:
        return self.query_one("#sh-tabs", TabbedContent).active

    # -- events --------------------------------------------------------------------------------

    def on_resize(self) -> None:
        if self.is_mounted:
            self.query_one("#sh-grid", Static).update(
                interest_influence_grid(self._participants(), self.size.width or 80)
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "sh-engagement":
            self._show_engagement_detail()

    async def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on a row edits it (enter is the priority binding above)."""
        if event.data_table.id in ("sh-register", "sh-engagement"):
            await self.action_edit()

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self.refresh_bindings()
        pane = event.pane
        tables = pane.query(DataTable)
        if tables:
            tables.first().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not super().check_action(action, parameters):
            return False  # a dialog is opening
        if not self.is_mounted:
            return True
        tab = self._active_tab()
        if action in ("toggle_loop", "create_action"):
            return tab == "tab-engagement"
        if action in ("edit", "remove"):
            return tab in ("tab-register", "tab-engagement")
        return True

    # -- tabs and palette (the editing keys are stakeholder_actions.StakeholderActions) -------

    def action_back(self) -> None:
        self.dismiss()

    def action_tab(self, tab: str) -> None:
        self.query_one("#sh-tabs", TabbedContent).active = tab

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Interest-influence grid", "Who sits where: interest x influence",
             lambda: self.action_tab("tab-grid")),
            ("Engagement decisions", "Who is engaged on what, at which level",
             lambda: self.action_tab("tab-engagement")),
            ("Sector coverage", "Parts x sectors: which sectors were absent",
             lambda: self.action_tab("tab-coverage")),
            ("Stakeholder register", "People, organisations and groups",
             lambda: self.action_tab("tab-register")),
        ]


# the forms are imported from here by other screens and tests
__all__ = ["ActionFromForm", "EngagementForm", "StakeholderForm", "StakeholdersScreen",
           "interest_influence_grid", "participant_label"]
