"""Session setup, participants tab: the list of people and groups in the room and their dialog.

Single letters on the list are commands (a add, enter edit, x remove), so they are priority
bindings whose actions wait for the dialog to be ready (widgets/early_keys.py): a name typed in
the same burst as `a` lands in the dialog, never in the list below. Removing asks first; nothing
reaches the store until the setup screen is saved (ctrl+s).
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    DataTable,
    Input,
    Label,
    Select,
    Static,
)

from workshop.records import LEVELS_LMH, PARTICIPANT_KINDS, SECTOR_LABELS, SECTORS
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.early_keys import TABLE_CURSOR_BINDINGS, DialogOpener, EarlyKeys
from workshop.tui.widgets.literal import literal_cell, one_line
from workshop.tui.widgets.tickbox import TickBox

# Tab is handled as the key arrives (priority), not as a normal binding that only runs once the
# key has gone through the focused field's queue and bubbled back: in a burst (paste, SSH) the
# app routes the keys after Tab to the field that has focus at that moment, which would still be
# the old one, so "Title3<tab>City3" all ended up in Title.
TAB_BINDINGS = [
    Binding("tab", "next_field", "Next field", show=False, priority=True,
            id="setup.next-field"),
    Binding("shift+tab", "previous_field", "Previous field", show=False, priority=True,
            id="setup.previous-field"),
]


class FieldTabbing:
    """Tab / shift+tab move focus at once (see TAB_BINDINGS)."""

    def action_next_field(self) -> None:
        self.focus_next()  # type: ignore[attr-defined]

    def action_previous_field(self) -> None:
        self.focus_previous()  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# participants
# ---------------------------------------------------------------------------------------------


class ParticipantDialog(EarlyKeys, FieldTabbing, ModalScreen[dict | None]):
    """Add or edit one participant (a person, an organisation or a stakeholder group)."""

    DEFAULT_CSS = """
    ParticipantDialog { align: center middle; }
    ParticipantDialog > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ParticipantDialog .row { height: auto; }
    ParticipantDialog .row Label { width: 14; padding-top: 0; }
    ParticipantDialog .row Input, ParticipantDialog .row Select { width: 1fr; }
    ParticipantDialog #name-error { color: $error; padding-left: 14; height: auto; }
    ParticipantDialog #dialog-title { text-style: bold; }
    ParticipantDialog #buttons { height: auto; align-horizontal: right; }
    ParticipantDialog #buttons Button { margin-left: 1; }
    """
    BINDING_GROUP_TITLE = "Participant"
    BINDINGS = [
        Binding("ctrl+s", "accept", "OK", id="participant.ok"),
        Binding("escape", "cancel", "Cancel", id="participant.cancel"),
        *TAB_BINDINGS,
    ]

    def __init__(self, participant: dict[str, Any] | None = None) -> None:
        super().__init__()
        self.participant = dict(participant or {})

    def compose(self) -> ComposeResult:
        p = self.participant
        new = not p.get("name")
        with VerticalScroll():
            yield Static("New participant" if new else "Edit participant", id="dialog-title")
            with Horizontal(classes="row"):
                yield Label("Name")
                yield Input(p.get("name", ""), id="name", compact=True,
                            placeholder="person, organisation or group")
            yield Static("", id="name-error", markup=False)
            with Horizontal(classes="row"):
                yield Label("Organisation")
                yield Input(p.get("organisation", ""), id="organisation", compact=True)
            with Horizontal(classes="row"):
                yield Label("Role")
                yield Input(p.get("role", ""), id="role", compact=True)
            with Horizontal(classes="row"):
                yield Label("Kind")
                yield ChoiceSelect([(k, k) for k in PARTICIPANT_KINDS], id="kind", compact=True,
                             allow_blank=False, value=p.get("kind") or "person")
            with Horizontal(classes="row"):
                yield Label("Sector")
                yield ChoiceSelect([(SECTOR_LABELS[s], s) for s in SECTORS], id="sector",
                                   compact=True,
                             prompt="(not set)", value=p.get("sector") or Select.NULL)
            with Horizontal(classes="row"):
                yield Label("Interest")
                yield ChoiceSelect([(lvl, lvl) for lvl in LEVELS_LMH if lvl], id="interest",
                             compact=True, prompt="(not rated)",
                             value=p.get("interest") or Select.NULL)
            with Horizontal(classes="row"):
                yield Label("Influence")
                yield ChoiceSelect([(lvl, lvl) for lvl in LEVELS_LMH if lvl], id="influence",
                             compact=True, prompt="(not rated)",
                             value=p.get("influence") or Select.NULL)
            with Horizontal(classes="row"):
                yield Label("")
                yield TickBox("Attended", bool(p.get("attended", True)), id="attended",
                              compact=True)
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#name-error", Static).display = False
        self.early_keys_ready(self.query_one("#name", Input))

    @on(Input.Changed, "#name")
    def _check_name(self) -> None:
        self._name_problem()

    def _name_problem(self) -> str:
        problem = "" if self.query_one("#name", Input).value.strip() else "A name is needed."
        error = self.query_one("#name-error", Static)
        error.update(problem)
        error.display = bool(problem)
        return problem

    def values(self) -> dict[str, Any]:
        def choice(widget_id: str) -> str:
            value = self.query_one(f"#{widget_id}", Select).value
            return "" if value is Select.NULL else str(value)

        return {
            **self.participant,
            "name": self.query_one("#name", Input).value.strip(),
            "organisation": self.query_one("#organisation", Input).value.strip(),
            "role": self.query_one("#role", Input).value.strip(),
            "kind": choice("kind") or "person",
            "sector": choice("sector"),
            "interest": choice("interest"),
            "influence": choice("influence"),
            "attended": self.query_one("#attended", Checkbox).value,
        }

    def action_accept(self) -> None:
        if self._name_problem():
            self.early_keys_ready(self.query_one("#name", Input))
            return
        self.dismiss(self.values())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_accept()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.action_accept()
        else:
            self.dismiss(None)


class ParticipantTable(DataTable):
    """The people and groups in the room; keys act on the highlighted row."""

    BINDING_GROUP_TITLE = "Setup: participants"
    BINDINGS = [
        # priority: handled as the key arrives, so the keys typed after it reach the dialog
        Binding("a", "screen.participant_add", "Add", id="setup.participant-add",
                priority=True),
        Binding("enter", "screen.participant_edit", "Edit", id="setup.participant-edit",
                priority=True),
        Binding("space", "screen.participant_attended", "Attended?",
                id="setup.participant-attended", priority=True),
        Binding("x,delete", "screen.participant_remove", "Remove", id="setup.participant-remove",
                priority=True),
        *TABLE_CURSOR_BINDINGS,
    ]


class ParticipantsTab(DialogOpener):
    """The participants tab of SetupScreen: `self.participants` edited in memory."""

    participants: list[dict[str, Any]]
    removed_participants: list[str]

    def _refresh_participants(self, cursor: int | None = None) -> None:
        table = self.query_one(ParticipantTable)
        row = table.cursor_row if cursor is None else cursor
        table.clear()
        for index, p in enumerate(self.participants):
            levels = "/".join((p.get("interest") or "-")[:1] + (p.get("influence") or "-")[:1])
            table.add_row(
                literal_cell(p.get("name", ""), 40),
                literal_cell(p.get("organisation", ""), 30),
                literal_cell(SECTOR_LABELS.get(p.get("sector", ""), "")),
                literal_cell(p.get("kind", "")),
                literal_cell("yes" if p.get("attended") else "no"),
                literal_cell(levels.upper()),
                key=str(index),
            )
        if self.participants:
            table.move_cursor(row=min(max(row, 0), len(self.participants) - 1))
        here = sum(1 for p in self.participants if p.get("attended"))
        groups = sum(1 for p in self.participants if p.get("kind") != "person")
        self.query_one("#participant-summary", Static).update(
            f"{len(self.participants)} participant(s), {here} attended, "
            f"{groups} organisation(s)/group(s)" if self.participants
            else "Nobody yet: press a to add a person, an organisation or a stakeholder group."
        )

    def _current_participant(self) -> int | None:
        table = self.query_one(ParticipantTable)
        if not self.participants:
            return None
        return min(max(table.cursor_row, 0), len(self.participants) - 1)

    async def action_participant_add(self) -> None:
        def added(participant: dict | None) -> None:
            if participant:
                self.participants.append(participant)
                self._refresh_participants(cursor=len(self.participants) - 1)
            self.query_one(ParticipantTable).focus()

        await self.open_dialog(ParticipantDialog({"attended": True, "kind": "person"}), added)

    async def action_participant_edit(self) -> None:
        index = self._current_participant()
        if index is None:
            await self.action_participant_add()
            return

        def edited(participant: dict | None) -> None:
            if participant:
                self.participants[index] = participant
                self._refresh_participants(cursor=index)
            self.query_one(ParticipantTable).focus()

        await self.open_dialog(ParticipantDialog(self.participants[index]), edited)

    def action_participant_attended(self) -> None:
        index = self._current_participant()
        if index is not None:
            p = self.participants[index]
            p["attended"] = not p.get("attended")
            self._refresh_participants(cursor=index)

    async def action_participant_remove(self) -> None:
        """Remove the highlighted participant after asking (y removes; n or Esc keeps them)."""
        index = self._current_participant()
        if index is None:
            return
        person = self.participants[index]
        name = one_line(person.get("name", ""), 60)

        def answer(yes: bool | None) -> None:
            if yes and index < len(self.participants) and self.participants[index] is person:
                self._remove_participant(index)
            self.query_one(ParticipantTable).focus()

        await self.open_dialog(
            ConfirmScreen(f"Remove {name} from the participants?",
                          "They leave this list now and the session when you save (ctrl+s). "
                          "Leaving setup without saving keeps them.",
                          yes="Remove (y)", no="Keep (n)"),
            answer,
        )

    def _remove_participant(self, index: int) -> None:
        removed = self.participants.pop(index)
        if removed.get("id"):
            self.removed_participants.append(removed["id"])
        self._refresh_participants(cursor=index)
        self.notify(f"Removed {one_line(removed.get('name', ''), 60)!r} (saved with ctrl+s).",
                    markup=False)
