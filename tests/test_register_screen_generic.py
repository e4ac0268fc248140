"""One register screen and one register form read a kind's declaration (issue 11).

The benefits register is that screen with the benefit's declaration: no screen module names a
benefit's fields. Any declared kind gets a register (table of declared columns, details of the
selected record, add/edit/delete/undo keys, palette entries) with no screen code of its own.
Keys go in bursts through the driver (keys_support.burst); the store is re-read afterwards.
"""

from __future__ import annotations

from pathlib import Path

from engagement_support import Host, messages, small_guide, table_text
from keys_support import burst
from textual.widgets import DataTable

import workshop
from workshop.store import SessionStore
from workshop.tui.commands import screen_commands
from workshop.tui.forms.base import FormBase
from workshop.tui.forms.register import RegisterScreen, register_screen
from workshop.tui.screens.benefits import BenefitForm, BenefitsScreen
from workshop.tui.screens.register_forms import RegisterForm
from workshop.tui.widgets.capture_forms import RecordForm

TUI = Path(workshop.__file__).parent / "tui"


def test_no_screen_names_the_benefit_fields() -> None:
    naming = [p.relative_to(TUI) for p in TUI.rglob("*.py") if "target_value" in p.read_text()]
    assert naming == []
    package = TUI.parent
    anywhere = sorted(str(p.relative_to(package)) for p in package.rglob("*")
                      if p.suffix in (".py", ".json", ".tcss") and "target_value" in p.read_text())
    assert anywhere == ["export/session.schema.json", "kinds/benefit.py", "store/demo.py"]
    assert issubclass(BenefitsScreen, RegisterScreen)
    assert issubclass(BenefitForm, RegisterForm)


def test_capture_and_register_forms_share_one_base() -> None:
    assert issubclass(RecordForm, FormBase) and issubclass(RegisterForm, FormBase)
    assert RecordForm is not RegisterForm


async def settle(pilot, condition, tries: int = 400) -> None:
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app did not settle")


async def test_a_register_screen_for_a_kind_with_no_screen_code(tmp_path) -> None:
    store = SessionStore(tmp_path / "sessions")
    session = store.create("Registers", date="2026-06-15")
    session.add_participant(name="Ann Lee")
    screen_class = register_screen("question")
    app = Host(lambda: screen_class(session, small_guide()), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: isinstance(app.screen, RegisterScreen))
        screen = app.screen
        table = screen.query_one(DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers == ["No", "Question", "Who will answer", "Answer by", "Status"]
        titles = [title for title, _help, _call in screen_commands(screen)]
        assert "Parking lot: Add question" in titles and "Parking lot: Delete" in titles

        burst(app, "a", *"Who pays?", "tab", *"Ann", "tab", *"2026-07-01", "ctrl+s")
        await settle(pilot, lambda: len(session.records("question")) == 1
                     and app.screen is screen)
        await settle(pilot, lambda: "Saved question 1." in messages(app))
        [row] = table_text(table)
        assert row == ["1", "Who pays?", "Ann Lee", "2026-07-01", "open"]

        burst(app, "e", "tab", "tab", "tab", *"The city, from 2027", "ctrl+s")
        await settle(pilot, lambda: session.records("question")[0]["answer"]
                     == "The city, from 2027" and app.screen is screen)
        detail = str(screen.query_one("#question-detail").render())
        assert "Answer: The city, from 2027" in detail and "answered" in detail
        assert table_text(table)[0][-1] == "answered"  # an answer answers the question

        burst(app, "x", "y")
        await settle(pilot, lambda: not session.records("question") and app.screen is screen)
        burst(app, "ctrl+z")
        await settle(pilot, lambda: len(session.records("question")) == 1
                     and table.row_count == 1)
    reread = SessionStore(tmp_path / "sessions").open(session.id, readonly=True)
    assert [(r["text"], r["owner"], r["due"], r["status"])
            for r in reread.records("question")] == [
        ("Who pays?", "Ann Lee", "2026-07-01", "answered")]


async def test_the_palette_opens_the_register_of_a_declared_kind(tmp_path) -> None:
    from walkthrough_support import make_guide

    from workshop.tui.app import WorkshopApp

    folder = tmp_path / "sessions"
    session = SessionStore(folder).create("Palette", agenda=[{"part": "A", "timebox": 10}])
    session.add_record("question", "A", text="Who pays?")
    session_id = session.id
    session.close()
    app = WorkshopApp(guide=make_guide(), sessions_dir=folder, open_session=session_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.session is not None)
        commands = {title: call for title, _help, call in app.engagement_commands()}
        assert "Benefits register" in commands  # listed once: it has its own entry
        assert [t for t in commands if "Benefits" in t] == ["Benefits register"]
        commands["Parking lot"]()
        await settle(pilot, lambda: isinstance(app.screen, RegisterScreen))
        assert app.screen.kind.name == "question"
        await settle(pilot, lambda: [t.row_count for t in app.screen.query(DataTable)] == [1])


def test_the_help_lists_the_keys_of_the_generic_registers() -> None:
    from workshop.tui.screens.help import all_binding_ids, binding_owners

    owners = dict(binding_owners())
    assert owners["Parking lot"] is register_screen("question")
    assert {"questions.add", "questions.delete", "benefits.add"} <= all_binding_ids()
