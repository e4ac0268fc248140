"""Exports: pure data in, text or bytes out, and a safe way to write them to disk.

    render(snapshot_or_summary, "md" | "html" | "csv" | "json" | "docx" | "xlsx" | ...,
           guide=..., what=...,
           include_all=..., no_names=..., today=...) -> str | bytes
    write_export(path, content, force=False, make_folder=False)  # atomic, see workshop.fileio

JSON is the complete session, so it needs the snapshot (not a summary) and ignores the summary
options; every other format renders the summary built by `workshop.summary`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop.errors import WorkshopError
from workshop.export.formats import (
    BINARY_FORMATS,
    EXPORT_FORMATS,
    EXTENSIONS,
    FORMAT_BY_NAME,
    FORMATS,
    ExportFormat,
    formats_help,
    formats_in_words,
)
from workshop.fileio import TargetExists, make_private_dir, write_atomically

if TYPE_CHECKING:  # the summary is imported when rendering: `--help` stays quick
    from workshop.guide.model import Guide
    from workshop.summary import Summary, SummaryOptions


EXPORT_MODE = 0o600  # exports hold participants' names: readable by the facilitator only


def _summary(source: Summary | Mapping[str, Any], guide: Guide | None, options: SummaryOptions
             ) -> Summary:
    from workshop.summary import Summary, build_summary

    if isinstance(source, Summary):
        return source
    if guide is None:
        from workshop.guide.loader import load_guide

        guide = load_guide([])
    return build_summary(source, guide, options)


def render(
    source: Summary | Mapping[str, Any],
    fmt: str = "md",
    *,
    guide: Guide | None = None,
    what: str = "actions",
    include_all: bool = False,
    no_names: bool = False,
    today: _dt.date | None = None,
    bom: bool = True,
    profile: str = "generic",
) -> str | bytes:
    """Render a session snapshot (or an already built summary) in one format; `bom` and
    `profile` (a tracker's columns for the actions register) apply to CSV."""
    if fmt not in FORMATS:
        raise WorkshopError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    from workshop.summary import Summary, SummaryOptions

    if fmt == "json":
        if isinstance(source, Summary):
            raise WorkshopError("JSON export needs the whole session, not a summary")
        if no_names:
            raise WorkshopError(
                "--no-names does not apply to JSON, which is the complete session; "
                "use any other format to publish without names"
            )
        from workshop.export.json_export import render_json

        return render_json(source)
    options = SummaryOptions(include_all=include_all, no_names=no_names, today=today)
    summary = _summary(source, guide, options)
    if fmt == "md":
        from workshop.export.markdown import render_markdown

        return render_markdown(summary)
    if fmt == "html":
        from workshop.export.html import render_html

        return render_html(summary)
    if fmt == "csv":
        from workshop.export.csv_export import render_csv

        return render_csv(summary, what, bom=bom, profile=profile)
    if fmt == "datapackage":
        from workshop.export.datapackage_export import render_datapackage

        return render_datapackage(summary)
    if fmt == "ics":
        from workshop.export.ics_export import render_ics

        return render_ics(summary)
    if fmt == "xlsx":
        from workshop.export.xlsx_export import render_xlsx

        return render_xlsx(summary)
    from workshop.export.docx_export import render_docx

    return render_docx(summary)


def default_file_name(meta: Mapping[str, Any], fmt: str, what: str = "actions") -> str:
    """`2026-06-10-riverside-review-summary.md`; CSV names the register, JSON says session, a
    workbook says registers."""
    from workshop.store.naming import slugify

    date = str(meta.get("date") or "") or _dt.date.today().isoformat()
    slug = slugify(str(meta.get("title") or "")) or "session"
    kind = {"csv": what, "json": "session", "xlsx": "registers",
            "ics": "actions", "datapackage": "datapackage"}.get(fmt, "summary")
    return f"{date}-{slug}-{kind}.{EXTENSIONS[fmt]}"


def write_export(
    path: Path, content: str | bytes, *, force: bool = False, make_folder: bool = False
) -> Path:
    """Write atomically (workshop.fileio): a temp file in the target folder, fsync, then
    os.replace, or without `force` a hard link that fails if the file appeared meanwhile.

    Refuses to overwrite an existing file unless `force`. Never leaves a partial file behind.
    The folder must exist unless `make_folder` (only the default exports folder is created:
    a typo in a path should not silently grow a tree of folders somewhere). Files are 0600; the
    default exports folder is created 0700 (or tightened to 0700 when this user owns it); any
    other folder is left as it is.
    """
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    folder = path.parent
    if path.is_dir():
        raise WorkshopError(f"{path} is a folder: give a file name, e.g. {path / 'summary.md'}")
    if path.exists() and not force:
        raise WorkshopError(f"{path} already exists: use --force to overwrite it, or -o another "
                            "path")
    if folder.exists() and not folder.is_dir():
        raise WorkshopError(f"cannot create folder {folder}: a file has that name; choose "
                            "another path with -o")
    if not folder.is_dir() and not make_folder:
        raise WorkshopError(f"folder {folder} does not exist: create it first, or choose "
                            "another path with -o")
    try:
        if make_folder:  # the app's own exports folder: private (0700), like the sessions folder
            make_private_dir(folder)
    except OSError as error:
        raise WorkshopError(f"cannot create folder {folder}: {error.strerror or error}; "
                            "choose another path with -o") from None
    try:
        write_atomically(path, data, mode=EXPORT_MODE, overwrite=force)
    except TargetExists:  # appeared while we were writing: never replaced without --force
        raise WorkshopError(f"{path} already exists: use --force to overwrite it") from None
    except OSError as error:
        raise WorkshopError(f"cannot write {path}: {error.strerror or error}; "
                            "choose another path with -o") from None
    return path


__all__ = [
    "BINARY_FORMATS", "EXPORT_FORMATS", "FORMATS", "FORMAT_BY_NAME", "ExportFormat",
    "default_file_name", "formats_help", "formats_in_words", "render", "write_export",
]
