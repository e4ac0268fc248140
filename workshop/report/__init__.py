"""The programme report (`workshop report`): every session of a programme in one document.

Sessions are read one at a time from store folders, session files and JSON exports
(workshop.report.sources), what the report says of each is kept (consolidate.Programme) and the
session dropped, then the document is built (document.py) and written by the session export's
Markdown or HTML writer. Core: no Textual, no TinyDB.
"""

from __future__ import annotations

import datetime as _dt
import multiprocessing
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workshop.export.html import html_document
from workshop.export.markdown import markdown_document

from .consolidate import Programme
from .document import document
from .sources import Copy, Findings, Unreadable, find_files, peek, settle

REPORT_FORMATS = ("md", "html")


def gather(paths: Sequence[Path], progress: Any = None, workers: int | None = None,
           programme: Programme | None = None) -> tuple[Programme, Findings]:
    """Read every session under `paths`, keeping only what the report says of each.

    Sessions are validated and consolidated by up to `workers` processes (default: the CPUs,
    at most 4; one for a small programme), each returning what it kept; no process ever holds
    more than one group of copies of a session at a time."""
    findings = Findings()
    programme = programme or Programme()
    files = find_files(paths, findings)
    if progress is not None:
        progress.start(2 * len(files))
    if workers is None:
        workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(files) >= PARALLEL_FROM else 1
    pool = _pool(workers)
    try:
        peeked = pool.imap(peek, files, chunksize=16) if pool else map(peek, files)
        groups: dict[str, list[Copy]] = {}
        for item in peeked:
            if isinstance(item, Unreadable):
                findings.unreadable.append(item)
            else:
                groups.setdefault(item.session_id, []).append(item)
            if progress is not None:
                progress.step()
        batches = _batches(list(groups.values()), BATCH)
        done = pool.imap_unordered(_consolidate, batches) if pool else (
            _consolidate(batch, programme) for batch in batches)
        for share, found, count in done:
            if share is not programme:
                programme.merge(share)
            findings.merge(found)
            if progress is not None:
                progress.step(count)
    finally:
        if pool:
            pool.close()
            pool.join()
    return programme, findings


MAX_WORKERS = 4
PARALLEL_FROM = 64  # files: below this, starting processes costs more than it saves
BATCH = 16  # groups of copies per task


def _pool(workers: int) -> Any:
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(workers)


def _batches(groups: list[list[Copy]], size: int) -> list[list[list[Copy]]]:
    return [groups[i:i + size] for i in range(0, len(groups), size)]


def _consolidate(batch: list[list[Copy]], programme: Programme | None = None
                 ) -> tuple[Programme, Findings, int]:
    """Load, settle and consolidate some groups of copies, one group at a time."""
    programme = programme if programme is not None else Programme()
    findings = Findings()
    for group in batch:
        for copy in settle(group, findings):
            assert copy.snapshot is not None
            programme.add(copy.snapshot, copy.note)
            copy.snapshot = None
    return programme, findings, sum(len(g) for g in batch)


def render_report(programme: Programme, findings: Findings, fmt: str,
                  today: _dt.date | None = None) -> str:
    doc = document(programme, findings, today)
    return html_document(doc) if fmt == "html" else markdown_document(doc)


__all__ = ["REPORT_FORMATS", "Findings", "Programme", "gather", "render_report"]
