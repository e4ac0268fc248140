"""Summary -> one CSV register per file, ready for a spreadsheet or a tracker import.

UTF-8 with a byte-order mark by default, so a spreadsheet opened by double-click reads "Inês"
and Arabic text right (`--no-bom` drops it for a tool that reads the first header name
literally; a register written to stdout has none); a header row, RFC 4180 quoting by the csv
module with CRLF row ends and every field quoted. The actions register has tracker profiles
(`--profile jira|gitlab|generic`, workshop.export.csv_profiles).

Any cell a spreadsheet would read as a formula (starting with = + - @, their fullwidth forms
＝ ＋ － ＠, tab, CR or LF) starts with an invisible ZERO WIDTH SPACE (U+200B): the spreadsheet
sees text that does not start with "=", so `=1+1` is never live, and the cell shows exactly what
was typed. The OWASP apostrophe did the same but stayed visible (`'+10 points`) when a CSV file
is opened rather than typed into. Other values are the stored text, with control characters made
visible and line breaks normalised to LF.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping

from workshop.errors import WorkshopError
from workshop.export.common import clean, level
from workshop.kinds import REGISTRY, Kind, register_names
from workshop.summary import Summary, Where

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n",
                  "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and fullwidth ＝ ＋ － ＠


FORMULA_GUARD = "\u200b"  # ZERO WIDTH SPACE: no formula starts with it, and it shows nothing
BOM = "\ufeff"


def neutralise(value: object) -> str:
    """Cleaned text, behind FORMULA_GUARD when a spreadsheet would treat it as a formula."""
    text = clean(value)
    return FORMULA_GUARD + text if text.startswith(FORMULA_STARTS) else text


def _where(w: Where) -> list[str]:
    return [w.part, w.part_title, w.rec, w.rec_title]


WHERE_HEADER = ["Part", "Part title", "Recommendation", "Recommendation title"]


def _actions(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Title", "Description", "Owner", "Due date", "Priority", "Status", "Labels",
              "Number", "Overdue", "Status note", *WHERE_HEADER, "Source", "Carried over from",
              "Session", "Record id"]
    return header, (
        [a.title, a.description, a.owner, a.due, a.priority, a.status, ",".join(a.labels),
         a.no, "yes" if a.overdue else "no", a.status_note, *_where(a.where), a.source,
         a.carried_from, s.title.title, a.id]
        for a in s.actions
    )


def _decisions(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Number", "Outcome", "Decision", "Rationale", *WHERE_HEADER, "Author", "Actions",
              "Record id"]
    return header, (
        [x.no, x.outcome, x.text, x.rationale, *_where(x.where), x.author, "; ".join(x.actions),
         x.id]
        for part in s.decisions for x in part.decisions
    )


def _ratings(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Level", *WHERE_HEADER, "Current", "Current name", "Target", "Target name", "Gap",
              "Ratings", "Comments"]
    rows = [("part", r) for r in s.maturity.parts]
    rows += [("recommendation", r) for r in s.maturity.recommendations]
    return header, (
        [kind, *_where(r.where), level(r.current), r.current_name, level(r.target),
         r.target_name, level(r.gap), r.ratings, "\n".join(r.comments)]
        for kind, r in rows
    )


def _notes(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Kind", "Number", *WHERE_HEADER, "Text", "Author", "Votes", "Record id"]
    return header, (
        [c.kind, c.no, *_where(g.where), c.text, c.author, c.votes, c.id]
        for part in s.discussion for g in part.groups for c in g.items
    )


def _stakeholders(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Name", "Kind", "Organisation", "Sector", "Role", "Interest", "Influence",
              "Attended", "Participant id"]
    return header, (
        [x.name, x.kind, x.organisation, x.sector, x.role, x.interest, x.influence,
         "yes" if x.attended else "no", x.id]
        for x in s.engagement.stakeholders
    )


def _engagement(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Number", "Description", "Stakeholders", "Level", "Channels", "Due date", "Owner",
              "Loop closed", "Overdue", *WHERE_HEADER, "Record id"]
    return header, (
        [x.no, x.text, "; ".join(x.stakeholders), x.level, ", ".join(x.channels), x.due,
         x.owner, "yes" if x.loop_closed else "no", "yes" if x.overdue else "no",
         *_where(x.where), x.id]
        for x in s.engagement.decisions
    )


def _risks(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
    header = ["Number", "Title", "Checklist risk", "Likelihood", "Impact", "Score", "Status",
              "Mitigation", "Answers", "Actions", *WHERE_HEADER, "Record id"]
    return header, (
        [x.no, x.title, x.risk, x.likelihood, x.impact, x.score, x.status, x.mitigation,
         "\n".join(f"{q}: {a}" for q, a in x.answers), "; ".join(x.actions), *_where(x.where),
         x.id]
        for x in s.risks.rows
    )


_Rows = Callable[[Summary], tuple[list[str], Iterable[list[object]]]]
_ROWS: dict[str, _Rows] = {
    "actions": _actions,
    "decisions": _decisions,
    "ratings": _ratings,
    "notes": _notes,
    "stakeholders": _stakeholders,
    "engagement": _engagement,
    "risks": _risks,
}


def _declared_rows(kind: Kind) -> _Rows:
    """A register laid out from its kind's declared columns (the benefits, and any kind added
    with a `register`): its number, each column under its field's label, where, and the id."""
    def header(declared: Kind) -> list[str]:
        return ["Number", *(declared.label_of(c.field) for c in declared.register_columns),
                *WHERE_HEADER, "Record id"]

    def rows(s: Summary) -> tuple[list[str], Iterable[list[object]]]:
        reg = s.register(kind.register)
        if reg is None:  # a summary built without this kind: its register is empty
            return header(kind), ()
        seps = [c.sep for c in reg.columns]
        return header(reg.kind), (  # as declared when the summary was built
            [r.no, *(sep.join(cell) for sep, cell in zip(seps, r.cells, strict=True)),
             *_where(r.where), r.id]
            for r in reg.rows
        )
    return rows


