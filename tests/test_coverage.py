"""The coverage rule: two minutes spent or a new record; carried-over records don't count."""

from __future__ import annotations

from walkthrough_support import make_guide

from workshop.coverage import covered_count, covered_parts, is_new_record
from workshop.store import SessionStore
from workshop.summary import SummaryOptions, build_summary

ORIGIN = {"session": "s-old", "title": "Earlier", "record": "r-old"}


def test_rule_on_plain_data() -> None:
    agenda = [{"part": "A", "spent": 0}, {"part": "B1", "spent": 120}, {"part": "B2", "spent": 0},
              {"part": "B3", "spent": 0}]
    records = [
        {"part": "A", "kind": "note", "origin": None},
        {"part": "B2", "kind": "action", "origin": ORIGIN},  # carried over only
        {"part": "B3", "kind": "action", "origin": ORIGIN},
        {"part": "B3", "kind": "vote"},  # new, no origin field at all
    ]
    assert covered_parts(agenda, records) == {"A", "B1", "B3"}
    assert covered_count(agenda, records) == 3
    assert not is_new_record(records[1]) and is_new_record(records[0])


def test_store_list_and_summary_agree_carried_records_do_not_cover(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Coverage", agenda=[{"part": "A", "timebox": 5},
                                               {"part": "B1", "timebox": 5},
                                               {"part": "B3", "timebox": 5}])
    session.add_record("action", "B1", title="carried", origin=ORIGIN)
    session.add_record("note", "B3", text="new today")
    session.add_time("A", 150)
    snapshot = session.snapshot()
    session.close()
    info = next(i for i in store.list() if i.id == snapshot["session"]["id"])
    assert (info.parts_covered, info.parts_planned) == (2, 3)
    summary = build_summary(snapshot, make_guide(), SummaryOptions())
    assert summary.glance.parts_covered == 2
    assert [w.part for w in summary.next_steps.uncovered] == ["B1"]
