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
from .sources import Findings, sessions

REPORT_FORMATS = ("md", "html")


def gather(paths: Sequence[Path], progress: Any = None) -> tuple[Programme, Findings]:
    """Read every session under `paths` once, keeping only what the report says."""
    findings = Findings()
    programme = Programme()
    for copy in sessions(paths, findings, progress):
        assert copy.snapshot is not None
        programme.add(copy.snapshot, copy.note)
    return programme, findings


def render_report(programme: Programme, findings: Findings, fmt: str,
                  today: _dt.date | None = None) -> str:
    doc = document(programme, findings, today)
    return html_document(doc) if fmt == "html" else markdown_document(doc)


__all__ = ["REPORT_FORMATS", "Findings", "Programme", "gather", "render_report"]
