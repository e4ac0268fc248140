"""Help: every key binding grouped by screen, generated from the classes' BINDINGS (so it cannot
drift from the real keys, and shows the user's keymap), plus how to run a workshop with the app."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Static

from workshop.export.formats import formats_in_words
from workshop.tui.widgets.literal import literal_cell

HOW_TO = f"""\
How to run a workshop with this app

Before the day
 1. On Home press n to create a session: title, city, date, venue, facilitator, purpose.
 2. Add the people and stakeholder groups you invited (F3), with their sector and, for the
    stakeholder grid, their interest and influence.
 3. Pick a ready-made agenda (F4) or tick the parts you want; order them (shift+up/down) and set a
    timebox for each (+/-). Save with ctrl+s.
 4. Browse the guide (g on Home) to prepare: each part has its context, the need it answers,
    recommendations to read out, linkages to related parts and prompts for the room.

On the day
 5. Resume the session (enter on Home). The walkthrough shows the current part; start the clock
    with t, move on with n (p goes back, g jumps to any part of the agenda).
 6. Capture as the room talks: w note, i idea, r rating, v votes, d decision, a action.
    Phones: o opens the room (QR code; ideas, dots, ratings, polls arrive in the list,
    tagged "phone"; y approves, H hides, M merges duplicates). No phones or network: V opens
    a tally grid where digits give each voter's dots, or now and target ratings.
 7. Put the presenter view on the projector (f5); keep the full view for yourself.
 8. Stakeholders, risks, benefits, carrying items over and the follow-up review are in the
    command palette (ctrl+p). Mark who attended in the session setup (space on a participant).
 9. Everything is saved as you go; if the laptop dies, resume puts you back on the same item.

Afterwards
10. Wrap up (S in the walkthrough): what was covered, agreed and voted.
    A part counts as covered (✓) once something is captured on it or 2 minutes are spent on it.
    Review every action with A in the walkthrough (owner, due date, status).
11. Export from the wrap-up (x) or the command palette: {formats_in_words()}.
    From a terminal: workshop export SESSION --format md (workshop export --help for more).
12. Copy the session as a template (c on Home) for the next workshop with the same group.

