"""Show text from users and content files exactly as typed.

Markup (`[bold]`, `[/]`) is never parsed, and control characters (ANSI escape codes, bells,
backspaces, C1 and bidi controls) are made visible by workshop.text (ESC shows as ␛), the one
rule the command line uses too, so they can neither restyle the terminal nor vanish silently.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from workshop.text import one_line, visible

__all__ = ["literal", "literal_cell", "one_line", "visible"]


def literal(text: str) -> Content:
    """A Content that renders `text` literally (for Static, Label, OptionList prompts)."""
    return Content(visible(text))


def literal_cell(text: str, limit: int = 0) -> Text:
    """A DataTable cell that renders literally (plain `str` cells are parsed as markup)."""
    return Text(one_line(text, limit), no_wrap=True, overflow="ellipsis")
