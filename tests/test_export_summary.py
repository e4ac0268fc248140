"""The summary builder: what is in the summary, in which order, under which options."""

from __future__ import annotations

import dataclasses

import pytest

from tests.export_fixtures import rich_session
from tests.export_support import rich, summary_of
from workshop.summary import OPEN_STATUSES


def test_agreed_only_by_default_and_all_with_include_all():
    default = rich()
    outcomes = {d.outcome for p in default.decisions for d in p.decisions}
    assert outcomes == {"agreed"}
    # action 2 came from the parked decision: left out by default, listed with include_all
    assert [a.no for a in default.actions] == [5, 1, 6, 3, 4]
    full = rich(include_all=True)
    assert {d.outcome for p in full.decisions for d in p.decisions} == {
        "agreed", "parked", "rejected"}
    assert 2 in [a.no for a in full.actions]
    b3 = next(p for p in full.decisions if p.where.part == "B3")
    assert [d.outcome for d in b3.decisions] == ["agreed", "parked", "rejected"]


def test_actions_sorted_by_due_with_titles_and_overdue():
    s = rich()
    dues = [a.due for a in s.actions]
    assert dues == ["2026-05-01", "2026-06-01", "2026-08-01", "2026-09-30", ""]
    first_open = next(a for a in s.actions if a.no == 1)
    assert first_open.overdue  # due 2026-06-01, today 2026-06-15, open
    assert first_open.where.part_title == "Vision"
    assert first_open.where.rec_title == "Write a shared vision"
    assert first_open.source.startswith("decision #1: Refresh")
    done = next(a for a in s.actions if a.no == 5)
    assert not done.overdue  # done actions are never overdue
    carried = next(a for a in s.actions if a.no == 6)
    assert carried.carried_from == "Spring workshop" and "carried-over" in carried.labels


def test_glance_counts_time_and_top_votes():
    g = rich().glance
    assert (g.parts_planned, g.parts_covered) == (5, 3)
    assert (g.minutes_planned, g.seconds_spent) == (125, 1860 + 2400 + 900)
    counts = {c.kind: c.count for c in g.counts}
    # risk #4 has no likelihood and impact yet: a draft, which no count includes
    assert counts["action"] == 6 and counts["risk"] == 3 and counts["vote"] == 3
    # Dots on an idea rank the idea (with the recommendation it is about), never the
    # recommendation itself; the direct vote on B3.R2 ranks the recommendation.
    assert [(v.where.rec, v.idea_no, v.dots) for v in g.top_voted] == [
        ("B3.R1", 2, 3), ("B1.R1", 1, 2), ("B3.R2", 0, 1)]
    assert g.top_voted[0].idea and g.top_voted[0].dots_text == "3 dots"
    assert g.top_voted[2].idea == "" and g.top_voted[2].dots_text == "1 dot"


def test_maturity_averages_and_sorts_by_gap():
    m = rich().maturity
    assert [(r.where.part, r.current, r.target, r.gap) for r in m.parts] == [
        ("B3", 1.5, 4.0, 2.5), ("B1", 2.0, 4.0, 2.0), ("C", 3.0, 4.0, 1.0)]
    b3 = m.parts[0]
    assert b3.ratings == 2 and b3.current_name == "Exploring"
    # C has only a recommendation rating: the part uses its mean
    assert [(r.where.rec, r.gap) for r in m.recommendations] == [("B3.R1", 2), ("C.R1", 1)]


def test_discussion_grouped_by_recommendation_with_votes():
    d = rich().discussion
    assert [p.where.part for p in d] == ["B1", "B3"]
    b1 = d[0]
    assert [g.where.rec for g in b1.groups] == ["", "B1.R1"]
    assert b1.groups[1].items[0].votes == 2
    assert b1.minutes_spent == 31


def test_next_steps_open_actions_by_owner_and_uncovered_parts():
    ns = rich().next_steps
    assert [o.owner for o in ns.by_owner] == ["Amira Haddad", "Lena Ortiz", "Priya Nair",
                                            "Transport team"]
    assert all(a.status in OPEN_STATUSES for o in ns.by_owner for a in o.actions)
    assert [w.part for w in ns.uncovered] == ["B14", "A"]


