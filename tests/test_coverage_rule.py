"""A part counts as covered only when the room worked on it: something new captured on it, or at
least MIN_COVERED_SECONDS on its clock. Passing through a part for a second is not covering it,
and then nobody is credited to it in the parts x sectors table."""

from __future__ import annotations

from walkthrough_support import make_guide

from workshop.coverage import MIN_COVERED_SECONDS, covered_parts
from workshop.followup import sector_presence
from workshop.store import SessionStore
from workshop.summary import SummaryOptions, build_summary


def test_threshold_is_a_couple_of_minutes() -> None:
    assert MIN_COVERED_SECONDS == 120


def test_a_part_visited_briefly_with_nothing_captured_is_not_covered() -> None:
    agenda = [{"part": "A", "spent": 1}, {"part": "B1", "spent": MIN_COVERED_SECONDS - 1},
              {"part": "B3", "spent": MIN_COVERED_SECONDS}, {"part": "D", "spent": 1}]
    records = [{"part": "D", "kind": "note"}]  # one thing captured is enough
    assert covered_parts(agenda, records) == {"B3", "D"}


def test_time_on_one_part_over_several_agenda_items_adds_up() -> None:
    agenda = [{"part": "B1", "spent": 70}, {"part": "A", "spent": 0}, {"part": "B1", "spent": 70}]
    assert covered_parts(agenda, []) == {"B1"}


def test_attendees_are_not_credited_to_a_part_only_glimpsed(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Glimpse", agenda=[{"part": "A", "timebox": 5},
                                              {"part": "B1", "timebox": 5}])
    session.add_participant(name="Ana Diaz", organisation="Council", sector="public",
                            attended=True)
    session.add_time("A", 600)
    session.add_time("B1", 1)
    snapshot = session.snapshot()
    session.close()
    info = next(i for i in store.list() if i.id == snapshot["session"]["id"])
    assert info.parts_covered == 1
    summary = build_summary(snapshot, make_guide(), SummaryOptions())
    assert summary.glance.parts_covered == 1
    assert [w.part for w in summary.next_steps.uncovered] == ["B1"]
    presence = sector_presence(snapshot)
    assert not any(presence.get("B1", {}).values())
    assert any(presence["A"].values())
