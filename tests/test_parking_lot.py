"""The parking lot: questions the room raises that cannot be answered now (issue 11).

A question names who will find the answer (a person: the owner rule, as for actions), by when,
and the answer once known. It is typed in the walkthrough with one key (q), carries over to the
next session while unanswered, has a CSV register (`--what questions`) and a section in every
document export; `--no-names` replaces the person who will answer it.
Keys go in bursts through the driver (keys_support.burst); the store is re-read afterwards.
"""

from __future__ import annotations

import copy
import csv
import io
import json

import docx
from keys_support import burst
from textual.widgets import DataTable
from walkthrough_support import make_guide

from tests.export_fixtures import TODAY, _rec, rich_session, small_guide
from workshop.export import render
from workshop.followup import carry_over, is_still_open
from workshop.kinds import CAPTURE_KINDS, CARRY_KINDS, REGISTERS, REGISTRY
from workshop.store import SessionStore
from workshop.tui.screens.walkthrough import WalkthroughScreen

AGENDA = [{"part": "A", "timebox": 10}, {"part": "B1", "timebox": 10}]


def test_the_question_is_declared_once_with_its_key_register_and_carry_rule() -> None:
    question = REGISTRY["question"]
    assert (question.plural, question.section, question.key) == ("questions", "Parking lot", "q")
    assert "question" in CAPTURE_KINDS and "question" in CARRY_KINDS
    assert "questions" in REGISTERS
    assert question.people == ("author", "owner")
    assert question.fields["due"].form == "date"


async def _walkthrough(pilot) -> WalkthroughScreen:
    for _ in range(200):
        await pilot.pause()
        if isinstance(pilot.app.screen, WalkthroughScreen):
            return pilot.app.screen
    raise AssertionError("the walkthrough did not open")


async def _settle(pilot, condition, tries: int = 400) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not settle")


async def test_a_question_typed_in_one_burst_is_saved_on_disk(tmp_path) -> None:
    from workshop.tui.app import WorkshopApp

    folder = tmp_path / "sessions"
    store = SessionStore(folder)
    session = store.create("Parking lot", agenda=AGENDA, date="2026-06-15")
    session.add_participant(name="Ann Lee")
    session_id = session.id
    session.close()
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await _walkthrough(pilot)
        burst(app, "q", *"Who owns the bus stop data?", "tab", *"Ann", "tab",
              *"2026-07-01", "ctrl+s",
              "q", *"Is there budget for sensors?", "ctrl+s")
        await _settle(pilot, lambda: len(app.session.records("question")) == 2
                      and app.screen is screen)
        await _settle(pilot, lambda: any(str(n.message).startswith("Saved question 2")
                                         for n in app._notifications))
        table = screen.query_one("#cp-table", DataTable)
        rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert any("Who owns the bus stop data? (Ann Lee, 2026-07-01, open)" in row
                   for row in rows), rows  # the captured list says who answers, by when
    first, second = SessionStore(folder).open(session_id, readonly=True).records("question")
    assert (first["text"], first["owner"], first["due"], first["status"]) == (
        "Who owns the bus stop data?", "Ann Lee", "2026-07-01", "open")
    assert (first["part"], second["text"], second["owner"]) == (
        "A", "Is there budget for sensors?", "")


async def test_a_question_closed_half_typed_comes_back_as_a_draft(tmp_path) -> None:
    from workshop.tui.app import WorkshopApp

    folder = tmp_path / "sessions"
    session = SessionStore(folder).create("Drafts", agenda=AGENDA)
    session_id = session.id
    session.close()
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _walkthrough(pilot)
        burst(app, "q", *"Who keeps the sensor", "escape")
        await _settle(pilot, lambda: app.screen is screen and "question:A" in app.session.drafts)
        burst(app, "q", *" data?", "ctrl+s")
        await _settle(pilot, lambda: app.screen is screen
                      and len(app.session.records("question")) == 1)
        assert app.session.records("question")[0]["text"] == "Who keeps the sensor data?"
        assert "question:A" not in app.session.drafts


def test_unanswered_questions_carry_over_and_answered_ones_do_not(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    first = store.create("Spring workshop", date="2026-03-01")
    first.add_record("question", "B1", text="Who pays for the sensors?", owner="Finance")
    first.add_record("question", "B1", text="Is the bus data open?", answer="Yes, since May")
    first.add_record("question", "B1", text="Who runs the portal?", status="answered")
    second = store.create("Autumn workshop", date="2026-09-01")
    added = carry_over(second, [first.snapshot()])
    assert [(r["kind"], r["text"]) for r in added] == [("question", "Who pays for the sensors?")]
    assert added[0]["origin"]["title"] == "Spring workshop"
    assert not is_still_open({"kind": "question", "status": "open", "answer": "Soon"})


def _snapshot_with_questions() -> dict:
    snap = copy.deepcopy(rich_session())
    snap["records"] += [
        _rec("question", 1, "B1", text="Who pays for the sensors?", owner="Amira Haddad",
             due="2026-07-01"),
        _rec("question", 2, "B1", text="Is the bus data open?", owner="Zed Quill",
             answer="Yes, since May", status="answered"),
    ]
    return snap


def test_the_questions_register_in_csv() -> None:
    out = render(_snapshot_with_questions(), "csv", what="questions", guide=small_guide(),
                 today=TODAY)
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert [(r["Question"], r["Status"]) for r in rows] == [
        ("Who pays for the sensors?", "open"), ("Is the bus data open?", "answered")]
    assert rows[0]["Who will answer"] == "Amira Haddad" and rows[1]["Answer"] == "Yes, since May"


def test_no_names_replaces_the_person_who_answers() -> None:
    out = render(_snapshot_with_questions(), "csv", what="questions", guide=small_guide(),
                 today=TODAY, no_names=True)
    text = json.dumps(list(csv.reader(io.StringIO(out, newline=""))))
    assert "Amira" not in text and "Zed Quill" not in text
    assert "City Council" in text  # a participant becomes their organisation


def test_every_document_export_has_a_parking_lot_section() -> None:
    snap = _snapshot_with_questions()
    kw = dict(guide=small_guide(), today=TODAY)
    markdown = render(snap, "md", **kw)
    assert "Parking lot" in markdown and "Who pays for the sensors?" in markdown
    html = render(snap, "html", **kw)
    assert "Parking lot" in html and "Is the bus data open?" in html
    document = docx.Document(io.BytesIO(render(snap, "docx", **kw)))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for r in t.rows for c in r.cells])
    assert "Parking lot" in text and "Yes, since May" in text
