"""The store's command-line commands (`new`, `list`, `delete`, `demo`, `actions`).

workshop/cli.py keeps only thin handlers that call these, so the store's CLI is testable on its
own and other helpers can edit the other handlers in cli.py without conflicts.
"""

from __future__ import annotations

import datetime as _dt
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from workshop.dates import parse_due
from workshop.errors import UsageError, WorkshopError
from workshop.paths import bundled_content_dir
from workshop.text import json_text, one_line

from .core import SessionInfo, SessionStore
from .lineage import copy_groups, named

DEFAULT_TIMEBOX = 20  # minutes per agenda part when `--agenda` gives none


# -- the guide's part ids ------------------------------------------------------------------------


class PartIds:
    """The part ids the guide knows (from the loader, or the outline's `order` as a fallback)."""

    def __init__(self, ids: Sequence[str], risk_questions: dict[str, tuple[str, ...]]) -> None:
        self.ids = tuple(ids)
        self.risk_questions = risk_questions

    def find(self, text: str) -> str | None:
        wanted = text.replace(" ", "").replace("-", "").replace("_", "").lower()
        return next((p for p in self.ids if p.lower() == wanted), None)


def load_part_ids(overlays: Sequence[Path] = ()) -> PartIds:
    try:
        from workshop.guide.loader import load_guide
    except ImportError:
        return _outline_part_ids()
    guide = load_guide(list(overlays))
    questions = {risk.id: tuple(risk.questions) for risk in guide.risks}
    return PartIds([part.id for part in guide.parts], questions)