def test_no_names_hides_people_but_keeps_organisations_and_groups():
    s = rich(no_names=True)
    assert s.title.facilitator == ""
    names = {"Amira Haddad", "Tom Becker", "Lena Ortiz", "Dr Sam Okoro", "Priya Nair",
             "Jo Martin"}
    text = repr(dataclasses.astuple(s))
    for name in names:
        assert name not in text
    owners = {a.no: a.owner for a in s.actions}
    assert owners[1] == "City Council"  # Amira is a participant: shown as her organisation
    # typed freely and not in the register: it may be a person, so it gets a neutral label
    # (tests/test_export_no_names.py has every case)
    assert owners[4] == "Owner 1"
    public = next(g for g in s.attendees if g.sector == "public")
    assert public.count == 2 and public.organisations == (("City Council", 2),)
    # a group keeps its name: it is not a person
    forum = next(x for x in s.engagement.stakeholders if x.kind == "group")
    assert forum.name == "Eastside Residents' Forum"
    # ids may spell a name: numbered in the public form
    assert [x.id for x in s.engagement.stakeholders] == [
        f"stakeholder-{n}" for n in range(1, len(s.engagement.stakeholders) + 1)]


def test_participant_ids_shown_as_names():
    s = rich()
    e3 = next(e for e in s.engagement.decisions if e.no == 3)
    assert e3.owner == "Amira Haddad"  # stored as the participant id p1
    e1 = next(e for e in s.engagement.decisions if e.no == 1)
    assert e1.stakeholders == ("Eastside Residents' Forum", "Lena Ortiz (Food Bank Trust)")


def test_risks_heat_map_and_benefits():
    r = rich().risks
    assert [x.no for x in r.rows] == [1, 3, 2, 4]
    assert r.rows[0].title == "Data silos"  # title from the guide's Annex B risk
    assert r.cell(4, 5) == (1, 3) and r.cell(2, 3) == (2,)
    assert sum(len(c) for line in r.heat for c in line) == 3  # the unrated risk is not placed
    assert r.rows[0].actions == ("#5 Write a data charter",)
    benefits = rich().register("benefits")
    first = benefits.rows[0]
    assert benefits.texts(first, "parts") == ("B3 Collaborative engagement",
                                              "C Benefit realisation")
    assert benefits.texts(first, "actions") == ("#4 Agree benefit measures",)


def test_coverage_matches_the_stakeholder_screen_logic():
    from workshop.followup import covered_sector_parts, sector_presence

    snap = rich_session()
    rows = summary_of(snap).engagement.coverage
    covered = covered_sector_parts(snap)
    on_agenda = {a["part"] for a in snap["agenda"]}  # only parts on the agenda
    expected = {part: row for part, row in sector_presence(snap).items()
                if part in covered and part in on_agenda}
    assert [r.where.part for r in rows] == list(expected)
    assert "B14" not in expected  # on the agenda, not covered: a next step, not a coverage row
    for row in rows:
        assert row.counts == tuple(len(v) for v in expected[row.where.part].values())
    b3 = next(r for r in rows if r.where.part == "B3")
    assert b3.absent == ()  # the forum did not attend but was engaged on B3
    b1 = next(r for r in rows if r.where.part == "B1")
    assert b1.absent == ("citizen",)


def test_summary_is_frozen():
    s = rich()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.title = None  # type: ignore[misc]


def test_coverage_lists_only_agenda_parts():
    """Risks on Annex B and D (not on the agenda) add no coverage rows."""
    snap = rich_session()
    assert {r["part"] for r in snap["records"] if r["kind"] == "risk"} == {"AnnexB", "D"}
    rows = [r.where.part for r in summary_of(snap).engagement.coverage]
    assert rows == ["B1", "B3", "C"]


def test_discussion_shows_direct_dots_under_their_recommendation():
    """A dot vote straight on a recommendation appears in its discussion group,
    even where nobody wrote a note on it; dots on an idea stay with the idea."""
    snap = rich_session()
    snap["records"].append(
        {**snap["records"][6], "id": "vot0009", "no": 9, "part": "B1", "rec": "B1.R2",
         "dots": 2, "voter": "p2"})
    d = summary_of(snap).discussion
    b3 = next(p for p in d if p.where.part == "B3")
    r2 = next(g for g in b3.groups if g.where.rec == "B3.R2")
    assert (r2.dots, r2.voters, r2.dots_text) == (1, ("Table 3",), "1 dot")
    r1 = next(g for g in b3.groups if g.where.rec == "B3.R1")
    assert r1.dots == 0 and r1.items[0].votes == 3  # the idea keeps its dots
    b1 = next(p for p in d if p.where.part == "B1")
    only_dots = next(g for g in b1.groups if g.where.rec == "B1.R2")
    assert (only_dots.items, only_dots.dots, only_dots.voters) == ((), 2, ("Tom Becker",))
    hidden = summary_of(snap, no_names=True).discussion
    b1 = next(p for p in hidden if p.where.part == "B1")
    assert next(g for g in b1.groups if g.where.rec == "B1.R2").voters == ("Northgate Bus Co",)
