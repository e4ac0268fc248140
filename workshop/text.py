"""Text from users and files, made safe to show on a terminal (the app and the command line).

A title, a name or a line of a file may hold terminal escapes (`ESC [2J` clears the screen,
`ESC ] 52` writes the clipboard, OSC 8 links swallow what follows) or characters that reorder a
line. Everything shown goes through `visible()`: the stored text is never changed, only how it is
drawn. This module is the one copy of that rule; the TUI's literal helpers and the CLI's writer
(`VisibleStream`) both use it. No Textual here.

What is made visible, and how:
- C0 controls (except tab and newline) and DEL -> their Control Pictures (ESC shows as ␛);
- C1 controls (U+0080-U+009F, e.g. the 8-bit CSI) -> U+FFFD (they have no pictures);
- the bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069), which can
  reorder the rest of a terminal line ("Trojan Source") -> U+FFFD. The bidi *marks* (LRM, RLM,
  ALM) and the joiners (ZWJ, ZWNJ) are left alone: they only affect their neighbours and are
  typed in Arabic, Persian and emoji text.
"""

from __future__ import annotations

import json
import re
from typing import IO, Any

REPLACEMENT = 0xFFFD

# C0 controls and DEL -> the Control Pictures block; keep newline and tab.
_PICTURES: dict[int, int] = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_PICTURES[0x7F] = 0x2421
_PICTURES.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_PICTURES.update({code: REPLACEMENT for code in BIDI_CONTROLS})

_ONE_LINE = dict(_PICTURES)
_ONE_LINE[0x0A] = 0x2424  # ␤: a newline inside one line of output is shown, not obeyed

# Output streams keep CRLF line ends (CSV on stdout) but show a lone CR, which would let a line
# overwrite itself.
_OUTPUT = {code: to for code, to in _PICTURES.items() if code != 0x0D}
_LONE_CR = re.compile("\r(?!\n)")

# Characters json.dumps(ensure_ascii=False) writes raw but a terminal may obey: escape them as
# \uXXXX (the decoded JSON is the same text, so the output stays exact JSON).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def visible(text: object) -> str:
    """`text` with every control character made visible; newlines and tabs kept."""
    return str(text).translate(_PICTURES)


def one_line(text: object, limit: int = 0) -> str:
    """Visible text on one line (table cells, titles in messages), cut to `limit` if given.

    Runs of whitespace (newlines included) become one space, so a cell never breaks a table.
    """
    line = " ".join(visible(text).split())
    if limit and len(line) > limit:
        return line[: max(limit - 1, 0)] + "…"
    return line


def visible_line(text: object) -> str:
    """One line of output exactly as given, except that controls are visible and a newline
    inside it shows as ␤ (for error messages: one line, nothing collapsed or lost)."""
    return str(text).translate(_ONE_LINE)


def visible_output(text: str) -> str:
    """What `VisibleStream` writes: `visible()`, except that a CR before a newline is kept."""
    return _LONE_CR.sub("\u240d", text).translate(_OUTPUT)


def quoted(text: object) -> str:
    """A name as it appears in a message: visible, on one line, in single quotes."""
    return "'" + visible_line(text) + "'"


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON for `--json` output: exact JSON, non-ASCII letters kept readable, and nothing a
    terminal would obey (C0 is escaped by json itself; C1, DEL and bidi controls here)."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return json_safe(text)


def json_safe(text: str) -> str:
    """Escape, inside already-serialised JSON, the characters a terminal may obey."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class VisibleStream:
    """A text stream that makes controls visible in everything written through it.

    The CLI puts one around stdout and stderr for every command but the app, so no message,
    table or error can carry an escape to the terminal, whichever code printed it.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible_output(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # flush, isatty, fileno, encoding, buffer ...
        return getattr(self.stream, name)
