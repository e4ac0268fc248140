"""Keys are handled in the order they were typed, also when a priority key jumps the queue.

A priority binding (ctrl+s, ctrl+q) runs as soon as the app reads its key, while the keys typed
just before it may still wait in the queue of the field they were sent to (a burst: a paste or an
SSH link delivers them all at once). `keys_landed` waits until each given widget has handled what
was queued on it before the call, so the action then sees everything typed ahead of it.
"""

from __future__ import annotations

import asyncio
from contextlib import suppress

from textual.message_pump import MessagePump

LANDING_TIMEOUT = 5.0  # seconds; only a stalled widget takes this long (the key is then handled)


async def keys_landed(*pumps: MessagePump | None, timeout: float = LANDING_TIMEOUT) -> None:
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
    if waits:
        with suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.gather(*waits), timeout)
