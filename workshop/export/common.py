"""Helpers every renderer shares: cleaning user text, number formats, section titles."""

from __future__ import annotations

import re
from collections.abc import Iterable

from workshop.records import MATURITY_LEVELS
from workshop.summary import KindCount, Risks

# C0 controls other than tab and newline, and DEL, become their visible pictures (ESC shows as
# U+241B, as in the app); C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF become
# U+FFFD. None is valid in XML (Word) or harmless in HTML or a terminal, and nothing typed may
# vanish silently.
_PICTURES = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_PICTURES[0x7F] = 0x2421
_PICTURES.update(
    {code: 0xFFFD for code in (*range(0x80, 0xA0), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF)}
)
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029")

SECTION_TITLES = {
    "glance": "At a glance",
    "actions": "Agreed actions",
    "actions_all": "Actions",
    "decisions": "Decisions by part",
    "maturity": "Maturity: current and target",
    "discussion": "Discussion by part",
    "engagement": "Stakeholder engagement",
    "risks": "Key risks",
    "benefits": "Benefits register",
    "next": "Next steps",
}


def clean(text: object) -> str:
    """User text with newlines normalised to "\\n" and control characters made visible."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _NEWLINES.sub("\n", text).translate(_PICTURES)


def one_line(text: object, sep: str = " / ") -> str:
    """Cleaned text on one line: line breaks become `sep`, tabs a space, blank lines dropped."""
    lines = [ln.strip() for ln in clean(text).replace("\t", " ").split("\n")]
    return sep.join(ln for ln in lines if ln)


_PLURALS = {
    "note": ("note", "notes"), "idea": ("idea", "ideas"), "rating": ("rating", "ratings"),
    "vote": ("vote", "votes"), "decision": ("decision", "decisions"),
    "action": ("action", "actions"), "engagement": ("engagement decision", "engagement decisions"),
    "risk": ("risk", "risks"), "benefit": ("benefit", "benefits"),
}


def counts_text(counts: Iterable[KindCount]) -> str:
    """ "2 notes, 1 idea, ..." for the kinds recorded at least once."""
    parts = [
        f"{c.count} {_PLURALS.get(c.kind, (c.label, c.label))[c.count != 1]}"
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
    """(likelihood, row label, [(score, "#1 #3") per impact 1..5]) from likelihood 5 down to 1."""
    return [
        (lk, f"Likelihood {lk}",
         [(lk * im, " ".join(f"#{n}" for n in risks.cell(lk, im))) for im in range(1, 6)])
        for lk in range(5, 0, -1)
    ]
