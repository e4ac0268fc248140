"""The programme report (`workshop report`): every session of a programme in one document.

Sessions are read one at a time from store folders, session files and JSON exports
(workshop.report.sources), what the report says of each is kept (consolidate.Programme) and the
session dropped, then the document is built (document.py) and written by the session export's
Markdown or HTML writer. Core: no Textual, no TinyDB.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop.export.html import html_document
from workshop.export.markdown import markdown_document

from .consolidate import Programme
from .document import document
from .sources import Copy, Findings, Unreadable, find_files, peek, settle

REPORT_FORMATS = ("md", "html", "xlsx")


def gather(paths: Sequence[Path], progress: Any = None,
           programme: Programme | None = None) -> tuple[Programme, Findings]:
    """Read every session under `paths`, keeping only what the report says of each: one
    session (or one group of copies of a session) is in memory at a time.

    (Worker processes were tried: on two cores they made it twice as slow, the rows sent back
    costing more than the checks they shared out.)"""
    findings = Findings()
    programme = programme if programme is not None else Programme()
    files = find_files(paths, findings)
    if progress is not None:
        progress.start(2 * len(files))
    groups: dict[str, list[Copy]] = {}
    for path in files:
        item = peek(path)
        if isinstance(item, Unreadable):
            findings.unreadable.append(item)
        else:
            groups.setdefault(item.session_id, []).append(item)
        if progress is not None:
            progress.step()
    for group in groups.values():
        for copy in settle(group, findings):
            assert copy.snapshot is not None
            programme.add(copy.snapshot, copy.note)
            copy.snapshot = None
        if progress is not None:
            progress.step(len(group))
    return programme, findings


def render_report(programme: Programme, findings: Findings, fmt: str,
                  today: _dt.date | None = None) -> str | bytes:
    """The report as Markdown or HTML text, or an .xlsx workbook's bytes."""
    doc = document(programme, findings, today)
    if fmt == "xlsx":
        from .workbook import render_workbook  # openpyxl only when asked for

        return render_workbook(doc)
    return html_document(doc) if fmt == "html" else markdown_document(doc)


__all__ = ["REPORT_FORMATS", "Findings", "Programme", "gather", "render_report"]
