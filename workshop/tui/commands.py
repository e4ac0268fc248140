"""The command palette (ctrl+p): every action of the app and of the current screen.

Commands come from the same `BINDINGS` the footer and help screen use (so they cannot drift), plus
whatever a screen offers through `palette_commands() -> [(title, help, callback)]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape
from textual.screen import Screen

from workshop.tui.widgets.literal import visible

Command = tuple[str, str, Callable[[], Any]]


def binding_keys(app: Any, binding: Binding) -> str:
    """The keys a binding answers to after the user's keymap, for display ("F1 / ?")."""
    keymap = getattr(app, "settings", None)
    keys = binding.key
    if keymap is not None and binding.id and binding.id in app.settings.keymap:
        keys = app.settings.keymap[binding.id]
    shown = []
    for key in keys.split(","):
        key = key.strip()
        if key:
            shown.append(app.get_key_display(Binding(key, binding.action)))
    return " / ".join(dict.fromkeys(shown))


def _bindings(node: Any) -> Iterator[Binding]:
    for item in getattr(node, "BINDINGS", []):
        if isinstance(item, Binding):
            yield item


def screen_commands(screen: Screen) -> list[Command]:
    """What the palette offers on `screen`: screen actions first, then the app's."""
    app = screen.app
    commands: list[Command] = []
    seen: set[str] = set()
    where = getattr(screen, "PALETTE_GROUP", "") or type(screen).__name__.removesuffix("Screen")
    for owner, group in ((screen, where), (app, "App")):
        for binding in _bindings(owner):
            if not binding.description or binding.action in seen:
                continue
            if binding.action == "command_palette":
                continue
            if owner is screen and screen.check_action(binding.action, ()) is False:
                continue
            seen.add(binding.action)
            title = f"{group}: {binding.description}"
            help_text = binding.tooltip or f"key: {binding_keys(app, binding)}"
            if binding.tooltip:
                help_text = f"{binding.tooltip} (key: {binding_keys(app, binding)})"
            commands.append((title, help_text, partial(app.run_action, binding.action, owner)))
        extra = getattr(owner, "palette_commands", None)
        if callable(extra):
            for title, help_text, callback in extra():
                commands.append((f"{group}: {title}", help_text, callback))
    return commands


class WorkshopCommands(Provider):
    """Context-aware: the screen the palette was opened from decides what is listed."""

    def _commands(self) -> list[Command]:
        return screen_commands(self.screen)

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            title = visible(title)
            help_text = escape(visible(help_text))
            yield DiscoveryHit(Content(title), callback, text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            title = visible(title)
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(title), callback, text=title,
                    help=escape(visible(help_text)),
                )