def registers(kinds: Mapping[str, Kind] = REGISTRY) -> dict[str, _Rows]:
    """The CSV registers the kinds declare, in their declared order: the hand-made layout where
    there is one, else one from the (first) declaring kind's columns."""
    declaring: dict[str, Kind] = {}
    for kind in kinds.values():
        if kind.register:
            declaring.setdefault(kind.register, kind)
    return {name: _ROWS.get(name) or _declared_rows(declaring[name])
            for name in register_names(kinds.values())}


#: The registers in the order the record kinds declare them (workshop.kinds.REGISTERS).
REGISTERS: dict[str, _Rows] = registers()


def render_csv(summary: Summary, what: str = "actions",
               choices: Mapping[str, _Rows] | None = None, *, bom: bool = False,
               profile: str = "generic") -> str:
    """One register as CSV text (`choices`: REGISTERS, or `registers()` of another registry),
    starting with a byte-order mark if `bom` (an export file: `render` asks for one unless told
    not to); `profile`: a tracker's columns (actions only)."""
    from workshop.export.csv_profiles import LAYOUTS, PROFILES

    choices = REGISTERS if choices is None else choices
    register = choices.get(what)
    if register is None:
        raise WorkshopError(f"unknown CSV register {what!r}: use one of {', '.join(choices)}")
    if profile not in PROFILES:
        raise WorkshopError(f"unknown CSV profile {profile!r}: use one of {', '.join(PROFILES)}")
    if profile != "generic":
        if what != "actions":
            raise WorkshopError(f"--profile {profile} lays out the actions register: use it "
                                "with --what actions")
        register = LAYOUTS[profile]
    header, rows = register(summary)
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise(v) for v in row] for row in rows)
    return out.getvalue()
