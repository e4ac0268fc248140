"""The command palette (ctrl+p): every action of the app and of the current screen.

Commands come from the same `BINDINGS` the footer and help screen use (so they cannot drift), plus
whatever a screen offers through `palette_commands() -> [(title, help, callback)]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.actions import parse as parse_action
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
    elif binding.key_display:  # e.g. "0-9" for the ten digit keys of the tally grid
        return binding.key_display
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


def _action_of(callback: Callable[[], Any]) -> tuple[Any, str, tuple[Any, ...]] | None:
    """(owner, action name, arguments) when `callback` is an owner's `action_*` method, bound
    or wrapped in functools.partial; None for anything else."""
    func, args = callback, ()
    if isinstance(callback, partial):
        func, args = callback.func, tuple(callback.args)
    name = getattr(func, "__name__", "")
    owner = getattr(func, "__self__", None)
    if owner is None or not name.startswith("action_"):
        return None
    return owner, name.removeprefix("action_"), args


def _binding_action(owner: Any, binding: Binding) -> tuple[Any, str, tuple[Any, ...]]:
    _destination, name, params = parse_action(binding.action)
    return owner, name, tuple(params)


def _titled(group: str, title: str) -> str:
    """ "Group: title", unless the title already starts with its group."""
    if title.casefold().startswith(f"{group.casefold()}:"):
        return title
    return f"{group}: {title}"


def screen_commands(screen: Screen) -> list[Command]:
    """What the palette offers on `screen`: screen actions first, then the app's.

    Each action is listed once: when a screen's palette_commands() offers an action that also
    has a key, the screen's wording is kept and the key is named in its help line.
    """
    app = screen.app
    commands: list[Command] = []
    seen: set[str] = set()
    where = getattr(screen, "PALETTE_GROUP", "") or type(screen).__name__.removesuffix("Screen")
    for owner, group in ((screen, where), (app, "App")):
        extra = getattr(owner, "palette_commands", None)
        extras = list(extra()) if callable(extra) else []
        by_action = {}
        for n, (_title, _help, callback) in enumerate(extras):
            action = _action_of(callback)
            if action is not None and action[0] is owner:
                by_action.setdefault(action, n)
        merged: set[int] = set()
        for binding in _bindings(owner):
            if not binding.description or binding.action in seen:
                continue
            if binding.action == "command_palette":
                continue
            if owner is screen and screen.check_action(binding.action, ()) is False:
                continue
            seen.add(binding.action)
            keys = binding_keys(app, binding)
            n = by_action.get(_binding_action(owner, binding))
            if n is not None and n not in merged:
                merged.add(n)
                title, help_text, callback = extras[n]
                commands.append((_titled(group, title), f"{help_text} (key: {keys})", callback))
                continue
            title = f"{group}: {binding.description}"
            help_text = f"{binding.tooltip} (key: {keys})" if binding.tooltip else f"key: {keys}"
            commands.append((title, help_text, partial(app.run_action, binding.action, owner)))
        for n, (title, help_text, callback) in enumerate(extras):
            if n not in merged:
                commands.append((_titled(group, title), help_text, callback))
    # an app command the screen already offers under the same name (e.g. the follow-up review
    # on the walkthrough's f6) is listed once, with the screen's key
    bare = [title.split(": ", 1)[-1].casefold() for title, _h, _c in commands]
    on_screen = {b for (title, _h, _c), b in zip(commands, bare, strict=True)
                 if not title.startswith("App: ")}
    return [c for c, b in zip(commands, bare, strict=True)
            if not (c[0].startswith("App: ") and b in on_screen)]


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
