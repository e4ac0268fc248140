"""Shared helpers for the export tests: summaries of the fixtures and of the real demo."""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from typing import Any

from tests.export_fixtures import TODAY, hostile_session, rich_session, small_guide
from workshop.summary import Summary, SummaryOptions, build_summary

DEMO_TODAY = dt.date(2026, 4, 1)


def summary_of(snapshot: dict[str, Any], **options: Any) -> Summary:
    return build_summary(snapshot, small_guide(), SummaryOptions(today=TODAY, **options))


def rich(**options: Any) -> Summary:
    return summary_of(rich_session(), **options)


def hostile(plain: bool = False, **options: Any) -> Summary:
    return summary_of(hostile_session(plain), **options)


@lru_cache(maxsize=1)
def _demo_json(tmp: str) -> str:
    from workshop.store import SessionStore
    from workshop.store.commands import load_part_ids
    from workshop.store.demo import create_demo

    parts = load_part_ids([])
    store = SessionStore(tmp, known_parts=parts.ids)
    with create_demo(store, parts.risk_questions) as session:
        snap = session.snapshot()
    text = json.dumps(snap)
    earlier = {r["origin"]["session"] for r in snap["records"] if r.get("origin")}
    text = text.replace(snap["session"]["id"], "demo01")
    for i, sid in enumerate(sorted(earlier)):
        text = text.replace(sid, f"early{i}")
    return text


def demo_snapshot(tmp_path) -> dict[str, Any]:
    """The `workshop demo` session with its random session ids replaced by fixed ones."""
    return json.loads(_demo_json(str(tmp_path / "demo-store")))


@lru_cache(maxsize=1)
def real_guide():
    from workshop.guide.loader import load_guide

    return load_guide([])
