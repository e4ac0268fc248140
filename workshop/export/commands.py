"""`workshop export` and `workshop import`: the CLI glue around render/write_export.

Every user-fixable problem (unknown session, bad file, unwritable path, existing file) ends as a
one-line WorkshopError; nothing is half-written because write_export replaces atomically.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Sequence
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


def import_session(
    sessions: Path, file: str, *, overlays: Sequence[Path] = (), out: TextIO | None = None
) -> str:
    """Read a JSON export into the store as a new session; print and return its id."""
    out = out or sys.stdout
    from workshop.export.json_export import load_snapshot_file
    from workshop.store import SessionStore
    from workshop.store.commands import load_part_ids

    snapshot = load_snapshot_file(Path(file).expanduser())
    parts = load_part_ids(list(overlays))
    unknown = sorted({r["part"] for r in snapshot["records"]} - set(parts.ids))
    unknown += sorted({a["part"] for a in snapshot["agenda"]} - set(parts.ids) - set(unknown))
    if unknown:
        raise WorkshopError(f"{file}: part(s) {', '.join(unknown)} are not in the guide: "
                            "pass the content folder they come from with --content")
    store = SessionStore(sessions, known_parts=parts.ids)
    with store.import_snapshot(snapshot) as session:
        session_id = session.id
    title = snapshot["session"]["title"] or "untitled"
    print(f"{session_id} imported {title!r}: {len(snapshot['records'])} records, "
          f"{len(snapshot['participants'])} participants", file=out)
    return session_id
