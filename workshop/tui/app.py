"""The Textual app: global keys, themes, settings, and the session the facilitator has open.

Start-up stays fast: only the home screen is imported here; other screens, the store and the
command palette provider load when first used.
"""

from __future__ import annotations

import asyncio
import gc
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.binding import Binding

from workshop.dates import set_date_order
from workshop.errors import WorkshopError
from workshop.tui.screens.home import HomeScreen
from workshop.tui.settings import DARK_THEME, LIGHT_THEME, load_settings, save_settings
from workshop.tui.widgets.key_order import KeysInOrder

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.theme import Theme

    from workshop.guide.model import Guide
    from workshop.store import Session, SessionStore


_HERE = Path(__file__).resolve().parent


def _palette_provider() -> type[Provider]:
    from workshop.tui.commands import WorkshopCommands

    return WorkshopCommands


def freeze_startup_objects() -> None:
    """Once per process: hide what is alive before the first app (Textual, Rich, our modules:
    they live as long as the process) from the cyclic garbage collector.

    Start-up otherwise triggers a full collection that walks all of them (about 15 ms), and
    the one at exit walks them again. Only the first call freezes, so tests that create many apps
    never freeze one app's leftovers.
    """
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()


_FROZEN = False


async def let_pending_keys_land(app: App[Any]) -> None:
    """Let keys already handed to the screen and its focused field be handled.

    A priority binding runs as its key arrives, while the keys typed before it may still wait in
    the focused field's queue. Awaiting this first keeps keys in the order they were typed; and
    since the app handles no further key until the priority action returns, keys typed after it
    go to whatever field the action leaves focused.
    """
    for _ in range(100):  # a screen pushed by a key of the same burst: let it mount first
        if app.screen.is_mounted:
            break
        await asyncio.sleep(0.01)
    for target in (app.screen, app.screen.focused):
        if target is None:
            continue
        landed = asyncio.Event()
        target.call_later(landed.set)
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(landed.wait(), 1.0)


