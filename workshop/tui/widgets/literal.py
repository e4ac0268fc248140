"""Show text from users and content files exactly as typed.

Markup (`[bold]`, `[/]`) is never parsed, and control characters (ANSI escape codes, bells,
backspaces) are replaced by their visible Unicode pictures (ESC shows as ␛) so they can neither
restyle the terminal nor vanish silently.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

# C0 controls and DEL -> the Control Pictures block; keep newline and tab.
_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = 0x2421
# C1 controls (e.g. the 8-bit CSI \x9b) have no pictures: show them as a replacement box.
_PICTURES.update({code: 0xFFFD for code in range(0x80, 0xA0)})


def visible(text: str) -> str:
    """`text` with every control character made visible; everything else untouched."""
    return str(text).translate(_PICTURES)


def one_line(text: str, limit: int = 0) -> str:
    """Visible text on one line (for table cells and titles), cut to `limit` characters if given."""
    line = " ".join(visible(text).split())
    if limit and len(line) > limit:
        return line[: max(limit - 1, 0)] + "…"
    return line


def literal(text: str) -> Content:
    """A Content that renders `text` literally (for Static, Label, OptionList prompts)."""
    return Content(visible(text))


def literal_cell(text: str, limit: int = 0) -> Text:
    """A DataTable cell that renders literally (plain `str` cells are parsed as markup)."""
    return Text(one_line(text, limit), no_wrap=True, overflow="ellipsis")
