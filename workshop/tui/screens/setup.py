"""Session setup (new and edit): details, participants and the agenda, saved through the store.

Fields validate as you type and show the reason beside the field. Saving checks everything first,
so nothing half-valid reaches the store; when the store refuses (disk full, locked), the error is a
notification and every typed value stays on screen to save again.
"""

from __future__ import annotations

import copy
import datetime as dt
import inspect
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    DataTable,
    Footer,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
)
from textual.widgets.selection_list import Selection

from workshop.dates import parse_due, short_date
from workshop.errors import WorkshopError
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.setup_agenda import (
    DEFAULT_TIMEBOX,
    PRESETS,
    AgendaTab,
    AgendaTable,
    preset_agenda,
)
from workshop.tui.screens.setup_participants import (
    TAB_BINDINGS,
    FieldTabbing,
    ParticipantDialog,
    ParticipantsTab,
    ParticipantTable,
)
from workshop.tui.widgets.choice import ChoiceSelect
from workshop.tui.widgets.literal import literal, one_line
from workshop.tui.widgets.tickbox import TickList

if TYPE_CHECKING:
    from workshop.guide.model import Guide
    from workshop.store import Session

DETAIL_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "Title", "e.g. Smart city strategy day"),
    ("city", "City", "city or community"),
    ("date", "Date", "15/12/2026, 15/12, next friday or YYYY-MM-DD"),
    ("venue", "Venue", "where the room is"),
    ("facilitator", "Facilitator", "who runs the session"),
    ("purpose", "Purpose", "what the day should achieve"),
)
PARTICIPANT_FIELDS = (
    "name", "organisation", "sector", "role", "attended", "kind", "interest", "influence",
)

def validate_detail(name: str, value: str) -> str:
    """The reason a details field is not acceptable, or "" when it is."""
    if name == "title" and not value.strip():
        return "A title is needed (e.g. the city and the topic)."
    if name == "date" and value.strip():
        try:
            session_date(value)
        except WorkshopError as error:
            reason = str(error).replace("date ", "", 1)
            return reason[:1].upper() + reason[1:]
    return ""


def session_date(typed: str) -> str:
    """The session's date as stored (YYYY-MM-DD) from what was typed: the same forms as due
    dates (15/12/2026, 15/12, next friday), relative ones counted from today."""
    return parse_due(typed, what="date")


def resolved_date_hint(typed: str) -> str:
    """'→ Tue 15 Dec 2026' beside a valid date typed in another form than YYYY-MM-DD, so the
    facilitator sees which day 05/06 became before saving; "" otherwise."""
    text = typed.strip()
    try:
        day = session_date(text) if text else ""
    except WorkshopError:
        return ""
    if not day or day == text:
        return ""
    return f"→ {short_date(dt.date.fromisoformat(day))}"


# ---------------------------------------------------------------------------------------------
# the screen
# ---------------------------------------------------------------------------------------------