class WorkshopApp(KeysInOrder, App[int]):
    """Run a city stakeholder workshop on ISO 37106."""

    # The default screen's own CSS_PATH is not loaded by Textual (only pushed screens'), so the
    # home stylesheet is listed here. Absolute, so subclasses elsewhere (tests, bench) work.
    CSS_PATH = [_HERE / "app.tcss", _HERE / "screens" / "home.tcss"]
    TITLE = "Workshop"
    SUB_TITLE = "ISO 37106 city stakeholder workshop"
    COMMANDS = {_palette_provider}
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        # show=False: Textual's own palette hint already sits at the footer's right edge.
        Binding("ctrl+p", "command_palette", "Commands", id="app.command-palette", priority=True,
                show=False),
        Binding("ctrl+t", "toggle_theme", "Light/dark", id="app.theme"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("escape", "home", "Home", id="app.home",
                tooltip="Back to the list of sessions (screens with their own escape go first)"),
    ]

    def __init__(
        self,
        guide: Guide | None,
        sessions_dir: Path | str,
        open_session: str | None = None,
    ) -> None:
        """`guide=None`: the bundled guide, loaded just after the home screen is drawn."""
        freeze_startup_objects()
        super().__init__()
        self._guide = guide
        self.guide_problem = ""  # set when the bundled guide failed to load (the app exits)
        self.sessions_dir = Path(sessions_dir)
        self.session: Session | None = None
        self._store: SessionStore | None = None
        self._open_on_start = open_session
        self.timer_left_running: Any = None  # an item timer running at Home (walkthrough_timer)
        self.settings = load_settings()
        set_date_order(self.settings.date_order)  # how 01/02/2026 is read in every date field
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.theme = DARK_THEME
        self.set_keymap(self.settings.keymap)

    # -- services ------------------------------------------------------------------------------

    @property
    def guide(self) -> Guide:
        """The guide; the bundled one is loaded on first use (start-up shows the list first)."""
        if self._guide is None:
            from workshop.guide.loader import load_guide

            try:
                self._guide = load_guide([])
            except WorkshopError as error:  # a damaged installation: one line, exit 1
                self.guide_problem = str(error)
                self.exit(1)
                raise
        return self._guide

    @guide.setter
    def guide(self, guide: Guide) -> None:
        self._guide = guide

    def _load_guide_soon(self) -> None:
        if self._guide is None:
            with suppress(WorkshopError):  # guide_problem is set and the app is exiting
                self.guide  # noqa: B018 (loads it)

    @property
    def store(self) -> SessionStore:
        """The session store, created on first use (importing it costs start-up time)."""
        if self._store is None:
            from workshop.store import SessionStore

            self._store = SessionStore(
                self.sessions_dir, known_parts=lambda: [part.id for part in self.guide.parts]
            )
        return self._store

    def notify_error(self, error: Exception, *, title: str = "Problem") -> None:
        """Show a one-line error literally (never parsed as markup)."""
        message = str(error) if isinstance(error, WorkshopError) else f"{error}"
        self.notify(message, title=title, severity="error", timeout=10, markup=False)

    # -- start-up ------------------------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        return HomeScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.problem:
            self.notify(self.settings.problem, title="Settings", severity="warning",
                        timeout=12, markup=False)
        if self._open_on_start:
            self.call_after_refresh(self.open_session, self._open_on_start)

    def on_ready(self) -> None:
        if self._guide is None:  # while the facilitator reads the list
            self.set_timer(0.2, self._load_guide_soon)
        if self.settings.keymap:  # checking imports every screen: only when there is a keymap
            self.set_timer(0.5, self._check_keymap)

    def _check_keymap(self) -> None:
        from workshop.tui.screens.help import all_binding_ids

        unknown = sorted(set(self.settings.keymap) - all_binding_ids(self))
        if unknown:
            self.notify(
                f"keymap in the config file names unknown binding id(s): {', '.join(unknown)}; "
                "see the help screen (F1) for the ids",
                title="Settings", severity="warning", timeout=12, markup=False,
            )

    # -- sessions ------------------------------------------------------------------------------

    def open_session(self, ref: str) -> bool:
        """Open a session by id, prefix or title and show its walkthrough. False if it failed."""
        try:
            session = self.store.open(ref)
        except (WorkshopError, OSError) as error:
            self.notify_error(error, title="Cannot open session")
            return False
        self.start_session(session)
        return True

    def start_session(self, session: Session) -> None:
        """Make `session` the open one and walk through it."""
        if self.session is not None and self.session is not session:
            self.close_session()
        from workshop.tui.screens.walkthrough_timer import settle_timer_left_running

        settle_timer_left_running(self, keep=session.id)  # a timer left running at Home
        self.session = session
        if session.readonly:
            self.sub_title = "READ-ONLY: changes are not saved"
            self.notify(
                f"This session is {session.lock_message}: READ-ONLY here, nothing you do is "
                "saved. Close the other window, then open it again to make changes.",
                title="Read-only", severity="warning", timeout=15, markup=False,
            )
        notice = getattr(session, "notice", "")
        if notice:
            self.notify(f"Note: {notice}.", title="Session", markup=False, timeout=10)
        try:
            from workshop.tui.screens.walkthrough import WalkthroughScreen
        except ModuleNotFoundError as error:
            if error.name != "workshop.tui.screens.walkthrough":
                raise
            self.notify("The walkthrough screen is not available in this build.",
                        severity="warning", markup=False)
            return
        self.push_screen(WalkthroughScreen(session, self.guide))
        self.offer_carry_over(session)  # issue 7 hook

    def close_session(self) -> None:
        """Release the open session's lock (safe to call when none is open)."""
        if self.session is None and self.timer_left_running is not None:
            from workshop.tui.screens.walkthrough_timer import settle_timer_left_running

            settle_timer_left_running(self)  # quitting from Home stops a timer left running
        session, self.session = self.session, None
        self.sub_title = self.SUB_TITLE
        for screen in self.screen_stack:  # let screens write what is pending (timer, position)
            save_now = getattr(screen, "save_now", None)
            if callable(save_now) and session is not None:
                save_now()
        if session is not None:
            from workshop.tui.room_control import drop_room

            drop_room(self)  # issue 12: the room stops with its session
            try:
                session.close()
            except (WorkshopError, OSError) as error:
                self.notify_error(error)

    async def _let_pending_keys_land(self) -> None:
        """Keys sent just before ctrl+q (a burst: typing then ctrl+q) are still queued on the
        screen and its focused field, while ctrl+q (priority) runs at once: let them land first,
        so the draft written on quit has them."""
        await let_pending_keys_land(self)

    async def action_quit(self) -> None:
        await self._let_pending_keys_land()
        # --- QA 1 (setup helper): ask before quitting over unsaved changes. Any screen on the
        # stack may define has_unsaved_changes(); the first True asks, like Esc does there.
        from workshop.tui.screens.confirm import ConfirmScreen

        if isinstance(self.screen, ConfirmScreen) and getattr(self.screen, "asks_quit", False):
            return  # already asking
        unsaved = [s for s in self.screen_stack
                   if callable(getattr(s, "has_unsaved_changes", None)) and s.has_unsaved_changes()]
        if unsaved:
            def answer(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.close_session()
                    self.exit(0)

            question = ConfirmScreen(
                "Quit without saving?",
                f"{unsaved[-1].title or 'A screen'} has changes that are not saved yet. Keep "
                "editing and press ctrl+s to save them, or quit and lose them.",
                yes="Quit without saving", no="Keep editing")
            question.asks_quit = True  # type: ignore[attr-defined]
            self.push_screen(question, answer)
            return
        # --- end QA 1 block ---
        from workshop.tui.room_control import stop_room

        await stop_room(self)  # issue 12: the room's port is closed before the app ends
        self.close_session()
        self.exit(0)

    # -- global actions ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "home":
            return not isinstance(self.screen, HomeScreen)
        return True

    def action_home(self) -> None:
        """Back to Home; a screen's own close action runs first (it may ask to save)."""
        close = getattr(self.screen, "action_close", None)
        if callable(close):
            close()
            return
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            save_now = getattr(self.screen, "save_now", None)
            if callable(save_now):  # before Home closes the session (timer, drafts, position)
                save_now()
            self.pop_screen()

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))  # its keys first

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings.theme = theme.name
        if not self.settings.writable:
            return  # already told at start-up; never overwrite a file the user must fix
        try:
            save_settings(self.settings)
        except WorkshopError as error:
            self.notify_error(error, title="Settings")

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        """Commands with no key of their own (and better wording for some that have one)."""
        return [
            ("Light/dark theme", "Switch between the light and the dark theme (remembered)",
             self.action_toggle_theme),
            ("Change theme…", "Pick any Textual theme (remembered)", self.action_change_theme),
            ("Show keys panel", "Keys of the focused widget in a side panel",
             self.action_show_help_panel),
            *self.engagement_commands(),
            *self.export_commands(),
        ]

    # -- export (issue 6) -------------------------------------------------------------------------

    def export_commands(self) -> list[tuple[str, str, Any]]:
        if self.session is None:
            return []
        from workshop.export.formats import formats_in_words  # the one table of formats

        return [("Export summary…", f"{formats_in_words()}, written to a file",
                 self.action_export)]

    def action_export(self) -> None:
        """Open the export screen for the open session (at any moment, also mid-workshop)."""
        if self.session is None:
            self.notify("Open a session first.", severity="warning", markup=False)
            return
        from workshop.tui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.session, self.guide, self.sessions_dir))

    # -- issue 7 hooks: engagement, risks, benefits, follow-up (screens by the engagement helper) --

    ENGAGEMENT_SCREENS = {
        "stakeholders": ("Stakeholders & engagement",
                         "Stakeholder register, interest-influence grid, engagement decisions, "
                         "sector coverage"),
        "risks": ("Risk checklist", "Walk the Annex B key risks; likelihood x impact heat map"),
        "benefits": ("Benefits register", "What the programme should deliver, measured how"),
        "carry": ("Carry over from earlier sessions",
                  "Bring open actions, parked decisions, risks, benefits and engagement over"),
        "review": ("Follow-up review", "Walk carried-over open actions: done, still open, dropped"),
    }

    def engagement_commands(self) -> list[tuple[str, str, Any]]:
        """Palette commands for the issue 7 screens (only while a session is open)."""
        if self.session is None:
            return []
        from functools import partial

        from workshop.tui.forms.register import declared_registers

        # every other kind with form hints has the generic register screen (workshop/tui/forms/)
        declared = [(f"register:{k.name}", (k.section, k.form_hints.about or k.plural_label))
                    for k in declared_registers(self.ENGAGEMENT_SCREENS) if k.form_hints]
        return [(title, help_text, partial(self.open_engagement_screen, key))
                for key, (title, help_text) in [*self.ENGAGEMENT_SCREENS.items(), *declared]]

    def open_engagement_screen(self, which: str) -> None:
        """Push one of the issue 7 screens for the open session."""
        if self.session is None:
            self.notify("Open a session first.", severity="warning", markup=False)
            return
        if which.startswith("register:"):
            from workshop.tui.forms.register import register_screen

            kind = which.removeprefix("register:")
            self.push_screen(register_screen(kind)(self.session, self.guide))
            return
        from workshop.tui.screens import benefits, followup, risks, stakeholders

        factories = {
            "stakeholders": stakeholders.StakeholdersScreen,
            "risks": risks.RisksScreen,
            "benefits": benefits.BenefitsScreen,
            "carry": followup.CarryOverScreen,
            "review": followup.FollowUpReviewScreen,
        }
        self.push_screen(factories[which](self.session, self.guide))

    def offer_carry_over(self, session: Session) -> None:
        """On a new session's first opening, offer to carry over from earlier sessions.

        Offered once (remembered in ui_state), only for a writable session with no records yet
        and only when another session in the store still has open items.
        """
        try:
            if session.readonly or session.ui_state.get("carry_offered") or session.records():
                return
            session.set_ui_state(carry_offered=True)
            from workshop.tui.screens.followup import CarryOverScreen

            screen = CarryOverScreen(session, self.guide, intro=True)
        except (WorkshopError, OSError) as error:
            self.notify_error(error)
            return
        if screen.has_open_items():
            self.push_screen(screen)

    # -- end of issue 7 hooks -----------------------------------------------------------------
