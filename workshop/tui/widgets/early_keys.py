"""Keys typed while a dialog opens land in the dialog, in the order they were typed.

Why: a burst (a paste, an SSH link, a fast typist) sends `a`, then `Zoe Test`, then ctrl+s all
at once. Textual routes each key to whatever has focus *when the app reads it*. If `a` is an
ordinary binding it only runs after the key has travelled through the focused table and bubbled
back, by which time the rest of the burst has already gone to the table below (and is lost, or
taken as more one-letter commands); the dialog then opens empty, and the next burst's `a` is
typed into it ("aKarim Haddad").

In the workshop app the root of this is fixed once for every screen by
`key_order.KeysInOrder` (the app handles each key completely, its bindings and the messages it
causes, before it routes the next). The halves below remain for what it cannot do alone: an
opener must *await* the dialog's mount, and the dialog must focus its first field at once.

Two halves, used together:

* `DialogOpener`, mixed into the screen whose single letters are commands. Its letter bindings
  are `priority=True` (handled the moment the app reads the key, before the keys after it are
  routed), and their actions are `async` and open the dialog with
  `await self.open_dialog(dialog, callback)`. That awaits the dialog's mount, so the app reads
  no further key until the dialog's first field has focus; while it is opening, the opener's
  own actions are refused (`check_action`), so a command can never run under a half-open dialog.

* `EarlyKeys`, mixed into the dialog (a ModalScreen or form Screen). In `on_mount`, call
  `self.early_keys_ready(first_field)`: it gives the field focus at once (not via `focus()`,
  which waits for the app's queue, behind the burst) and replays, in order, any key that
  reached the screen before a field had focus. A key that reached the screen with nothing
  focused after that (sent before the field had focus) is handed to the focused field too.

Adopting it (e.g. for the risk checklist)::

    class RiskForm(EarlyKeys, ModalScreen[dict | None]):
        def on_mount(self) -> None:
            self.early_keys_ready(self.query_one("#first", Input))

    class RisksScreen(DialogOpener, Screen):
        BINDINGS = [Binding("a", "add", "Add", priority=True, id="risks.add")]

        async def action_add(self) -> None:
            await self.open_dialog(RiskForm(...), self._after_form)

Only letters of a screen without text fields (or bound on a table/list widget, so they apply
only while it has focus) should be priority: a priority `a` on a screen with an Input would
take the letter from the Input. Make the list's other keys priority too (cursor keys:
`*TABLE_CURSOR_BINDINGS`; ctrl+z, Esc), or `down x` in a burst acts on the row above. A priority
key that reads a field (an outcome or save key on a form screen) first awaits
`keys_handled(self.focused)`, so the letters typed before it are in the field.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

# A table whose letters are priority commands moves its cursor with priority keys too: otherwise
# `down x` in a burst would remove the row above (x runs as it arrives, down only after it).
TABLE_CURSOR_BINDINGS = [
    Binding("up", "cursor_up", "Cursor up", show=False, priority=True),
    Binding("down", "cursor_down", "Cursor down", show=False, priority=True),
    Binding("pageup", "page_up", "Page up", show=False, priority=True),
    Binding("pagedown", "page_down", "Page down", show=False, priority=True),
]


def event_clock() -> float:
    """Now, on the clock Textual stamps events with (to compare with `events.Key.time`)."""
    return events.Key("", None).time


def screen_app(screen: object) -> Any:
    """The app of a screen (None when it has none yet)."""
    try:
        return screen.app  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 (no active app: nothing to ask)
        return None


class EarlyKeys:
    """Mixin for a dialog or form screen: hold keys until its first field has focus.

    Put it first in the bases (before ModalScreen/Screen) and call `early_keys_ready` from
    `on_mount` (or later, once the field exists).
    """

    _early_ready_at: float | None = None
    _early_held: list[events.Key] | None = None

    def early_keys_ready(self, field: Widget | None) -> None:
        """Focus `field` now and give it, in order, the keys that came before it could have."""
        screen: Any = self
        if field is not None and field.focusable:
            screen.set_focus(field)  # at once: Widget.focus() would wait behind the burst
        self._early_ready_at = event_clock()
        held, self._early_held = self._early_held or [], []
        for key in held:
            self._early_deliver(key)

    @property
    def early_keys_waiting(self) -> bool:
        """True until the first field is ready: keys are being held."""
        return self._early_ready_at is None

    def on_key(self, event: events.Key) -> None:
        """Hold or redirect keys that reached the screen itself because nothing had focus yet.

        A key bubbling up from the focused field was sent after the field had focus: it is
        left alone (it is, say, ctrl+s on its way to the screen's binding).
        """
        if self._early_ready_at is None:
            event.stop()
            event.prevent_default()
            if self._early_held is None:
                self._early_held = []
            self._early_held.append(event)
            return
        if getattr(screen_app(self), "keys_in_order", False):
            return  # the app routes each key only once the one before is handled (KeysInOrder)
        if event.time < self._early_ready_at:
            event.stop()
            event.prevent_default()
            self._early_deliver(event)

    def _early_deliver(self, event: events.Key) -> None:
        """Hand one held key to the widget that has focus now (tab moves focus itself, so the
        keys after it go to the next field as they would have)."""
        screen: Any = self
        if event.key == "tab":
            screen.focus_next()
            return
        if event.key == "shift+tab":
            screen.focus_previous()
            return
        target = screen.focused or screen
        if target is screen:
            return  # nothing can take it (no focusable field): dropping beats looping
        again = events.Key(event.key, event.character)
        # routed exactly as the app routes a key to the focused widget (Textual 8.2.8, pinned):
        # sent by the app and marked forwarded, so a key the field does not take (ctrl+s,
        # escape) bubbles back up to the app's bindings instead of stopping at this screen
        again.set_sender(screen.app)
        target._forward_event(again)


class DialogOpener:
    """Mixin for a screen whose single letters are commands and which opens dialogs.

    `await self.open_dialog(dialog, callback)` from an async action bound with priority=True.
    """

    dialog_opening: bool = False

    async def open_dialog(self, dialog: Screen[Any],
                          callback: Callable[[Any], Any] | None = None) -> None:
        """Push `dialog` and wait until it is mounted (its first field focused)."""
        screen: Any = self
        self.dialog_opening = True
        try:
            await screen.app.push_screen(dialog, callback)
        finally:
            self.dialog_opening = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a dialog is being opened, this screen's own commands wait (refused)."""
        if self.dialog_opening:
            return False
        parent: Any = super()
        check = getattr(parent, "check_action", None)
        return check(action, parameters) if check is not None else True


async def keys_handled(widget: Widget | None) -> None:
    """Wait until `widget` has handled every key already sent to it.

    For a priority binding that reads a field (an outcome key, a save key): priority bindings
    run as the key arrives, ahead of the letters typed before it that still wait in the field's
    queue. Awaiting this first reads the field as typed. While the app awaits, it reads no
    further key, so the keys typed after go wherever the action moves the focus.
    """
    if widget is None or not widget.is_running:
        return
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    widget.call_later(lambda: done.done() or done.set_result(None))
    with contextlib.suppress(TimeoutError):  # a safety net if the widget goes away
        await asyncio.wait_for(done, timeout=5)


__all__ = ["TABLE_CURSOR_BINDINGS", "DialogOpener", "EarlyKeys", "event_clock", "keys_handled"]
