"""The wrap-up screen's lists stop at WRAPUP_ITEMS entries and say how many more the export has.

A wrap-up is read on one screen at the end of the day: thousands of agreed decisions or open
actions cannot be read there, and laying them all out froze the screen for seconds. The first
WRAPUP_ITEMS are listed (in the summary's order), then one line says how many more there are and
where they all are (the export, key x). A session under the limit shows everything, as before.
"""

from __future__ import annotations

import copy

from tests.export_fixtures import _rec, rich_session
from tests.export_support import summary_of
from workshop.tui.screens.wrapup import WRAPUP_ITEMS, summary_sections


def _session(decisions: int, actions: int, owners: int = 7) -> dict:
    snap = copy.deepcopy(rich_session())
    snap["records"] = [r for r in snap["records"] if r["kind"] not in ("decision", "action")]
    snap["records"] += [
        _rec("decision", 1000 + i, "B1", text=f"Decision {i}", outcome="agreed")
        for i in range(decisions)
    ]
    snap["records"] += [
        _rec("action", 1000 + i, "B1", title=f"Task {i}", owner=f"Owner {i % owners}",
             due=f"2026-08-{i % 28 + 1:02d}", status="open")
        for i in range(actions)
    ]
    return snap


def _body(summary, heading: str) -> list[str]:
    return dict(summary_sections(summary))[heading].split("\n")


def test_a_long_list_of_agreed_decisions_stops_and_says_how_many_more():
    summary = summary_of(_session(WRAPUP_ITEMS + 250, 0))
    lines = _body(summary, "Agreed decisions")
    shown = [ln for ln in lines if ln.startswith("• ")]
    assert len(shown) == WRAPUP_ITEMS
    assert shown[0].endswith("Decision 0")  # the summary's order is kept
    assert lines[-1] == "… and 250 more agreed decisions: export the summary (x) to read them all"


def test_a_long_list_of_open_actions_stops_and_says_how_many_more():
    summary = summary_of(_session(0, WRAPUP_ITEMS + 40))
    lines = _body(summary, "Actions by owner (open)")
    shown = [ln for ln in lines if ln.startswith("  ")]
    assert len(shown) == WRAPUP_ITEMS
    listed = [a.title for g in summary.next_steps.by_owner for a in g.actions][:WRAPUP_ITEMS]
    assert [ln.split(" · ", 1)[1].rsplit(" (", 1)[0] for ln in shown] == listed
    assert lines[-1] == "… and 40 more open actions: export the summary (x) to read them all"


def test_lists_at_the_limit_are_shown_whole():
    summary = summary_of(_session(WRAPUP_ITEMS, WRAPUP_ITEMS))
    decisions = _body(summary, "Agreed decisions")
    actions = _body(summary, "Actions by owner (open)")
    assert len([ln for ln in decisions if ln.startswith("• ")]) == WRAPUP_ITEMS
    assert len([ln for ln in actions if ln.startswith("  ")]) == WRAPUP_ITEMS
    assert not any(ln.startswith("… and") for ln in decisions + actions)
