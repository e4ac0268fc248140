"""Send keys the way a paste or an SSH link delivers them: all queued at once, with no wait for
the app to handle one before the next arrives (pilot.press waits for idle after each key, which
hides the bugs a burst causes)."""

from __future__ import annotations

from textual import events


def burst(app, *keys: str) -> None:
    for key in keys:
        char = {"tab": "\t", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        name = {" ": "space", "+": "plus"}.get(key, key)
        event = events.Key(name, char)
        event.set_sender(app)
        app._driver.send_message(event)
