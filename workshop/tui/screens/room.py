"""The room panel: open or close the room, choose where it listens, and what the room may do on
the agenda item on screen (ideas, dots with a budget, rating, a quick poll), with results shown
or hidden, names asked or not, and pre-moderation.

The server itself is the app's RoomControl (workshop/tui/room_control.py); this screen only
drives it. Leaving the panel (Esc) keeps the room open: contributions keep arriving in the
walkthrough's capture panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from workshop.errors import WorkshopError
from workshop.store.room_settings import ACTIVITIES, NAME_MODES, activity
from workshop.tui.widgets.literal import literal, literal_cell, one_line
from workshop.tui.widgets.room_join import RoomJoin

if TYPE_CHECKING:
    from workshop.tui.room_control import RoomControl

ACTIVITY_LABELS = {"ideas": "Ideas", "dots": "Dots", "rating": "Rating", "poll": "Poll"}
NAME_LABELS = {"off": "off (anonymous)", "optional": "optional", "asked": "asked (name, sector)"}


class AddressPicker(ModalScreen[str | None]):
    """Pick the address the room listens on; dismisses with it, or None (escape)."""

    DEFAULT_CSS = """
    AddressPicker { align: center middle; }
    AddressPicker > Vertical { width: 64; max-width: 95%; height: auto; border: thick $primary;
                               background: $surface; padding: 1 2; }
    AddressPicker #ap-question { text-style: bold; }
    AddressPicker #ap-detail { color: $text-muted; margin-bottom: 1; }
    AddressPicker OptionList { height: auto; max-height: 10; }
    """
    BINDING_GROUP_TITLE = "Room address"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="room-address.cancel")]

    def __init__(self, addresses: list[str], current: str) -> None:
        super().__init__()
        self.addresses = addresses
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Where should the room listen?", id="ap-question")
            yield Static("127.0.0.1: this laptop only (safe default). Another address: phones "
                         "on that Wi-Fi or hotspot can join.", id="ap-detail", markup=False)
            yield OptionList(*[Option(literal(a + ("  (this laptop only)"
                                                   if a.startswith("127.") else "")), id=a)
                               for a in self.addresses], id="ap-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.addresses:
            options.highlighted = self.addresses.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RoomScreen(Screen[None]):
    """Open the room and choose what it may do on the current agenda item."""

    BINDING_GROUP_TITLE = "Room"
    PALETTE_GROUP = "Room"
    DEFAULT_CSS = """
    RoomScreen #room-head { height: 1; padding: 0 1; background: $boost; text-style: bold; }
    RoomScreen #room-body { height: 1fr; }
    RoomScreen #room-join { width: auto; height: 1fr; padding: 0 1; }
    RoomScreen #room-side { width: 1fr; height: 1fr; padding: 0 1; }
    RoomScreen #room-status { height: auto; }
    RoomScreen #room-warning { height: auto; color: $warning; text-style: bold; }
    RoomScreen #room-activities { height: auto; max-height: 6; margin-top: 1; }
    RoomScreen #room-options { height: auto; margin-top: 1; }
    RoomScreen #room-legend { height: auto; max-height: 2; padding: 0 1; color: $text-muted;
                              background: $boost; }
    """
    BINDINGS = [
        Binding("escape", "close", "Back", id="room.close"),
        Binding("s", "toggle_room", "Open/close room", id="room.toggle"),
        Binding("a", "address", "Address", id="room.address"),
        Binding("space", "toggle_activity", "Open/close activity", id="room.activity"),
        Binding("v", "reveal", "Show/hide results", id="room.reveal"),
        Binding("b", "settings", "Budget/poll", id="room.settings"),
        Binding("N", "names", "Names", id="room.names"),
        Binding("m", "premoderation", "Pre-moderation", id="room.premoderation"),
        Binding("R", "new_link", "New join link", id="room.new-link"),
    ]

    def __init__(self, room: RoomControl, part_id: str) -> None:
        super().__init__()
        self.room = room
        self.part_id = part_id

    def compose(self) -> ComposeResult:
        yield Static(id="room-head", markup=False)
        with Horizontal(id="room-body"):
            with VerticalScroll(id="room-join"):
                yield RoomJoin()
            with VerticalScroll(id="room-side"):
                yield Static(id="room-status", markup=False)
                yield Static(id="room-warning", markup=False)
                yield DataTable(id="room-activities", cursor_type="row", zebra_stripes=True)
                yield Static(id="room-options", markup=False)
        yield Static(id="room-legend", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#room-activities", DataTable)
        table.add_column("Activity", key="what", width=8)
        table.add_column("Phones", key="open", width=6)
        table.add_column("Results", key="shown", width=7)
        table.add_column("Settings", key="settings", width=10)
        self.room.listeners.append(self._room_changed)
        self.refresh_view()
        table.focus()
        self.set_interval(1.0, self._refresh_status, name="room-devices")  # phones joining

    def _refresh_status(self) -> None:
        if self.room.running:
            self._show_status()

    def on_unmount(self) -> None:
        if self._room_changed in self.room.listeners:
            self.room.listeners.remove(self._room_changed)

    def _room_changed(self, _ids: list[str]) -> None:
        if self.is_mounted:
            self.call_later(self.refresh_view)

    # -- view ---------------------------------------------------------------------------------

    @property
    def settings(self) -> dict[str, Any]:
        return self.room.server.settings

    def _activity(self, kind: str) -> dict[str, Any]:
        return activity(self.settings, self.part_id, kind)

    @property
    def chosen(self) -> str:
        table = self.query_one("#room-activities", DataTable)
        return ACTIVITIES[min(max(table.cursor_row, 0), len(ACTIVITIES) - 1)]

    def refresh_view(self) -> None:
        room = self.room
        part = self.room.guide.part(self.part_id)
        state = f"OPEN on {room.host}" if room.running else "closed"
        self.query_one("#room-head", Static).update(literal(one_line(
            f"Room · {state} · {part.display_id} {part.title}", 200)))
        self.query_one(RoomJoin).show(room)
        self._show_status()
        self._fill_activities()
        names = self.settings.get("names", "off")
        premod = "on: nothing reaches the display until approved (y in the walkthrough)" \
            if self.settings.get("premoderation") else "off"
        self.query_one("#room-options", Static).update(literal(
            f"Names: {NAME_LABELS.get(names, names)} (N)\nPre-moderation: {premod} (m)"))
        self.query_one("#room-legend", Static).update(literal(
            "s open/close room · a address · space open/close activity · v results · "
            "b budget/poll · N names · m pre-moderation · R new link · Esc back (room stays open)"))

    def _show_status(self) -> None:
        room, server = self.room, self.room.server
        if room.running:
            status = (f"Devices joined: {server.devices_joined}\n"
                      f"Room display (projector): {server.display_url}")
        else:
            status = (f"The room is closed. s opens it on {room.host}"
                      f"{' (this laptop only)' if room.host.startswith('127.') else ''}; "
                      "a chooses the address phones use.")
        self.query_one("#room-status", Static).update(literal(status))
        warning = self.query_one("#room-warning", Static)
        warning.update(literal(f"⚠ {room.warning}" if room.warning else ""))
        warning.display = bool(room.warning)

    def _fill_activities(self) -> None:
        table = self.query_one("#room-activities", DataTable)
        row = table.cursor_row
        table.clear()
        for kind in ACTIVITIES:
            current = self._activity(kind)
            if kind == "dots":
                detail = f"budget {current['budget']}"
            elif kind == "poll":
                count = len(current["options"])
                detail = f"{count} option{'s' if count != 1 else ''}" if count else "no options"
            else:
                detail = ""
            table.add_row(Text(ACTIVITY_LABELS[kind]),
                          Text("open" if current["open"] else "closed",
                               style="bold" if current["open"] else ""),
                          Text("shown" if current["revealed"] else "hidden"),
                          literal_cell(detail), key=kind)
        table.move_cursor(row=max(row, 0))

    # -- actions ------------------------------------------------------------------------------

    def _report(self, error: Exception) -> None:
        notify_error = getattr(self.app, "notify_error", None)
        if callable(notify_error):
            notify_error(error)
        else:
            self.notify(str(error), severity="error", markup=False)

    def _control(self, method: str, *args: Any, **kwargs: Any) -> bool:
        try:
            self.room.call(method, *args, **kwargs)
        except WorkshopError as error:
            self._report(error)
            return False
        self.refresh_view()
        return True

    async def action_toggle_room(self) -> None:
        if self.room.running:
            await self.room.stop()
            self.notify("Room closed: phones can no longer send.", timeout=3)
        else:
            await self.open_room()
        self.refresh_view()

    async def open_room(self, host: str | None = None) -> bool:
        """Start the server on the app's loop; on the first opening, ideas are open on the
        current item unless the facilitator already chose something for it."""
        try:
            await self.room.start(host)
        except (WorkshopError, OSError) as error:
            self._report(WorkshopError(f"the room cannot open on {host or self.room.host}: "
                                       f"{error}") if isinstance(error, OSError) else error)
            return False
        try:
            self.room.call("set_current_part", self.part_id)
            if not any(self._activity(k)["open"] for k in ACTIVITIES) \
                    and self.part_id not in self.settings.get("parts", {}):
                self.room.call("open_activity", self.part_id, "ideas")
        except WorkshopError as error:
            self._report(error)
        warning = self.room.warning
        self.notify(warning or "Room open on this laptop only (a: let phones in).",
                    severity="warning" if warning else "information", timeout=6,
                    markup=False)
        return True

    def action_address(self) -> None:
        from workshop.room import addresses

        async def chosen(host: str | None) -> None:
            if not host or host == self.room.host:
                return
            if self.room.running:
                await self.open_room(host)
            else:
                self.room.host, self.room.port = host, 0
                if self.room.warning:
                    self.notify(self.room.warning, severity="warning", timeout=6, markup=False)
            self.refresh_view()

        self.app.push_screen(AddressPicker(addresses(), self.room.host), callback=chosen)

    def action_toggle_activity(self) -> None:
        kind = self.chosen
        if self._activity(kind)["open"]:
            self._control("close_activity", self.part_id, kind)
        elif kind == "poll" and not self._activity(kind)["options"]:
            self.action_settings()
        elif kind == "rating" and not self.room.guide.part(self.part_id).recommendations:
            self._report(WorkshopError(f"{self.part_id} has no recommendations to rate"))
        else:
            self._control("open_activity", self.part_id, kind)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on an activity opens or closes it, like space."""
        event.stop()
        self.action_toggle_activity()

    def action_reveal(self) -> None:
        kind = self.chosen
        self._control("reveal", self.part_id, kind, not self._activity(kind)["revealed"])

    def action_names(self) -> None:
        names = self.settings.get("names", "off")
        following = NAME_MODES[(NAME_MODES.index(names) + 1) % len(NAME_MODES)] \
            if names in NAME_MODES else "off"
        self._control("set_names", following)

    def action_new_link(self) -> None:
        """A new join link, code and display link (after a link was shared too widely): asks
        first, because every phone has to join again."""
        from workshop.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                self.room.rotate_secrets()
            except OSError as error:
                self._report(WorkshopError(f"the room's new link could not be kept: {error}"))
                return
            self.notify("New join link and code: phones join again with them.", timeout=6)
            self.refresh_view()

        self.app.push_screen(ConfirmScreen(
            "Make a new join link and code?",
            "The old link, code and room-display link stop working, and every phone has to "
            "join again. What phones already sent stays.", yes="New link"), callback=answered)

    def action_premoderation(self) -> None:
        self._control("set_premoderation", not self.settings.get("premoderation"))

    def action_settings(self) -> None:
        """The dot budget (dots), or the poll's question and options (poll)."""
        from workshop.tui.screens.confirm import TextPromptScreen

        kind = self.chosen
        current = self._activity(kind)
        if kind == "dots":
            def budget(text: str | None) -> None:
                if text is None:
                    return
                try:
                    value = int(text)
                    if not 1 <= value <= 99:
                        raise ValueError
                except ValueError:
                    self._report(WorkshopError(
                        f"the dot budget is a whole number from 1 to 99, not {text!r}"))
                    return
                self._control("open_activity", self.part_id, "dots", budget=value)

            self.app.push_screen(TextPromptScreen(
                "Dots per phone on this item", "A whole number from 1 to 99. Saving opens "
                "dot voting.", value=str(current["budget"]), ok="Open dots"), callback=budget)
            return
        if kind != "poll":
            self.notify(f"{ACTIVITY_LABELS[kind]} has no settings: space opens or closes it.",
                        timeout=3)
            return
        options = " | ".join(o["text"] for o in current["options"])

        def poll(text: str | None) -> None:
            if text is None:
                return
            question, _sep, rest = text.partition("?")
            choices = [c.strip() for c in rest.split("|") if c.strip()] if _sep else []
            if not choices:
                self._report(WorkshopError(
                    "write the question with a ? and then the options split by |, e.g. "
                    "'Which first? Buses | Bikes'"))
                return
            self._control("open_activity", self.part_id, "poll",
                          question=question.strip() + "?", options=choices)

        value = f"{current['question']} {options}".strip() if current["question"] else ""
        self.app.push_screen(TextPromptScreen(
            "Quick poll: the question, then the options", "e.g. Which first? Buses | Bikes | "
            "Walking. Saving opens the poll.", value=value, ok="Open poll"), callback=poll)

    def action_close(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> list[tuple[str, str, Any]]:
        return [
            ("Open or close the room", "Start or stop the participant server",
             self.action_toggle_room),
            ("Choose the address", "This laptop only, or a network phones can reach",
             self.action_address),
            ("Show or hide results", "Of the highlighted activity, on phones and display",
             self.action_reveal),
            ("Names asked, optional or off", "Cycle the names mode", self.action_names),
            ("Pre-moderation on or off", "Room ideas wait for approval",
             self.action_premoderation),
            ("Dot budget or poll", "Settings of the highlighted activity", self.action_settings),
        ]
