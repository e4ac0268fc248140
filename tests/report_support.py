"""Sessions for the programme report's tests, made through the store API (real session files)."""

from __future__ import annotations

import datetime as _dt
import io
from pathlib import Path
from typing import Any

from workshop.report.command import report_command
from workshop.store import SessionStore

TODAY = _dt.date(2026, 6, 1)
AGENDA = [{"part": "B1", "timebox": 20}, {"part": "B3", "timebox": 20}]


def make_session(folder: Path, title: str, date: str, *, city: str = "Harbourford",
                 records: list[tuple[str, str, dict[str, Any]]] = (),
                 people: list[dict[str, Any]] = (), spent: dict[str, int] | None = None) -> str:
    """A session in `folder` holding `records` ((kind, part, fields)); returns its id."""
    store = SessionStore(folder)
    with store.create(title, city=city, date=date, agenda=AGENDA) as session:
        for person in people:
            session.add_participant(**person)
        for part, seconds in (spent or {}).items():
            session.add_time(part, seconds)
        for kind, part, fields in records:
            session.add_record(kind, part, **fields)
        return session.id


def add_records(folder: Path, session_id: str, records: list[tuple[str, str, dict[str, Any]]]
                ) -> None:
    with SessionStore(folder).open(session_id) as session:
        for kind, part, fields in records:
            session.add_record(kind, part, **fields)


def session_file(folder: Path, session_id: str) -> Path:
    (path,) = folder.glob(f"{session_id}-*.json")
    return path


def run_report(*paths: Path, fmt: str = "md") -> tuple[int, str, str]:
    """(exit code, the report, stderr) of `workshop report PATHS -o -`."""
    out, err = io.StringIO(), io.StringIO()
    code = report_command(list(paths), fmt=fmt, output="-", out=out, err=err, today=TODAY)
    return code, out.getvalue(), err.getvalue()