Anywhere: ctrl+p opens the command palette with every action of the screen you are on.
Keys can be changed in the config file (see the end of this page).
"""

# (module, class name, group title) for every screen and widget with bindings, in reading order.
BINDING_OWNERS: tuple[tuple[str, str, str], ...] = (
    ("workshop.tui.app", "WorkshopApp", "Everywhere"),
    ("workshop.tui.screens.home", "HomeScreen", "Home"),
    ("workshop.tui.screens.guide", "GuideScreen", "Guide browser"),
    ("workshop.tui.screens.setup", "SetupScreen", "Session setup"),
    ("workshop.tui.screens.setup", "ParticipantTable", "Session setup: participants list"),
    ("workshop.tui.screens.setup", "AgendaTable", "Session setup: agenda list"),
    ("workshop.tui.screens.setup", "ParticipantDialog", "Participant form"),
    ("workshop.tui.screens.walkthrough", "WalkthroughScreen", "Walkthrough"),
    ("workshop.tui.widgets.agenda_list", "AgendaList", "Walkthrough: agenda jump list (g)"),
    ("workshop.tui.widgets.capture", "CapturePanel", "Walkthrough: captured list (l)"),
    ("workshop.tui.widgets.capture_forms", "RecordForm", "Capture forms (note, idea, action…)"),
    ("workshop.tui.widgets.capture_forms", "PeopleInput", "Capture forms: name fields"),
    ("workshop.tui.screens.presenter", "PresenterScreen", "Presenter view"),
    ("workshop.tui.screens.tally", "TallyScreen", "Tally grid (V in the walkthrough)"),
    ("workshop.tui.screens.tally", "TallyTable", "Tally grid: cells"),
    ("workshop.tui.screens.merge_picker", "MergePicker", "Merge duplicates (M)"),
    ("workshop.tui.screens.room", "RoomScreen", "Room panel (o in the walkthrough)"),
    ("workshop.tui.screens.room", "AddressPicker", "Room address"),
    ("workshop.tui.screens.actions_review", "ActionsReviewScreen", "Actions review"),
    ("workshop.tui.screens.wrapup", "WrapUpScreen", "Wrap-up"),
    ("workshop.tui.screens.export", "ExportScreen", "Export dialog"),
    ("workshop.tui.screens.confirm", "ConfirmScreen", "Questions"),
    ("workshop.tui.screens.confirm", "TextPromptScreen", "Text prompts"),
    # issue 7 screens (engagement helper)
    ("workshop.tui.screens.stakeholders", "StakeholdersScreen", "Stakeholders & engagement"),
    ("workshop.tui.screens.risks", "RisksScreen", "Risk checklist"),
    ("workshop.tui.screens.risk_fields", "RiskList", "Risk checklist: risk list"),
    ("workshop.tui.screens.benefits", "BenefitsScreen", "Benefits register"),
    ("workshop.tui.screens.followup", "CarryOverScreen", "Carry over from earlier sessions"),
    ("workshop.tui.screens.followup", "FollowUpReviewScreen", "Follow-up review"),
    ("workshop.tui.screens.register_forms", "RegisterForm", "Register forms"),
    ("workshop.tui.screens.register_forms", "RowTable", "Register tables"),
    ("workshop.tui.screens.help", "HelpScreen", "Help"),
)


def binding_owners() -> Iterator[tuple[str, Any]]:
    """(group title, class) for every owner that exists in this build."""
    for module_name, class_name, title in BINDING_OWNERS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue  # a screen not built yet
            raise
        owner = getattr(module, class_name, None)
        if owner is not None:
            yield title, owner
    from workshop.tui.app import WorkshopApp
    from workshop.tui.forms.register import declared_registers, register_screen

    for kind in declared_registers(WorkshopApp.ENGAGEMENT_SCREENS):  # the generic registers
        yield kind.section, register_screen(kind.name)


def own_bindings(owner: Any) -> list[Binding]:
    """The Binding objects a class declares itself (not inherited ones)."""
    return [b for b in owner.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]


def all_binding_ids(app: Any = None) -> set[str]:
    return {b.id for _, owner in binding_owners() for b in own_bindings(owner) if b.id}


class HelpScreen(Screen[None]):
    """Keys by screen, and a short guide to running a workshop."""

    DEFAULT_CSS = """
    HelpScreen VerticalScroll { padding: 0 1; }
    HelpScreen .help-heading { text-style: bold; color: $accent; margin-top: 1; }
    HelpScreen DataTable { height: auto; max-height: 100%; overflow-x: hidden; }
    HelpScreen #how-to { margin-top: 1; }
    HelpScreen #config { color: $text-muted; margin-bottom: 1; }
    """
    BINDING_GROUP_TITLE = "Help"
    BINDINGS = [
        Binding("escape,q,f1", "close", "Close help", id="help.close"),
    ]

    def __init__(self, origin: Screen[Any] | None = None) -> None:
        """`origin`: the screen F1 was pressed on; its keys are listed first."""
        super().__init__()
        self.origin = origin

    def _owners(self) -> list[tuple[str, Any]]:
        """Binding owners, those of the origin screen (itself and its widgets) first."""
        owners = list(binding_owners())
        origin = self.origin
        if origin is None:
            return owners

        def on_origin(owner: Any) -> bool:
            if not isinstance(owner, type) or not issubclass(owner, Widget):
                return False
            return isinstance(origin, owner) or bool(origin.query(owner))

        here = [(title, owner) for title, owner in owners if on_origin(owner)]
        return here + [pair for pair in owners if pair not in here]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="help-scroll"):
            yield Static("Keys", classes="help-heading")
            for title, owner in self._owners():
                bindings = [b for b in own_bindings(owner) if b.description]
                if not bindings:
                    continue
                yield Static(title, classes="help-heading", markup=False)
                table: DataTable = DataTable(cursor_type="none", show_cursor=False,
                                             classes="keys")
                # 16 + 28 + 26 and a cell of padding a side fit 80 columns with the scrollbar
                table.add_column("Key", width=16)
                table.add_column("Action", width=28)
                table.add_column("Id (for the keymap)", width=26)
                for binding in bindings:
                    table.add_row(literal_cell(self._keys(binding)),
                                  literal_cell(binding.description),
                                  literal_cell(binding.id or ""))
                yield table
            yield Static(HOW_TO, id="how-to", markup=False)
            yield Static(self._config_note(), id="config", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Help"
        self.query_one("#help-scroll").focus()

    def _keys(self, binding: Binding) -> str:
        from workshop.tui.commands import binding_keys

        return binding_keys(self.app, binding)

    def _config_note(self) -> str:
        from workshop.tui.settings import config_file

        return (
            f"Change keys in {config_file()} (JSON), e.g.\n"
            '  {"theme": "textual-light", "keymap": {"home.new": "a", "app.theme": "f9"}}\n'
            "Use the ids above; several keys for one action are separated by commas. "
            "Restart the app to apply."
        )

    def action_close(self) -> None:
        self.dismiss()
