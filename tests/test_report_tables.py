"""The programme report's consolidated tables, read from real session files made through the store:
open actions (overdue first, by owner and due date, with their session), decisions by part,
the maturity matrix (parts x sessions by date), stakeholder coverage (sectors never in the room),
the merged risk register with each risk's score over time, benefits with their measures, and the
open items of any carried kind the registry declares (the parking lot's questions)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import make_session, run_report

from workshop.followup import carry_over
from workshop.kinds import REGISTRY
from workshop.kinds.model import Carry, Kind, date, text
from workshop.report import gather, render_report
from workshop.report.consolidate import Programme
from workshop.store import SessionStore


def _section(report: str, title: str) -> str:
    start = report.index(f"## {title}")
    end = report.find("\n## ", start + 3)
    return report[start:end if end > 0 else None]


def _rows(section: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")]
            for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    make_session(folder, "Kick-off", "2026-01-20", spent={"B1": 600}, people=[
        {"name": "Ana", "sector": "public"}, {"name": "Ben", "sector": "citizen"}], records=[
        ("action", "B1", {"title": "Late one", "owner": "Zoe", "due": "2026-05-01"}),
        ("action", "B1", {"title": "Done one", "owner": "Amy", "status": "done"}),
        ("action", "B3", {"title": "Future one", "owner": "Amy", "due": "2026-09-01"}),
        ("action", "B3", {"title": "Soon one", "owner": "Amy", "due": "2026-07-01"}),
        ("decision", "B1", {"text": "Co-write the vision", "rationale": "All sectors agree"}),
        ("rating", "B1", {"current": 1, "target_level": 3}),
        ("rating", "B1", {"current": 2, "target_level": 4}),
        ("risk", "B1", {"risk": "AnnexB.K4", "title": "Little engagement", "likelihood": 4,
                        "impact": 4}),
        ("benefit", "B3", {"title": "Faster permits", "measure": "days to a permit",
                           "baseline": "20", "target_value": "5", "due": "2027-01-01"}),
    ])
    make_session(folder, "Review", "2026-03-12", spent={"B3": 600}, people=[
        {"name": "Cy", "sector": "private"},
        {"name": "Vi", "sector": "voluntary", "attended": False}], records=[
        ("decision", "B1", {"text": "Name a sponsor", "outcome": "parked"}),
        ("decision", "B3", {"text": "Keep the panel"}),
        ("rating", "B1", {"current": 3, "target_level": 4}),
        ("rating", "B3", {"current": 2, "target_level": 5}),
        ("risk", "B3", {"risk": "AnnexB.K4", "title": "Little engagement", "likelihood": 2,
                        "impact": 3, "status": "partly"}),
        ("risk", "B3", {"title": "Budget cut", "likelihood": 5, "impact": 5}),
    ])
    return folder


def test_open_actions_overdue_first_then_by_owner_and_due_with_their_session(
        programme: Path) -> None:
    _, report, _ = run_report(programme)
    rows = _rows(_section(report, "Open actions by owner and due date"))
    assert [(r[0], r[2]) for r in rows] == [
        ("Zoe", "Late one"), ("Amy", "Soon one"), ("Amy", "Future one")]
    assert rows[0][1] == "due 2026-05-01, overdue"
    assert rows[0][6] == "Kick-off (2026-01-20)"
    assert "Done one" not in report


def test_decisions_are_grouped_by_part_across_sessions_in_date_order(programme: Path) -> None:
    _, report, _ = run_report(programme)
    section = _section(report, "Decisions by part")
    b1 = section[section.index("### Part B1"):section.index("### Part B3")]
    assert [(r[0], r[1], r[2]) for r in _rows(b1)] == [
        ("Kick-off (2026-01-20)", "agreed", "Co-write the vision"),
        ("Review (2026-03-12)", "parked", "Name a sponsor")]
    assert "Keep the panel" in section[section.index("### Part B3"):]


def test_maturity_matrix_is_parts_by_sessions_ordered_by_date(programme: Path) -> None:
    _, report, _ = run_report(programme)
    section = _section(report, "Maturity by part and session")
    assert "| Part | 2026-01-20 | 2026-03-12 |" in section
    assert _rows(section) == [["B1", "1.5 → 3.5", "3 → 4"], ["B3", "-", "2 → 5"]]


def test_stakeholder_coverage_names_the_sectors_never_in_the_room(programme: Path) -> None:
    _, report, _ = run_report(programme)
    section = _section(report, "Stakeholder coverage by part and sector")
    rows = {r[0]: r[1:] for r in _rows(section)}
    # public, private, voluntary (invited, did not attend), academic, citizen
    assert rows["B1"] == ["yes", "yes", "never", "never", "yes"]
    assert rows["B3"] == ["yes", "yes", "never", "never", "yes"]
    assert "- B1: Voluntary sector, Universities and colleges" in section


def test_the_risk_register_merges_the_same_risk_with_its_score_over_time(
        programme: Path) -> None:
    _, report, _ = run_report(programme)
    section = _section(report, "Risk register, merged")
    rows = _rows(section.split("### ")[0])
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("Budget cut", "25", "2026-03-12: 25", "not addressed"),
        ("AnnexB.K4 Little engagement", "6", "2026-01-20: 16; 2026-03-12: 6", "partly")]
    assert "| Likelihood 5 | " in section  # the heat map


def test_benefits_are_listed_with_their_measures(programme: Path) -> None:
    _, report, _ = run_report(programme)
    (row,) = _rows(_section(report, "Benefits and their measures"))
    assert row[:5] == ["Faster permits", "days to a permit", "20", "5", "2027-01-01"]


def test_what_the_moderator_hid_or_has_not_approved_stays_out(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    make_session(folder, "Kick-off", "2026-01-20", records=[
        ("decision", "B1", {"text": "Shown decision"}),
        ("decision", "B1", {"text": "Hidden decision", "hidden": True}),
        ("decision", "B1", {"text": "Pending decision", "pending": True})])
    _, report, _ = run_report(folder)
    assert "Shown decision" in report
    assert "Hidden decision" not in report and "Pending decision" not in report


def test_carried_over_copies_count_once_in_their_latest_session(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    first = make_session(folder, "Kick-off", "2026-01-20", records=[
        ("action", "B1", {"title": "Carried action", "owner": "Dev"})])
    store = SessionStore(folder)
    earlier = store.read_snapshot(first)
    with store.create("Review", date="2026-03-12", agenda=[{"part": "B1"}]) as later:
        carry_over(later, [earlier])
    _, report, _ = run_report(folder)
    rows = _rows(_section(report, "Open actions by owner and due date"))
    assert [(r[2], r[6]) for r in rows] == [("Carried action", "Review (2026-03-12)")]


def test_a_carried_kind_without_a_section_lists_its_open_items(programme: Path) -> None:
    """Kinds come from the registry: a new carried kind (as the parking lot's `question`) gets
    its open items listed under its title with no edit to the report."""
    question = Kind(name="question", plural="questions", title="Parking lot",
                    fields={"text": text(), "owner": text(), "due": date(), "answer": text()},
                    carry=Carry(offer="Unanswered questions", rank=6,
                                still_open=lambda r: not r.get("answer")),
                    register="questions")
    found = Programme(kinds={**REGISTRY, "question": question})
    store = SessionStore(programme)
    for info in store.list():
        snapshot = store.read_snapshot(info.id)
        if info.title == "Review":
            base = {**snapshot["records"][0], "origin": None, "rec": ""}
            snapshot["records"] += [
                {**base, "id": "q1", "no": 1, "kind": "question", "text": "Who owns the data?",
                 "owner": "Sara", "due": "", "answer": ""},
                {**base, "id": "q2", "no": 2, "kind": "question", "text": "Answered one",
                 "owner": "", "due": "", "answer": "the port"}]
        found.add(snapshot)
    from workshop.report.sources import Findings

    report = render_report(found, Findings(), "md")
    section = _section(report, "Parking lot: unanswered questions")
    assert "Who owns the data?" in section and "Answered one" not in section
    assert "Review (2026-03-12)" in section
    assert "| Text | Owner | Session |" in section  # no column empty in every open item


@pytest.mark.skipif("question" not in REGISTRY, reason="the question kind is not on this branch")
def test_the_parking_lots_unanswered_questions_are_listed(programme: Path) -> None:
    make_session(programme, "Third", "2026-04-04", records=[
        ("question", "B1", {"text": "Who owns the bus data?", "owner": "Sara"}),
        ("question", "B1", {"text": "Answered one", "answer": "the port"})])
    found, findings = gather([programme])
    report = render_report(found, findings, "md")
    section = _section(report, "Parking lot: unanswered questions")
    assert "Who owns the bus data?" in section and "Answered one" not in section


def test_a_long_text_is_cut_in_its_table_and_given_whole_at_the_end(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    long_title = "Publish the data catalogue " + "with an owner for every dataset " * 12 + "END"
    make_session(folder, "Kick-off", "2026-01-20", records=[
        ("action", "B1", {"title": long_title, "owner": "Sam"})])
    _, report, _ = run_report(folder)
    row = _rows(_section(report, "Open actions by owner and due date"))[0]
    assert "END" not in row[2] and "full text in" in row[2]
    assert "Action #1 of Kick-off" in report.split("Full text of long entries")[1].replace("\\", "")
    assert long_title in report.replace("\\", "")
