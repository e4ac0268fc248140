"""A large, uncluttered view of the current part's title and prompts, for projecting to the room."""

from __future__ import annotations

from typing import Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from workshop.tui.widgets.part_view import literal
from workshop.tui.widgets.room_join import RoomJoin


class PresenterSource(Protocol):
    """What the presenter view needs from the screen that opened it (the walkthrough)."""

    def presenter_content(self) -> tuple[str, str, list[str], str]:
        """(heading such as "Item 3 of 12", title, prompts, timer text)."""

    def action_next(self) -> None: ...

    def action_previous(self) -> None: ...


class PresenterScreen(Screen):
    """Big title and prompts only; n/p still move through the agenda."""

    BINDING_GROUP_TITLE = "Presenter view"
    BINDINGS = [
        Binding("escape,f5,P", "close", "Back to walkthrough", id="presenter.close"),
        Binding("n", "next", "Next item", id="presenter.next"),
        Binding("p", "previous", "Previous item", id="presenter.previous"),
    ]

    DEFAULT_CSS = """
    PresenterScreen {
        align: center middle;
        background: $background;
    }
    PresenterScreen #pr-scroll {
        width: 100%;
        height: 1fr;
        padding: 1 4;
    }
    PresenterScreen #pr-top {
        width: 100%;
        height: 1;
        color: $text-muted;
    }
    PresenterScreen #pr-title {
        width: 100%;
        content-align: center middle;
        text-align: center;
        text-style: bold;
        color: $accent;
        padding: 1 2;
        margin-bottom: 1;
        border: double $accent;
    }
    PresenterScreen #pr-prompts {
        height: auto;
    }
    PresenterScreen .pr-prompt {
        width: 100%;
        padding: 1 2;
        text-style: bold;
        margin-bottom: 1;
        background: $boost;
    }
    PresenterScreen #pr-room {
        dock: right;
        padding: 1 1 0 0;
    }
    PresenterScreen #pr-hint {
        dock: bottom;
        height: 1;
        width: 100%;
        color: $text-muted;
        text-align: center;
    }
    """

    def __init__(self, source: PresenterSource) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        yield Static(id="pr-top", markup=False)
        yield RoomJoin(grow=True, id="pr-room")  # issue 12: the join QR code while the room is open
        with VerticalScroll(id="pr-scroll"):
            with Center():
                yield Static(id="pr-title", markup=False)
            yield Vertical(id="pr-prompts")
        yield Static(self.HINT, id="pr-hint", markup=False)

    HINT = "n next · p previous · Esc back"

    def on_mount(self) -> None:
        scroll = self.query_one("#pr-scroll", VerticalScroll)
        scroll.focus()  # ↓ / PgDn scroll the prompts
        self.watch(scroll, "scroll_y", lambda _y: self._update_hint(), init=False)
        self.refresh_content()
        self.set_interval(1.0, self._refresh_timer)

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_hint)
        self.call_after_refresh(self._show_room)  # a bigger QR code when the terminal grows

    def _update_hint(self) -> None:
        """Say when prompts continue below the screen (a projector shows no scrollbar clearly)."""
        scroll = self.query_one("#pr-scroll", VerticalScroll)
        more = scroll.max_scroll_y > 0 and scroll.scroll_y < scroll.max_scroll_y
        hint = f"more below ↓ · {self.HINT}" if more else self.HINT
        self.query_one("#pr-hint", Static).update(literal(hint))

    def refresh_content(self) -> None:
        heading, title, prompts, timer = self.source.presenter_content()
        self.query_one("#pr-top", Static).update(literal(f"{heading}    {timer}"))
        self.query_one("#pr-title", Static).update(literal(title))
        self._show_room()
        holder = self.query_one("#pr-prompts")
        holder.remove_children()
        holder.mount_all(Static(literal(p), classes="pr-prompt", markup=False) for p in prompts)
        # each part opens at its title, never at the previous part's scroll point
        self.query_one("#pr-scroll", VerticalScroll).scroll_home(animate=False, immediate=True)
        self.call_after_refresh(self._update_hint)

    def _show_room(self) -> None:
        room_join = getattr(self.source, "room_join", None)
        self.query_one(RoomJoin).show(room_join() if callable(room_join) else None)

    def _refresh_timer(self) -> None:
        heading, _title, _prompts, timer = self.source.presenter_content()
        self.query_one("#pr-top", Static).update(literal(f"{heading}    {timer}"))

    def action_close(self) -> None:
        self.dismiss()

    def action_next(self) -> None:
        self.source.action_next()
        self.refresh_content()

    def action_previous(self) -> None:
        self.source.action_previous()
        self.refresh_content()

    def palette_commands(self):
        return [
            ("Presenter: back to walkthrough", "Leave the projector view", self.action_close),
            ("Presenter: next item", "Show the next agenda item", self.action_next),
            ("Presenter: previous item", "Show the previous agenda item", self.action_previous),
        ]
