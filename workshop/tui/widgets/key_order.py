"""Keys are handled in the order they were typed, also when a priority key jumps the queue.

A priority binding (ctrl+s, ctrl+q) runs as soon as the app reads its key, while the keys typed
just before it may still wait in the queue of the field they were sent to (a burst: a paste or an
SSH link delivers them all at once). `keys_landed` waits until each given widget has handled what
was queued on it before the call, so the action then sees everything typed ahead of it.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress
from typing import Any

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump

# Seconds without progress after which a widget counts as stalled (the key is then handled). A
# long paste typed key by key (tmux send-keys, SSH) keeps a field busy for many seconds while it
# makes progress all the time: that is waited for, however long it takes.
LANDING_TIMEOUT = 5.0


async def keys_landed(*pumps: MessagePump | None, timeout: float | None = None) -> None:
    """Wait until every pump has processed the messages queued on it before this call
    (a pump is skipped when this runs in its own task: it could not get there)."""
    waits = []
    current = asyncio.current_task()
    for pump in pumps:
        if pump is None or pump._task is current:  # (its own queue waits for this call)
            continue
        landed = asyncio.Event()
        if pump.call_later(landed.set):
            waits.append(landed.wait())
    if not waits:
        return
    timeout = LANDING_TIMEOUT if timeout is None else timeout
    everything = asyncio.ensure_future(asyncio.gather(*waits))
    busy = [pump for pump in pumps if pump is not None and pump._task is not current]
    left = _queued(busy)
    while True:
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(everything), timeout)
        if everything.done():
            return
        now = _queued(busy)
        if now >= left:  # no message handled in `timeout` seconds: stalled, go on
            everything.cancel()
            return
        left = now


def _queued(pumps: list[MessagePump]) -> int:
    """Messages still waiting on the pumps (falls as they make progress)."""
    return sum(pump.message_queue_size for pump in pumps)


DRAIN_TIMEOUT = 2.0  # seconds; only a widget stuck in a handler takes this long


async def _drained(pump: MessagePump) -> None:
    """Wait until `pump` has processed what is queued on it now (at once if it is closed)."""
    landed = asyncio.Event()
    if pump.call_later(landed.set):
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(landed.wait(), DRAIN_TIMEOUT)


def _chain(widget: DOMNode | None) -> list[DOMNode]:
    """`widget` and its ancestors up to (and with) its screen, in bubbling order."""
    nodes: list[DOMNode] = []
    node = widget
    while node is not None and not isinstance(node, App):
        nodes.append(node)
        node = node._parent  # type: ignore[assignment]
    return nodes


class KeysInOrder:
    """Mixin for the App: each key typed is handled completely before the next one is routed.

    Why: Textual routes every key the moment the app reads it, to whatever has focus then, while
    the key before it may still be on its way: a key no widget takes (Tab, Enter that submits,
    space on a tick list, backspace, a screen's letter) bubbles back up to the app's queue and
    its binding runs only after the rest of a burst (a paste, an SSH link, tmux send-keys) has
    already gone to the old field. Here a key the app forwards is followed up the widget chain
    and its non-priority binding runs at once, then the messages it caused (a submitted field,
    a dismissed dialog's result) are handled, and only then is the next key read. Priority keys
    (ctrl+s, F-keys) run as before, and the messages they cause are handled the same way.
    """

    keys_in_order = True  # read by EarlyKeys: no key reaches a screen ahead of its turn here
    _key_in_flight: events.Key | None = None
    _key_came_back: bool = False

    def post_message(self, message: Message) -> bool:
        if message is self._key_in_flight and message is not None:
            self._key_came_back = True  # bubbled back from the screen: handled in on_event
            return True
        return super().post_message(message)  # type: ignore[misc]

    async def on_event(self, event: events.Event) -> None:
        app: Any = self
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        if not app.screen_stack:  # the app is closing (ctrl+q earlier in a burst): no screen left
            return
        screen = app.screen
        target = app.focused or screen
        self._key_in_flight, self._key_came_back = event, False
        try:
            await super().on_event(event)  # type: ignore[misc]
            if event.is_forwarded:  # no priority binding took it: follow it up the chain
                for node in _chain(target):
                    await _drained(node)
                    if self._key_came_back:
                        break
        finally:
            self._key_in_flight = None
        if self._key_came_back:  # the app's own turn (non-priority bindings), now, in order
            await super().on_event(event)  # type: ignore[misc]
        # what the key set off (a Submitted message, a dialog's result) lands before the next key
        for node in _chain(target if target.is_attached else None):
            await _drained(node)
        if app.screen_stack and app.screen is not screen:
            for node in _chain(app.screen.focused or app.screen):
                await _drained(node)
