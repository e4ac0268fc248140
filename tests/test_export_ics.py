"""The calendar export parsed back with icalendar: open actions with a due date as all-day
events, UIDs that stay the same across exports (and for a carried-over action, the same as in
the session it came from), and text kept as typed."""

from __future__ import annotations

import copy
import datetime as dt

from icalendar import Calendar

from tests.export_fixtures import _rec, rich_session
from tests.export_support import DEMO_TODAY, demo_snapshot, real_guide, rich, summary_of
from workshop.cli import main
from workshop.export import render
from workshop.export.ics_export import render_ics


def _events(text: str):
    return [c for c in Calendar.from_ical(text).walk("VEVENT")]


def test_open_actions_with_a_due_date_are_all_day_events():
    s = rich()
    events = _events(render_ics(s))
    wanted = [a for a in s.actions if a.status in ("open", "in progress") and a.due]
    assert len(events) == len(wanted) > 0
    by_title = {str(e["summary"]): e for e in events}
    for a in wanted:
        event = by_title[f"{a.title} ({a.owner})" if a.owner else a.title]
        start = event.decoded("dtstart")
        assert type(start) is dt.date and start.isoformat() == a.due
        assert event.decoded("dtend") == start + dt.timedelta(days=1)
        assert str(event["transp"]) == "TRANSPARENT"
        assert f"Owner: {a.owner}" in str(event["description"])


def test_done_dropped_and_undated_actions_stay_out():
    snap = copy.deepcopy(rich_session())
    snap["records"] += [
        _rec("action", 80, "B1", title="Finished", owner="Jo", due="2026-09-01", status="done"),
        _rec("action", 81, "B1", title="Dropped", owner="Jo", due="2026-09-01",
             status="dropped"),
        _rec("action", 82, "B1", title="Someday", owner="Jo", due="", status="open"),
        _rec("action", 83, "B1", title="In hand", owner="Jo", due="2026-09-02",
             status="in progress"),
    ]
    titles = {str(e["summary"]) for e in _events(render_ics(summary_of(snap, include_all=True)))}
    assert "In hand (Jo)" in titles
    assert not any(t.startswith(("Finished", "Dropped", "Someday")) for t in titles)


def test_uids_are_stable_across_exports_and_follow_carried_over_actions(tmp_path):
    snap = demo_snapshot(tmp_path)
    first = render(snap, "ics", guide=real_guide(), today=DEMO_TODAY)
    again = render(snap, "ics", guide=real_guide(), today=DEMO_TODAY)
    uids = [str(e["uid"]) for e in _events(first)]
    assert uids == [str(e["uid"]) for e in _events(again)]
    assert len(set(uids)) == len(uids) > 3
    records = {r["id"]: r for r in snap["records"] if r["kind"] == "action"}
    carried = [r for r in records.values() if r.get("origin")]
    own = [r for r in records.values() if not r.get("origin")]
    assert carried and own
    for r in own:
        if f"demo01-{r['id']}@workshop.invalid" not in uids:
            assert r.get("status") not in ("open", "in progress") or not r.get("due")
    for r in carried:
        uid = f"{r['origin']['session']}-{r['origin']['record']}@workshop.invalid"
        open_due = r.get("status", "open") in ("open", "in progress") and r.get("due")
        assert (uid in uids) == bool(open_due), r["id"]


def test_hostile_text_is_kept_and_cannot_add_properties():
    snap = copy.deepcopy(rich_session())
    evil = "Line one\nBEGIN:VEVENT\r\nUID:evil; x, y\\z\x07"
    snap["records"].append(_rec("action", 90, "B1", title=evil, owner="Jo", description=evil,
                                due="2026-09-01", status="open"))
    events = _events(render_ics(summary_of(snap, include_all=True)))
    assert len(events) == len([a for a in summary_of(snap, include_all=True).actions
                               if a.is_open and a.due])
    mine = next(e for e in events if "BEGIN:VEVENT" in str(e["summary"]))
    assert str(mine["summary"]) == "Line one / BEGIN:VEVENT / UID:evil; x, y\\z\u2407 (Jo)"
    assert "UID:evil; x, y\\z\u2407" in str(mine["description"])


def test_calendar_export_from_the_command_line(tmp_path, capsys):
    sessions = tmp_path / "s"
    assert main(["demo", "--sessions", str(sessions)]) == 0
    capsys.readouterr()
    assert main(["export", "--sessions", str(sessions),
                 "Harbourford smart city operating model workshop", "--format", "ics",
                 "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("BEGIN:VCALENDAR") and _events(out)