def _outline_part_ids() -> PartIds:
    import yaml

    outline = bundled_content_dir() / "guide.yaml"
    try:
        data = yaml.safe_load(outline.read_text(encoding="utf-8"))
        order = [str(p) for p in data["order"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise WorkshopError(f"cannot read the guide outline {outline}: {error}") from None
    return PartIds(order, {})


def parse_agenda(text: str, parts: PartIds) -> list[dict[str, Any]]:
    """"B1,B3:30,C" -> [{"part": "B1", "timebox": 20}, {"part": "B3", "timebox": 30}, ...]."""
    items: list[dict[str, Any]] = []
    for chunk in (c.strip() for c in text.split(",")):
        if not chunk:
            continue
        name, _, minutes = chunk.partition(":")
        part = parts.find(name.strip())
        if part is None:
            raise UsageError(f"--agenda: unknown part id {name.strip()!r}; "
                             f"use ids from the guide: {', '.join(parts.ids)}")
        timebox = DEFAULT_TIMEBOX
        if minutes.strip():
            if not minutes.strip().isdigit() or not 0 <= int(minutes) <= 1440:
                raise UsageError(f"--agenda: timebox {minutes.strip()!r} for {part} must be "
                                 "whole minutes, e.g. B3:30")
            timebox = int(minutes)
        if any(item["part"] == part for item in items):
            raise UsageError(f"--agenda lists {part} twice: give each part once")
        items.append({"part": part, "timebox": timebox})
    return items


# -- commands -------------------------------------------------------------------------------------


def new_session(store: SessionStore, parts: PartIds, *, title: str, city: str = "",
                date: str = "", venue: str = "", facilitator: str = "", purpose: str = "",
                agenda: str = "", out: IO[str] | None = None) -> str:
    out = out or sys.stdout
    if not title.strip():
        raise UsageError("--title must not be empty, e.g. --title 'Riverton workshop'")
    try:  # the forms due dates take: 15/12/2026, 2026-12-15, friday...
        date = parse_due(date, what="--date")
    except WorkshopError as error:
        raise UsageError(str(error)) from None
    items = parse_agenda(agenda, parts)
    with store.create(title.strip(), city=city.strip(), date=date.strip(), venue=venue.strip(),
                      facilitator=facilitator.strip(), purpose=purpose.strip(),
                      agenda=items) as session:
        print(session.id, file=out)
        return session.id


def _local(stamp: str) -> str:
    """ISO UTC -> "2026-03-12 13:43" local time ("" when unset or odd)."""
    try:
        return _dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def _is_terminal(out: IO[str]) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: not a terminal
        return False


def _table(headers: Sequence[str], rows: list[list[str]], cuts: Sequence[tuple[int, int]],
           out: IO[str], *, wide: bool = False) -> None:
    """Print columns padded to fit. Every cell is one line with controls made visible.

    On a terminal (unless `wide`) the table is fitted to the terminal's width so no row wraps:
    `cuts` are (column, narrowest) steps taken in order until it fits (the title first, down to a
    readable width, then the next column, then both further). Written to a file or a pipe,
    nothing is cut (scripts and `grep` see whole titles).
    """
    rows = [[one_line(cell) for cell in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    if not wide and _is_terminal(out):
        total = shutil.get_terminal_size((100, 24)).columns
        for column, narrowest in cuts:
            excess = sum(widths) + 2 * (len(headers) - 1) - total
            if excess <= 0:
                break
            narrowest = max(narrowest, len(headers[column]))
            widths[column] = max(narrowest, min(widths[column], widths[column] - excess))
    for row in [list(headers), *rows]:
        cells = [one_line(c, widths[i]).ljust(widths[i]) for i, c in enumerate(row)]
        print("  ".join(cells).rstrip(), file=out)


def list_sessions(store: SessionStore, *, as_json: bool = False, wide: bool = False,
                  out: IO[str] | None = None) -> int:
    """Sessions as a table (titles cut to the terminal unless `wide`), or JSON for scripts."""
    out = out or sys.stdout
    infos = store.list()
    if as_json:
        print(json_text([info.to_json() for info in infos]), file=out)
        return 0
    if not infos:
        print(f"No sessions in {store.folder}. Create one with `workshop new --title ...`, "
              "or see a full example with `workshop demo`.", file=out)
        return 0
    rows = [[info.id, info.title or "(untitled)", info.city, info.date, info.status,
             f"{info.parts_covered}/{info.parts_planned}", str(info.open_actions),
             _local(info.updated)] for info in infos if info.readable]
    if rows:
        _table(["ID", "TITLE", "CITY", "DATE", "STATUS", "PARTS", "OPEN", "LAST CHANGE"], rows,
               [(1, 20), (2, 10), (1, 8), (2, 4)], out, wide=wide)
    bad = [info for info in infos if not info.readable]
    if bad:
        print(f"{len(bad)} unreadable file(s), left untouched:", file=out)
        for info in bad:
            print(f"  {one_line(info.file.name)}: {one_line(info.reason)}", file=out)
    return 0


def delete_session(store: SessionStore, ref: str, *, yes: bool = False,
                   ask: Callable[[str], str] = input, interactive: bool | None = None,
                   out: IO[str] | None = None) -> int:
    out = out or sys.stdout
    info = store.resolve(ref)
    if not info.readable:  # never touched, so not offered either
        raise WorkshopError(f"{info.file.name} is left as it is ({info.reason}); move it out of "
                            "the sessions folder by hand")
    name = info.title or info.file.name
    if not yes:
        if interactive is None:
            interactive = sys.stdin.isatty()
        if not interactive:
            raise UsageError(f"deleting {name!r} needs confirmation: run it in a terminal or add "
                             "--yes")
        answer = ask(f"Move {name!r} ({info.id}) to the trash folder? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing deleted.", file=out)
            return 1
    moved = store.delete(info.id)
    print(f"Moved {name!r} to {moved}", file=out)
    return 0


def make_demo(store: SessionStore, parts: PartIds, out: IO[str] | None = None) -> str:
    out = out or sys.stdout
    from .demo import create_demo

    with create_demo(store, parts.risk_questions) as session:
        snapshot = session.snapshot()
        origins = {r["origin"]["session"] for r in snapshot["records"] if r["origin"]}
        print(f"Created demo session {session.id}: {snapshot['session']['title']} "
              f"({len(snapshot['records'])} records, {len(snapshot['participants'])} "
              "participants)", file=out)
        for earlier in sorted(origins):
            print(f"  with its earlier session {earlier}, whose open actions it carries over",
                  file=out)
        print(f"Open it with: workshop open {session.id}", file=out)
        return session.id


def _session_order(info: SessionInfo) -> tuple[str, str]:
    return (info.date, info.created)


def warn_skipped(skipped: list[SessionInfo], err: IO[str] | None = None) -> None:
    """One line per damaged session file left out of a command over the whole store."""
    err = err or sys.stderr
    for info in skipped:
        print(f"warning: skipped {info.file.name}: {info.reason} (see `workshop list`)", file=err)


def warn_copies(listed: list[SessionInfo], err: IO[str] | None = None) -> None:
    """One line per set of listed sessions that are copies of one export (see lineage.py).

    Their actions stay listed once per copy: the copies may have changed apart since the import
    (an action done in one, not in the other), and merging them would hide that. The line names
    the copies so the facilitator can keep one (`workshop delete`, or `import --replace`)."""
    err = err or sys.stderr
    for group in copy_groups(listed):
        print(f"note: {len(group)} sessions are copies of the same export: {named(group)}; "
              "their actions are listed once per copy (keep one with `workshop delete ID`)",
              file=err)


def latest_actions(store: SessionStore, skipped: list[SessionInfo] | None = None,
                   people: dict[str, tuple[list[dict[str, Any]], str]] | None = None,
                   ) -> list[tuple[SessionInfo, dict[str, Any]]]:
    """Every action once: a carried-over copy replaces the earlier session's original."""
    newest: dict[tuple[str, str], tuple[SessionInfo, dict[str, Any]]] = {}
    for info, action in store.all_actions(skipped, people):
        origin = action.get("origin") or {}
        key = (origin.get("session") or info.id, origin.get("record") or action["id"])
        if key not in newest or _session_order(info) >= _session_order(newest[key][0]):
            newest[key] = (info, action)
    return list(newest.values())


def is_overdue(action: dict[str, Any], today: _dt.date) -> bool:
    """Due before today and still open or in progress."""
    return bool(action["due"]) and action["due"] < today.isoformat() \
        and action["status"] in ("open", "in progress")


def _owned_by(people: dict[str, Any], participants: dict[str, tuple[list[dict[str, Any]], str]],
              session_id: str, action: dict[str, Any], owner: str) -> bool:
    """`--owner`: the rule the minutes group owners by, with the action's own session's
    participants deciding who a typed name is (workshop/summary_people.py)."""
    if session_id not in people:
        from workshop.summary_people import People  # only when filtering by owner

        people[session_id] = People(*participants.get(session_id, ([], "")))
    return people[session_id].owns(action["owner"], owner.strip())


def list_actions(store: SessionStore, *, only_open: bool = False, owner: str = "",
                 due_before: str = "", as_json: bool = False, wide: bool = False,
                 out: IO[str] | None = None, today: _dt.date | None = None) -> int:
    """Print the actions that match; open ones due before `today` are marked overdue."""
    out = out or sys.stdout
    today = today or _dt.date.today()
    if due_before:  # the forms the app accepts, counted from today
        try:
            due_before = parse_due(due_before, today, what="--due-before")
        except WorkshopError as error:
            raise UsageError(str(error)) from None
    chosen = []
    skipped: list[SessionInfo] = []
    participants: dict[str, tuple[list[dict[str, Any]], str]] = {}
    # the sessions' people are kept only when --owner needs them to tell who is who
    actions = latest_actions(store, skipped, participants if owner.strip() else None)
    warn_skipped(skipped)
    people: dict[str, Any] = {}
    for info, action in actions:
        if only_open and action["status"] not in ("open", "in progress"):
            continue
        if owner.strip() and not _owned_by(people, participants, info.id, action, owner):
            continue
        if due_before and not (action["due"] and action["due"] < due_before):
            continue
        chosen.append((info, action))
    warn_copies([info for info, _ in chosen])
    chosen.sort(key=lambda pair: (pair[1]["due"] or "9999", pair[0].id, pair[1]["no"]))
    if as_json:
        rows = [{"session": info.id, "session_title": info.title, **action,
                 "overdue": is_overdue(action, today)} for info, action in chosen]
        print(json_text(rows), file=out)
        return 0
    if not chosen:
        print("No actions match.", file=out)
        return 0
    rows = [[info.id, str(a["no"]), a["title"], a["owner"],
             a["due"] + (" overdue" if is_overdue(a, today) else ""), a["priority"], a["status"],
             a["part"]] for info, a in chosen]
    _table(["SESSION", "NO", "ACTION", "OWNER", "DUE", "PRIORITY", "STATUS", "PART"], rows,
           [(2, 20), (3, 14), (2, 10), (3, 6)], out, wide=wide)
    return 0
