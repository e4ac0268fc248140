"""Follow-up across workshops, on a real SessionStore in tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workshop.errors import WorkshopError
from workshop.followup import (
    absent_sectors,
    carry_over,
    carry_preview,
    city_history,
    covered_sector_parts,
    follow_up_queue,
    part_history,
    review_carried_action,
    same_city,
    sector_coverage,
    sector_presence,
)
from workshop.store import SessionStore


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


def _earlier(store: SessionStore):
    """A first workshop with a mix of open and closed items of every kind."""
    s = store.create(
        "Spring workshop",
        city="Exampleton",
        date="2026-03-01",
        agenda=[{"part": "B3", "timebox": 20}],
    )
    alice = s.add_participant(
        name="Alice",
        organisation="City Council",
        sector="public",
        kind="person",
        interest="high",
        influence="high",
    )
    s.add_participant(
        name="Youth Forum", sector="citizen", kind="group", interest="high", influence="low"
    )
    open_action = s.add_record(
        "action", "B3", title="Map the data owners", owner="Alice", due="2026-04-01"
    )
    s.add_record("action", "B3", title="Already finished", status="done")
    s.add_record("action", "B3", title="Thrown out", status="dropped", status_note="no budget")
    progressing = s.add_record(
        "action",
        "B4",
        title="Draft procurement rules",
        status="in progress",
        status_note="half done",
    )
    s.add_record("decision", "B3", outcome="parked", text="Open data portal")
    s.add_record("decision", "B3", outcome="agreed", text="Monthly citizen panel")
    s.add_record(
        "risk", "D", risk="", title="Supplier lock-in", likelihood=4, impact=3, status="partly"
    )
    s.add_record("risk", "D", title="Fixed risk", status="mitigated")
    engagement = s.add_record(
        "engagement",
        "B3",
        stakeholders=[alice["id"]],
        level="involve",
        channels=["workshop"],
        loop_closed=False,
        text="Panel design",
    )
    s.add_record("engagement", "B3", level="inform", loop_closed=True, text="Closed loop")
    derived = s.add_record("action", "B3", title="Invite the panel", target=engagement["id"])
    s.add_record("benefit", "C", title="Faster permits", actions=[open_action["id"], derived["id"]])
    s.add_record("rating", "B3", current=2, target_level=4)
    s.add_record("rating", "B3", current=3, target_level=4)
    return s, {
        "open": open_action,
        "progressing": progressing,
        "engagement": engagement,
        "derived": derived,
        "alice": alice,
    }


def test_carry_over_copies_only_open_items_with_origin_links(store):
    first, ids = _earlier(store)
    snapshot = first.snapshot()
    second = store.create("Autumn workshop", date="2026-09-01", city="Exampleton")
    added = carry_over(second, [snapshot])
    titles = sorted((r["kind"], r.get("title") or r.get("text")) for r in added)
    assert titles == [
        ("action", "Draft procurement rules"),
        ("action", "Invite the panel"),
        ("action", "Map the data owners"),
        ("benefit", "Faster permits"),
        ("decision", "Open data portal"),
        ("engagement", "Panel design; named: Alice (City Council)"),
        ("risk", "Supplier lock-in"),
    ]
    assert second.participants == []  # other sessions' people are named, not added
    for record in second.records():
        assert record["origin"]["session"] == first.id
        assert record["origin"]["title"] == "Spring workshop"
        source = first.record(record["origin"]["record"])
        assert source["kind"] == record["kind"] and source["part"] == record["part"]
    copy = next(r for r in second.records("action") if r["title"] == "Draft procurement rules")
    assert copy["status"] == "in progress"
    assert copy["status_note"] == ""  # waits for the follow-up review
    risk = second.records("risk")[0]
    assert (risk["likelihood"], risk["impact"], risk["status"]) == (4, 3, "partly")


def test_carry_over_relinks_stakeholders_and_derived_records(store):
    first, ids = _earlier(store)
    second = store.create("Autumn workshop", date="2026-09-01", city="Exampleton")
    carry_over(second, [first.snapshot()], add_stakeholders=True)
    people = second.participants
    assert [p["name"] for p in people] == ["Alice"]  # only the engaged one is brought along
    assert people[0]["attended"] is False
    assert people[0]["sector"] == "public" and people[0]["influence"] == "high"
    engagement = second.records("engagement")[0]
    assert engagement["stakeholders"] == [people[0]["id"]]
    invite = next(r for r in second.records("action") if r["title"] == "Invite the panel")
    assert invite["target"] == engagement["id"]
    benefit = second.records("benefit")[0]
    copies = {r["origin"]["record"]: r["id"] for r in second.records("action")}
    assert benefit["actions"] == [copies[ids["open"]["id"]], copies[ids["derived"]["id"]]]


def test_carry_over_keeps_other_sessions_people_out_of_the_register_unless_asked(store):
    first, ids = _earlier(store)
    second = store.create("Autumn workshop", date="2026-09-01", city="Exampleton")
    bob = second.add_participant(name="Bob", sector="private", attended=True)
    carry_over(second, [first.snapshot()])  # default: nobody added
    assert [p["name"] for p in second.participants] == ["Bob"]
    engagement = second.records("engagement")[0]
    assert engagement["stakeholders"] == []
    assert engagement["text"] == "Panel design; named: Alice (City Council)"
    # someone already in this register (same name and organisation) is linked, not named
    third = store.create("Winter workshop", date="2026-12-01")
    here = third.add_participant(name="alice", organisation="city council", sector="public")
    carry_over(third, [first.snapshot()])
    engagement = third.records("engagement")[0]
    assert engagement["stakeholders"] == [here["id"]]
    assert engagement["text"] == "Panel design"
    assert [p["id"] for p in third.participants] == [here["id"]]
    assert bob["attended"] is True


def test_carry_over_is_idempotent(store):
    first, _ = _earlier(store)
    second = store.create("Autumn workshop", date="2026-09-01", city="Exampleton")
    snapshot = first.snapshot()
    assert len(carry_over(second, [snapshot], add_stakeholders=True)) == 7
    count = len(second.records())
    assert carry_over(second, [snapshot]) == []
    assert carry_over(second, [snapshot, second.snapshot()]) == []
    assert len(second.records()) == count
    assert len(second.participants) == 1


def test_carry_over_uses_the_newest_copy_and_skips_items_closed_later(store):
    first, ids = _earlier(store)
    second = store.create("Summer workshop", date="2026-06-01")
    carry_over(second, [first.snapshot()], kinds=["action"])
    copy_open = next(r for r in second.records("action") if r["title"] == "Map the data owners")
    copy_prog = next(r for r in second.records("action") if r["title"] == "Draft procurement rules")
    review_carried_action(second, copy_open["id"], "done")
    review_carried_action(
        second, copy_prog["id"], "still open", new_due="2026-12-01", today=dt.date(2026, 6, 1)
    )
    third = store.create("Autumn workshop", date="2026-09-01", city="Exampleton")
    # Carrying from the first session only, the second one (history) shows it was done.
    preview = carry_preview(third, [first.snapshot()], ["action"], history=[second.snapshot()])
    assert "Map the data owners" not in [i.record["title"] for i in preview]
    added = carry_over(third, [first.snapshot(), second.snapshot()], kinds=["action"])
    by_title = {r["title"]: r for r in added}
    assert "Map the data owners" not in by_title
    assert by_title["Draft procurement rules"]["due"] == "2026-12-01"  # the newest copy
    assert by_title["Draft procurement rules"]["origin"]["session"] == first.id
    assert by_title["Draft procurement rules"]["origin"]["record"] == ids["progressing"]["id"]


def test_carry_over_of_chosen_kinds_only(store):
    first, _ = _earlier(store)
    second = store.create("Autumn workshop")
    added = carry_over(second, [first.snapshot()], kinds=["risk", "decision"])
    assert sorted(r["kind"] for r in added) == ["decision", "risk"]
    assert second.participants == []


def test_carry_over_can_be_undone(store):
    first, _ = _earlier(store)
    second = store.create("Autumn workshop")
    log: list[str] = []
    carry_over(second, [first.snapshot()], log=log, add_stakeholders=True)
    assert len(second.records()) == 7 and len(second.participants) == 1
    assert len(log) > 8  # records, the stakeholder and the links
    second.undo(len(log))
    assert second.records() == []
    assert second.participants == []


def test_review_outcomes(store, tmp_path):
    first, _ = _earlier(store)
    second = store.create("Autumn workshop")
    carry_over(second, [first.snapshot()], kinds=["action"])
    queue = follow_up_queue(second)
    assert [r["title"] for r in queue] == [
        "Map the data owners",
        "Draft procurement rules",
        "Invite the panel",
    ]
    done = review_carried_action(second, queue[0]["id"], "done")
    assert done["status"] == "done" and done["status_note"]
    with pytest.raises(WorkshopError, match="new due date"):
        review_carried_action(second, queue[1]["id"], "still open")
    with pytest.raises(WorkshopError, match="YYYY-MM-DD"):
        review_carried_action(second, queue[1]["id"], "still open", new_due="someday")
    day = dt.date(2026, 9, 1)
    # keeping the old, overdue date is refused: still open needs a date from today on
    with pytest.raises(WorkshopError, match="2026-08-31 is in the past"):
        review_carried_action(
            second, queue[1]["id"], "still open", new_due="2026-08-31", today=day
        )
    soon = review_carried_action(
        second, queue[1]["id"], "still open", new_due="+2w", reason="waiting", today=day
    )
    assert soon["due"] == "2026-09-15"  # relative dates as in the action form
    still = review_carried_action(
        second,
        queue[1]["id"],
        "still open",
        new_due="2027-01-15",
        reason="waiting for legal",
        today=day,
    )
    assert (still["status"], still["due"], still["status_note"]) == (
        "in progress",
        "2027-01-15",
        "waiting for legal",
    )
    with pytest.raises(WorkshopError, match="reason"):
        review_carried_action(second, queue[2]["id"], "dropped", reason="  ")
    dropped = review_carried_action(second, queue[2]["id"], "dropped", reason="panel cancelled")
    assert (dropped["status"], dropped["status_note"]) == ("dropped", "panel cancelled")
    with pytest.raises(WorkshopError, match="not one of"):
        review_carried_action(second, queue[2]["id"], "maybe")
    assert follow_up_queue(second) == []
    # durable: a fresh store sees the reviewed states
    second.close()
    reopened = SessionStore(tmp_path / "sessions").open(second.id)
    states = {r["title"]: r["status"] for r in reopened.records("action")}
    assert states == {
        "Map the data owners": "done",
        "Draft procurement rules": "in progress",
        "Invite the panel": "dropped",
    }
    reopened.close()


def test_part_history_averages_and_agreed_items(store):
    first, _ = _earlier(store)
    second = store.create("Autumn workshop", date="2026-09-01", city="Exampleton")
    second.add_record("rating", "B3", current=4, target_level=5)
    second.add_record("rating", "B3", current=3, target_level=4)
    second.add_record("rating", "B3", current=3, target_level=4)
    carry_over(second, [first.snapshot()], kinds=["action"])
    later = store.create("Next year", date="2027-03-01", city="Exampleton")
    later.add_record("rating", "B3", current=5, target_level=5)
    history = part_history(second.snapshot(), [first.snapshot(), later.snapshot()], "B3")
    assert history.previous_current == 2.5 and history.previous_target == 4.0
    assert history.now_current == 3.33 and history.now_target == 4.33
    texts = [(title, r.get("title") or r.get("text")) for title, r in history.agreed]
    assert ("Spring workshop", "Monthly citizen panel") in texts
    assert ("Spring workshop", "Map the data owners") in texts
    assert ("Spring workshop", "Open data portal") not in texts  # parked, not agreed
    assert all(title == "Spring workshop" for title, _ in history.agreed)  # later one ignored
    empty = part_history(second.snapshot(), [], "B9")
    assert (empty.previous_current, empty.now_current, empty.agreed) == (None, None, ())


def test_part_history_lists_an_item_carried_twice_once(store):
    first, _ = _earlier(store)
    second = store.create("Summer", date="2026-06-01", city="Exampleton")
    carry_over(second, [first.snapshot()], kinds=["action"])
    third = store.create("Autumn", date="2026-09-01", city="Exampleton")
    history = part_history(third.snapshot(), [first.snapshot(), second.snapshot()], "B3")
    titles = [r["title"] for _, r in history.agreed if r["kind"] == "action"]
    assert titles.count("Map the data owners") == 1
    assert [t for t, r in history.agreed if r.get("title") == "Map the data owners"] == ["Summer"]


def test_sector_coverage(store):
    """Present = attended and the part was covered, or authored, or engaged in this session."""
    s = store.create(
        "Coverage",
        agenda=[
            {"part": "B3", "timebox": 10},
            {"part": "B4", "timebox": 10, "spent": 120},  # covered by time alone
            {"part": "B5", "timebox": 10},  # only carried-over records: not covered
        ],
    )
    s.add_participant(name="Alice", organisation="City Council", sector="public")
    s.add_participant(name="Bob", organisation="Tech Ltd", sector="private")
    uni = s.add_participant(
        name="University", organisation="University", sector="academic", kind="organisation",
        attended=False,
    )
    s.add_participant(name="Cara", sector="citizen", attended=False)
    zed = s.add_participant(name="Zed", organisation="Other city", sector="voluntary",
                            attended=False)  # brought along by an earlier carry-over
    origin = {"session": "old", "title": "Other city's workshop", "record": "r1"}
    s.add_record("idea", "B3", text="Hackathon", author="tech ltd")  # by organisation, any case
    s.add_record("engagement", "B3", stakeholders=[uni["id"]], level="consult")
    s.add_record("engagement", "B3", stakeholders=[zed["id"]], level="inform",
                 origin=dict(origin, record="r2"))
    s.add_record("engagement", "B5", stakeholders=[zed["id"]], level="inform", origin=origin)
    s.add_record("action", "B5", title="Carried", origin=dict(origin, record="r3"))
    s.add_record("note", "B9", text="off the agenda", author="Cara")
    snap = s.snapshot()
    presence = sector_presence(snap)
    assert list(presence) == ["B3", "B4", "B5", "B9"]
    assert presence["B3"] == {
        "public": ["Alice"],  # attended, and B3 was covered
        "private": ["Bob"],
        "voluntary": [],  # Zed only in a carried-over decision
        "academic": ["University"],  # engaged here, though not in the room
        "citizen": [],
    }
    assert sector_coverage(snap)["B4"] == {
        "public": True, "private": True, "voluntary": False, "academic": False,
        "citizen": False,
    }
    assert presence["B5"] == {sector: [] for sector in presence["B5"]}
    assert presence["B9"]["citizen"] == ["Cara"]  # authored it
    absent = absent_sectors(snap)
    assert "B5" not in absent  # not covered: nothing to be absent from
    assert absent["B3"] == ["voluntary", "citizen"]
    assert absent["B9"] == ["voluntary", "academic"]
    assert covered_sector_parts(snap) == {"B3", "B4", "B9"}


def test_only_earlier_sessions_of_the_same_city_count_as_history(store):
    """Another city's workshops are not this city's history (case-insensitive)."""
    spring, _ = _earlier(store)  # Exampleton
    elsewhere = store.create("Harbourford day", city="Harbourford", date="2026-04-01")
    elsewhere.add_record("decision", "B3", outcome="agreed", text="Harbour data hub")
    elsewhere.add_record("rating", "B3", current=1, target_level=2)
    autumn = store.create("Autumn", city="  exampleTON ", date="2026-09-01")
    snaps = [spring.snapshot(), elsewhere.snapshot()]
    assert same_city(autumn.snapshot(), spring.snapshot())
    assert not same_city(autumn.snapshot(), elsewhere.snapshot())
    assert [s["session"]["id"] for s in city_history(autumn.snapshot(), snaps)] == [spring.id]
    history = part_history(autumn.snapshot(), snaps, "B3")
    texts = [r.get("title") or r.get("text") for _, r in history.agreed]
    assert "Harbour data hub" not in texts and "Monthly citizen panel" in texts
    assert history.previous_current == 2.5  # Exampleton's ratings, not Harbourford's 1
    no_city = store.create("Untitled place", date="2026-10-01")
    assert city_history(no_city.snapshot(), snaps) == []
    empty = part_history(no_city.snapshot(), snaps, "B3")
    assert (empty.agreed, empty.previous_current) == ((), None)
