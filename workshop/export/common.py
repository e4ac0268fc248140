"""Helpers every renderer shares: cleaning user text, number formats, section titles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from workshop.kinds import REGISTRY
from workshop.records import MATURITY_LEVELS
from workshop.summary import KindCount, Risks
from workshop.text import REPLACEMENT, visible

# Control characters are made visible by the one rule of workshop.text (the app and the command
# line use it too: ESC shows as U+241B, C1 and bidi override controls as U+FFFD); on top of it,
# lone surrogates and the non-characters U+FFFE/U+FFFF become U+FFFD. None is valid in XML (Word)
# or harmless in HTML, and nothing typed may vanish silently.
_NOT_XML = {code: REPLACEMENT for code in (*range(0xD800, 0xE000), 0xFFFE, 0xFFFF)}
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029")

SECTION_TITLES = {
    "glance": "At a glance",
    "actions": "Agreed actions",
    "actions_all": "Actions",
    "decisions": "Decisions by part",
    "maturity": "Maturity: current and target",
    "discussion": "Discussion by part",
    "room": "Participation from the room",
    "engagement": "Stakeholder engagement",
    "risks": "Key risks",
    "benefits": "Benefits register",
    "next": "Next steps",
}


def clean(text: object) -> str:
    """User text with newlines normalised to "\\n" and control characters made visible."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return visible(_NEWLINES.sub("\n", text)).translate(_NOT_XML)


def one_line(text: object, sep: str = " / ") -> str:
    """Cleaned text on one line: line breaks become `sep`, tabs a space, blank lines dropped."""
    lines = [ln.strip() for ln in clean(text).replace("\t", " ").split("\n")]
    return sep.join(ln for ln in lines if ln)


_PLURALS = {name: (k.singular, k.plural) for name, k in REGISTRY.items()}  # workshop/kinds/


def _words(c: KindCount) -> tuple[str, str]:
    """A kind's singular and plural, as the summary's kinds declare them."""
    return c.words if c.words[0] else _PLURALS.get(c.kind, (c.label, c.label))


def counts_text(counts: Iterable[KindCount]) -> str:
    """ "2 notes, 1 idea, ..." for the kinds recorded at least once."""
    parts = [
        f"{c.count} {_words(c)[c.count != 1]}"
        for c in counts
        if c.count
    ]
    return ", ".join(parts) or "nothing yet"


def level(value: float) -> str:
    """A maturity value: "3" or "2.5"."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def gap(value: float) -> str:
    return f"+{level(value)}" if value > 0 else level(value)


def minutes(seconds: int) -> str:
    """Time spent: "0 min" only when none was; under a minute is "<1 min", else rounded."""
    if seconds <= 0:
        return "0 min"
    if seconds < 60:
        return "<1 min"
    return f"{round(seconds / 60)} min"


def scale_legend() -> str:
    return ", ".join(f"{n} {name}" for n, name, _ in MATURITY_LEVELS)


def actions_heading(include_all: bool) -> str:
    return SECTION_TITLES["actions_all" if include_all else "actions"]


# The risk heat map, one orientation everywhere (as in the app): likelihood in rows, 5 at the top;
# impact in columns, 1 to 5 left to right.
HEAT_TITLE = "Heat map: likelihood (rows) by impact (columns)"
HEAT_CORNER = "Likelihood \u2193 / impact \u2192"
HEAT_COLUMNS = tuple(f"Impact {n}" for n in range(1, 6))


def heat_rows(risks: Risks) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """(likelihood, row label, [(score, "K1 C2") per impact 1..5]) from likelihood 5 down to 1."""
    return [
        (lk, f"Likelihood {lk}",
         [(lk * im, " ".join(risks.label(n) for n in risks.cell(lk, im))) for im in range(1, 6)])
        for lk in range(5, 0, -1)
    ]


# Long text in tables: a cell shows at most LONG_TEXT characters of one entry (cut at a word) and
# says where the full text is, so a 5,000-character note made into an action fills one row, not
# nine pages. The full text stands once: where it already is (the note, idea or decision an
# action was made from, in the lists of the summary, which are never cut), else at the end under
# FULL_TEXTS_TITLE. CSV registers are never cut.
LONG_TEXT = 300
FULL_TEXTS_TITLE = "Full text of long entries"


class LongTexts:
    """One per rendering: cuts long table cells and collects the full texts for the end."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, str]] = []  # (label, full text), in order of appearance

    def cell(self, text: str, label: str, elsewhere: str = "") -> str:
        """`text` if short; else its start, "…" and where the full text is (`elsewhere`, or the
        entry `label` under FULL_TEXTS_TITLE, added here)."""
        if len(text) <= LONG_TEXT:
            return text
        cut = text[:LONG_TEXT]
        space = cut.rfind(" ")
        if space > LONG_TEXT * 2 // 3:
            cut = cut[:space]
        if not elsewhere:
            self.entries.append((label, text))
            elsewhere = f"{FULL_TEXTS_TITLE}, {label}"
        return f"{cut.rstrip()}… (full text in {elsewhere})"


# Strong right-to-left letters: Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their
# presentation forms, and the historic RTL blocks of the supplementary planes.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\U00010800-\U00010fff"
                  "\U0001e800-\U0001efff]")
_LTR = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f\u0900-\u0dff\u3040-\u9fff]")


def starts_rtl(text: str) -> bool:
    """True when the first strong letter of `text` is right-to-left (as `dir="auto"` decides)."""
    rtl, ltr = _RTL.search(text), _LTR.search(text)
    return rtl is not None and (ltr is None or rtl.start() < ltr.start())
