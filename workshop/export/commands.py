"""`workshop export` and `workshop import`: the CLI glue around render/write_export.

Every user-fixable problem (unknown session, bad file, unwritable path, existing file) ends as a
one-line WorkshopError; nothing is half-written because write_export replaces atomically.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from workshop.errors import UsageError, WorkshopError
from workshop.export import BINARY_FORMATS, default_file_name, render, write_export
from workshop.paths import exports_dir
from workshop.text import json_safe


def export_session(
    sessions: Path,
    ref: str,
    *,
    fmt: str = "md",
    what: str = "actions",
    output: str | None = None,
    include_all: bool = False,
    no_names: bool = False,
    force: bool = False,
    bom: bool = True,
    profile: str = "generic",
    overlays: Sequence[Path] = (),
    today: _dt.date | None = None,
    out: TextIO | None = None,
) -> Path | None:
    """Export one session; returns the path written (None for stdout) and prints it. A CSV
    file starts with a byte-order mark unless `bom` is False; CSV on stdout never does."""
    out = out or sys.stdout
    if fmt != "csv" and (profile != "generic" or not bom):
        option = "--no-bom" if bom is False and profile == "generic" else f"--profile {profile}"
        raise UsageError(f"{option} applies to CSV only: add --format csv, or leave it out")
    if output == "-" and fmt in BINARY_FORMATS:
        raise UsageError(f"a .{fmt} file is binary and cannot go to stdout: use -o FILE.{fmt}")
    from workshop.store import SessionStore

    store = SessionStore(sessions)
    with store.open(ref, readonly=True) as session:
        snapshot = session.snapshot()
    guide = None
    if fmt != "json":
        from workshop.guide.loader import load_guide

        guide = load_guide(list(overlays))
    content = render(snapshot, fmt, guide=guide, what=what, include_all=include_all,
                     no_names=no_names, today=today, bom=bom and output != "-", profile=profile)
    if output == "-":
        text = content if isinstance(content, str) else content.decode("utf-8")
        # JSON stays exact JSON: what a terminal would obey is \u-escaped, not replaced
        out.write(json_safe(text) if fmt == "json" else text)
        out.flush()
        return None
    name = default_file_name(snapshot.get("session") or {}, fmt, what)
    if output:
        path = Path(output).expanduser()
        if path.is_dir():
            path = path / name
    else:
        path = exports_dir(sessions) / name
    default_folder = exports_dir(sessions)
    written = write_export(path, content, force=force,
                           make_folder=path.parent.resolve() == default_folder)
    print(written, file=out)
    return written


#: What `workshop import` does with an export whose session is already in the store.
COPY_CHOICES = ("replace", "keep-both")


def _ask_copy(question: str, copies: int, ask: Callable[[str], str]) -> str:
    """[r]eplace / [k]eep both / [c]ancel, asked again (shortly) until answered; "" is cancel."""
    prompt = f"{question} [r]eplace {'it' if copies == 1 else 'them'} / [k]eep both / [c]ancel? "
    while True:
        try:
            answer = ask(prompt).strip().lower()
        except EOFError:
            return ""
        if answer in ("r", "replace"):
            return "replace"
        if answer in ("k", "keep", "keep both", "keep-both"):
            return "keep-both"
        if answer in ("", "c", "cancel", "n", "no", "q"):
            return ""
        prompt = "Please type r, k or c: "


def import_session(
    sessions: Path, file: str, *, overlays: Sequence[Path] = (), on_copy: str = "",
    ask: Callable[[str], str] = input, interactive: bool | None = None,
    out: TextIO | None = None,
) -> str:
    """Read a JSON export into the store as a new session; print and return its id ("" when
    the user cancelled).

    When the export's session is already in the store (the original, or an earlier import of
    it), nothing is imported unless `on_copy` says "replace" (the earlier copies go to the
    trash, recoverable) or "keep-both"; in a terminal the user is asked instead.
    """
    out = out or sys.stdout
    from workshop.export.json_export import load_snapshot_file
    from workshop.store import SessionStore
    from workshop.store.commands import load_part_ids
    from workshop.store.lineage import copies_of, export_origin, named

    snapshot = load_snapshot_file(Path(file).expanduser())
    parts = load_part_ids(list(overlays))
    unknown = sorted({r["part"] for r in snapshot["records"]} - set(parts.ids))
    unknown += sorted({a["part"] for a in snapshot["agenda"]} - set(parts.ids) - set(unknown))
    if unknown:
        raise WorkshopError(f"{file}: part(s) {', '.join(unknown)} are not in the guide: "
                            "pass the content folder they come from with --content")
    store = SessionStore(sessions, known_parts=parts.ids)
    copies = copies_of(store.list(), export_origin(snapshot["session"]))
    if copies and not on_copy:
        where = f"{file} is already in the store as {named(copies)}"
        if interactive is None:
            interactive = sys.stdin.isatty()
        if not interactive:
            raise WorkshopError(f"{where}: add --replace to move "
                                f"{'it' if len(copies) == 1 else 'them'} to the trash and "
                                "import this file, or --keep-both to import it as another "
                                "session")
        on_copy = _ask_copy(where + ".", len(copies), ask)
        if not on_copy:
            print("Nothing imported.", file=out)
            return ""
    with store.import_snapshot(snapshot) as session:
        session_id = session.id
    title = snapshot["session"]["title"] or "untitled"
    print(f"{session_id} imported {title!r}: {len(snapshot['records'])} records, "
          f"{len(snapshot['participants'])} participants", file=out)
    if copies and on_copy == "replace":
        for info in copies:
            try:
                moved = store.delete(info.id)
            except WorkshopError as error:
                raise WorkshopError(f"imported as {session_id}, but the earlier copy "
                                    f"{named([info])} stays in the store: {error}") from None
            print(f"Replaced {named([info])}: moved to the trash, {moved}", file=out)
    elif copies:
        times = "twice" if len(copies) == 1 else f"{len(copies) + 1} times"
        print(f"Kept both: {named(copies)} holds the same session, so `workshop actions` "
              f"lists its actions {times} (once per copy)", file=out)
    return session_id
