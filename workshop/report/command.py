"""`workshop report`: gather, warn (one line per duplicate, conflict and unreadable file), write.

Warnings go to stderr through the CLI's VisibleStream, so a path or reason holding terminal
escapes is shown, never obeyed; the document's user text is cleaned by its writer.
"""

from __future__ import annotations

import datetime as _dt
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from workshop.errors import UsageError, WorkshopError
from workshop.export import write_export

from . import gather, render_report
from .progress import Progress


def report_command(paths: Sequence[Path], *, fmt: str = "md", output: str | None = None,
                   force: bool = False, out: IO[str] | None = None, err: IO[str] | None = None,
                   today: _dt.date | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    day = today or _dt.date.today()
    if output is not None and not output.strip():
        raise UsageError("-o is empty: give a file name, or - for stdout")
    if fmt == "xlsx" and output == "-":
        raise UsageError("an xlsx workbook cannot go to stdout: give a file name with -o")
    progress = Progress("Reading sessions", err)
    collecting = gc.isenabled()
    gc.disable()  # parsed JSON and the report's rows hold no cycles: reference counting frees
    try:          # them, and cycle collections over tens of thousands of rows only cost time
        try:
            programme, findings = gather(paths, progress)
        finally:
            progress.finish()
        for line in findings.warnings():
            print(line, file=err)
        if not programme.sessions:
            raise WorkshopError("no readable session in " + ", ".join(str(p) for p in paths)
                                + ": give a sessions folder, session files or JSON exports")
        text = render_report(programme, findings, fmt, day)
    finally:
        if collecting:
            gc.enable()
    if output == "-":
        assert isinstance(text, str)
        out.write(text)
        return 0
    path = Path(output) if output else Path(f"programme-report-{day.isoformat()}.{fmt}")
    written = write_export(path, text, force=force)
    print(f"Wrote {written} ({len(programme.sessions)} sessions)", file=out)
    return 0