class SetupScreen(AgendaTab, ParticipantsTab, FieldTabbing, Screen[str | None]):
    """Create a session (`session=None`) or edit one. Dismisses with the saved session id."""

    CSS_PATH = "setup.tcss"
    BINDING_GROUP_TITLE = "Setup"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="setup.save", priority=True),
        Binding("escape", "close", "Back", id="setup.close"),
        # priority, and focus moves at once: keys typed after F3 in a burst reach the list
        Binding("f2", "tab('details')", "Details", id="setup.details", priority=True),
        Binding("f3", "tab('participants')", "People", id="setup.participants", priority=True),
        Binding("f4", "tab('agenda')", "Agenda", id="setup.agenda", priority=True),
        *TAB_BINDINGS,
    ]

    def __init__(self, session: Session | None = None, *, close_when_done: bool = True) -> None:
        super().__init__()
        self.session = session
        self.close_when_done = close_when_done
        self.readonly = bool(session is not None and session.readonly)
        meta = session.meta if session is not None else {}
        self.details: dict[str, str] = {name: str(meta.get(name, "")) for name, _, _ in
                                        DETAIL_FIELDS}
        self.participants: list[dict[str, Any]] = (
            [dict(p) for p in session.participants] if session is not None else []
        )
        self.agenda: list[dict[str, Any]] = (
            [dict(item) for item in session.agenda] if session is not None else []
        )
        self.removed_participants: list[str] = []
        self._saved_state = self._state()

    # -- layout -------------------------------------------------------------------------------

    @property
    def guide(self) -> Guide:
        app: Any = self.app
        return app.guide

    def compose(self) -> ComposeResult:
        yield Header()
        if self.readonly:
            lock = self.session.lock_message if self.session is not None else ""
            yield Static(literal(f"READ-ONLY: {lock} Changes cannot be saved."),
                         classes="read-only-banner", id="read-only")
        with TabbedContent(initial="details", id="tabs"):
            with TabPane("Details (F2)", id="details"), VerticalScroll(id="details-form"):
                for name, label, hint in DETAIL_FIELDS:
                    with Horizontal(classes="field"):
                        yield Label(label + (" *" if name == "title" else ""),
                                    classes="field-label")
                        with Vertical(classes="field-body"):
                            yield Input(self.details[name], id=f"f-{name}",
                                        placeholder=hint, compact=True)
                            yield Static("", id=f"e-{name}", classes="field-error",
                                         markup=False)
            with TabPane("Participants (F3)", id="participants"), Vertical():
                yield Static("", id="participant-summary", markup=False)
                yield ParticipantTable(id="participant-table", cursor_type="row",
                                       zebra_stripes=True)
                with Horizontal(classes="buttons"):
                    yield Button("Add (a)", id="participant-add", compact=True)
                    yield Button("Edit (enter)", id="participant-edit", compact=True)
                    yield Button("Remove (x)", id="participant-remove", compact=True)
            with TabPane("Agenda (F4)", id="agenda"), Horizontal():
                with Vertical(id="agenda-left"):
                    yield ChoiceSelect([(label, key) for key, label, _, _ in PRESETS],
                                 prompt="Ready-made agenda…", id="preset", compact=True)
                    yield TickList[str](
                        *(Selection(literal(f"{p.display_id:<8}{one_line(p.title)}"), p.id)
                          for p in self.guide.parts),
                        id="parts",
                    )
                with Vertical(id="agenda-right"):
                    yield Static("", id="agenda-summary", markup=False)
                    yield AgendaTable(id="agenda-table", cursor_type="row",
                                      zebra_stripes=True)
        # why the last save was refused; it follows the fields and goes once they are fixed
        # (a toast would stay up saying "A title is needed" after the title was typed)
        yield Static("", id="save-problem", classes="save-problem", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#save-problem", Static).display = False
        self.title = "New session" if self.session is None else "Session setup"
        if self.session is not None:
            self.sub_title = one_line(self.details["title"], 60)
        participants = self.query_one(ParticipantTable)
        participants.add_columns("Name", "Organisation", "Sector", "Kind", "Here", "Int/Infl")
        agenda = self.query_one(AgendaTable)
        # Time before Title: a long title would push Time off an 80-column screen (and → is
        # bound to +5 min, so the table cannot be scrolled sideways to find it).
        agenda.add_columns("#", "Part", "Time", "Title")
        self._refresh_participants()
        self._refresh_agenda()
        for name, _, _ in DETAIL_FIELDS:
            self._show_problem(name)
        # at once (focus() waits behind the keys queued): the keys typed after Home's `n` or `e`
        # in the same burst go into the title. It opens with the cursor at the end, nothing
        # selected, so `e` then text adds to the title; Tab into a field still selects it.
        title = self.query_one("#f-title", Input)
        title.select_on_focus = False
        self.set_focus(title)
        title.call_later(setattr, title, "select_on_focus", True)  # after its Focus event

    # -- state --------------------------------------------------------------------------------

    def _state(self) -> dict[str, Any]:
        return copy.deepcopy({"details": self.details, "participants": self.participants,
                              "agenda": self.agenda, "removed": self.removed_participants})

    @property
    def dirty(self) -> bool:
        return self._state() != self._saved_state

    def has_unsaved_changes(self) -> bool:
        """Asked by the app before quitting (ctrl+q), so typing is never thrown away silently."""
        return self.dirty and not self.readonly

    def problems(self) -> dict[str, str]:
        """Every details field that is not acceptable, with the reason."""
        found = {}
        for name, _, _ in DETAIL_FIELDS:
            problem = validate_detail(name, self.details[name])
            if problem:
                found[name] = problem
        return found

    def _show_problem(self, name: str) -> str:
        problem = validate_detail(name, self.details[name])
        hint = "" if problem or name != "date" else resolved_date_hint(self.details[name])
        error = self.query_one(f"#e-{name}", Static)
        error.update(problem or hint)
        error.display = bool(problem or hint)
        self.query_one(f"#f-{name}", Input).set_class(bool(problem), "-invalid")
        return problem

    def on_input_changed(self, event: Input.Changed) -> None:
        input_id = event.input.id or ""
        if input_id.startswith("f-"):
            event.stop()
            name = input_id[2:]
            self.details[name] = event.value
            self._show_problem(name)
            if name == "title" and self.session is None:
                self.sub_title = one_line(event.value, 60)
            self._show_save_problem(refused=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if (event.input.id or "").startswith("f-"):
            event.stop()
            self.focus_next()

    # -- tabs ---------------------------------------------------------------------------------

    def action_tab(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        target = {"details": "#f-title", "participants": "#participant-table",
                  "agenda": "#agenda-table" if self.agenda else "#parts"}[pane]
        self.set_focus(self.query_one(target))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()  # enter on a row: the table's own binding runs our edit action

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = {
            "participant-add": self.action_participant_add,
            "participant-edit": self.action_participant_edit,
            "participant-remove": self.action_participant_remove,
        }.get(event.button.id or "")
        if action:
            result = action()
            if inspect.isawaitable(result):
                await result

    # -- agenda: the preset and part ticks (@on handlers stay on the screen, where Textual
    # collects them); the list's actions are setup_agenda.AgendaTab

    @on(Select.Changed, "#preset")
    def _apply_preset(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        self.agenda = preset_agenda(self.guide, str(event.value))
        self._refresh_agenda(cursor=0)
        label = next(label for key, label, _, _ in PRESETS if key == event.value)
        self.notify(f"Agenda set to {label}: reorder or change it freely.", markup=False)

    @on(SelectionList.SelectionToggled, "#parts")
    def _toggle_part(self, event: SelectionList.SelectionToggled) -> None:
        pid = str(event.selection.value)
        present = [i for i, item in enumerate(self.agenda) if item["part"] == pid]
        if present:
            self.agenda.pop(present[0])
            self._refresh_agenda()
        else:
            self.agenda.append({"part": pid, "timebox": DEFAULT_TIMEBOX, "spent": 0})
            self._refresh_agenda(cursor=len(self.agenda) - 1)

    # -- save and close -----------------------------------------------------------------------

    def action_save(self) -> bool:
        """Validate everything, then write through the store. True when all of it is saved."""
        if self.readonly:
            self.notify("This session is open read-only elsewhere: nothing was saved.",
                        severity="error", markup=False)
            return False
        problems = self.problems()
        if problems:
            first = next(iter(problems))
            self.query_one(TabbedContent).active = "details"
            self.query_one(f"#f-{first}", Input).focus()
            self._show_save_problem(refused=True)
            return False
        app: Any = self.app
        try:
            self._write(app)
        except (WorkshopError, OSError) as error:
            app.notify_error(error, title="Not saved")
            return False
        self._saved_state = self._state()
        self.title = "Session setup"  # no longer "New session": it exists now
        self.sub_title = one_line(self.details["title"], 60)
        self.notify(f"Saved {one_line(self.details['title'], 60)!r}.", markup=False)
        return True

    def _show_save_problem(self, *, refused: bool) -> None:
        """Say why saving was refused, below the tabs; once shown, it follows the fields and
        goes away when nothing stands in the way of saving."""
        line = self.query_one("#save-problem", Static)
        if not refused and not line.display:
            return
        problems = self.problems()
        reasons = "; ".join(f"{name}: {reason}" for name, reason in problems.items())
        line.update(f"Not saved yet. {reasons}" if problems else "")
        line.display = bool(problems)

    def _write(self, app: Any) -> None:
        details = {name: value.strip() for name, value in self.details.items()}
        details["date"] = session_date(details["date"])  # 15/12 -> 2026-12-15, as stored
        agenda = [{"part": i["part"], "timebox": int(i["timebox"]), "spent": int(i.get("spent", 0))}
                  for i in self.agenda]
        if self.session is None:
            title = details.pop("title")
            self.session = app.store.create(
                title, agenda=[{"part": i["part"], "timebox": i["timebox"]} for i in agenda],
                **details,
            )
            self.close_when_done = True
        else:
            meta = self.session.meta
            changed = {k: v for k, v in details.items() if meta.get(k, "") != v}
            if changed:
                self.session.update_meta(**changed)
            if [(i["part"], i["timebox"]) for i in self.session.agenda] != [
                (i["part"], i["timebox"]) for i in agenda
            ]:
                spent = {i["part"]: int(i.get("spent", 0)) for i in self.session.agenda}
                self.session.set_agenda(
                    [{**i, "spent": spent.get(i["part"], i["spent"])} for i in agenda]
                )
        # participants: remove, then add or update, each durable before the next
        while self.removed_participants:
            self.session.remove_participant(self.removed_participants[0])
            self.removed_participants.pop(0)
        stored = {p["id"]: p for p in self.session.participants}
        for participant in self.participants:
            fields = {k: participant[k] for k in PARTICIPANT_FIELDS if k in participant}
            pid = participant.get("id")
            if not pid:
                created = self.session.add_participant(**fields)
                participant["id"] = created["id"]
            elif any(stored.get(pid, {}).get(k) != v for k, v in fields.items()):
                self.session.update_participant(pid, **fields)

    def action_close(self) -> None:
        if not self.dirty or self.readonly:
            self._finish(saved=False)
            return
        def answer(discard: bool | None) -> None:
            if discard:
                self._finish(saved=False)

        self.app.push_screen(
            ConfirmScreen("Leave without saving?",
                          "Your changes on this screen are not saved yet. Press ctrl+s to save "
                          "them, or leave and lose them.",
                          yes="Leave without saving", no="Keep editing"),
            answer,
        )

    def _finish(self, *, saved: bool) -> None:
        session_id = self.session.id if self.session is not None else None
        if self.session is not None and self.close_when_done:
            try:
                self.session.close()
            except (WorkshopError, OSError) as error:
                app: Any = self.app
                app.notify_error(error)
        self.dismiss(session_id)

    def on_unmount(self) -> None:
        """However the screen goes (Esc, Home, a pop, quitting), the session it opened is closed
        with it: a lock left behind would make the app's next `e` find its own session
        "open in another workshop window" (its own pid) until restart."""
        if self.session is not None and self.close_when_done and not self.session.closed:
            try:
                self.session.close()
            except (WorkshopError, OSError) as error:
                app: Any = self.app
                app.notify_error(error)

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        commands: list[tuple[str, str, Any]] = [
            ("Save and close", "Save the session, then go back", self.action_save_and_close),
            ("Add participant", "A person, organisation or stakeholder group",
             self.action_participant_add),
        ]
        for key, label, _, _ in PRESETS:
            commands.append((f"Agenda preset: {label}", "Replace the agenda with this preset",
                             lambda key=key: self._set_preset(key)))
        return commands

    def _set_preset(self, key: str) -> None:
        self.query_one(TabbedContent).active = "agenda"
        self.query_one("#preset", Select).value = key

    def action_save_and_close(self) -> None:
        if self.action_save():
            self._finish(saved=True)


__all__ = [
    "TAB_BINDINGS", "AgendaTable", "FieldTabbing", "ParticipantDialog", "ParticipantTable",
    "SetupScreen", "preset_agenda",
]
