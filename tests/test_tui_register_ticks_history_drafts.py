"""Register screens: ticks visible without colour, carry-over from the same city, first-field
focus, discard asks first, drafts written at once, undo says what it undid.

Real SessionStore in tmp_path; each test drives a screen with the keyboard (pilot).
"""

from __future__ import annotations

import pytest
from engagement_support import Host, messages, small_guide, table_text
from textual.widgets import DataTable, Input, SelectionList

from workshop.guide.model import Guide
from workshop.store import SessionStore
from workshop.tui.screens.benefits import BenefitsScreen
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.followup import CarryOverScreen
from workshop.tui.screens.risks import RisksScreen
from workshop.tui.screens.stakeholders import (
    EngagementForm,
    StakeholderForm,
    StakeholdersScreen,
)


def rendered_lines(widget) -> list[str]:
    """What the widget actually draws, line by line (no colour)."""
    return ["".join(segment.text for segment in widget.render_line(y))
            for y in range(widget.size.height)]


def box_of(lines: list[str], label: str) -> str:
    """The box drawn on the line that shows `label` ("X" ticked, " " not)."""
    line = next(line for line in lines if label in line)
    return line.split("▐", 1)[1][0]


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def guide() -> Guide:
    return small_guide()


# -- finding 9: only this city's earlier sessions are pre-ticked ---------------------------------


async def test_carry_over_pre_ticks_only_an_earlier_session_of_the_same_city(store, guide):
    own = store.create("Riverton spring", city="Riverton", date="2026-03-01")
    own.add_record("action", "B3", title="Riverton action")
    own.close()
    other = store.create("Harbourford day", city="Harbourford", date="2026-05-01")
    other.add_record("action", "B3", title="Harbour action")
    other.close()
    session = store.create("Riverton autumn", city="RIVERTON", date="2026-09-01")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chooser = app.screen.query_one("#carry-sessions", SelectionList)
        assert chooser.option_count == 2  # the other city is listed, not ticked
        assert list(chooser.selected) == [own.id]
        assert app.screen.has_open_items()
        preview = table_text(app.screen.query_one("#carry-preview", DataTable))
        assert [row[1] for row in preview] == ["Riverton action"]


async def test_carry_over_ticks_nothing_when_the_city_is_empty(store, guide):
    earlier = store.create("Spring", city="Riverton", date="2026-03-01")
    earlier.add_record("action", "B3", title="Riverton action")
    earlier.close()
    session = store.create("No city yet", date="2026-09-01")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chooser = app.screen.query_one("#carry-sessions", SelectionList)
        assert chooser.option_count == 1 and list(chooser.selected) == []
        assert not app.screen.has_open_items()
        assert messages(app) == []


# -- finding 2: what is shown ticked is what is saved, and ticks read without colour -----------


async def test_engagement_form_ticks_two_stakeholders_visibly_and_saves_them(store, guide):
    session = store.create("Engagement", city="Riverton")
    alice = session.add_participant(name="Alice", sector="public")
    session.add_participant(name="Bob", sector="private")
    chen = session.add_participant(name="Chen", sector="citizen")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EngagementForm)
        form.query_one("#en-text", Input).focus()
        await pilot.press(*"Panel design")
        people = form.query_one("#en-stakeholders", SelectionList)
        people.focus()
        await pilot.pause()
        lines = rendered_lines(people)
        assert [box_of(lines, n) for n in ("Alice", "Bob", "Chen")] == [" ", " ", " "]
        await pilot.press("space", "down", "down", "space")
        await pilot.pause()
        lines = rendered_lines(people)
        assert [box_of(lines, n) for n in ("Alice", "Bob", "Chen")] == ["X", " ", "X"]
        loop = form.query_one("#en-loop")
        assert "▐ ▌" in rendered_lines(loop)[0]  # not ticked reads as empty
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EngagementForm)
    [record] = session.records("engagement")
    assert record["stakeholders"] == [alice["id"], chen["id"]]
    assert record["text"] == "Panel design"


async def test_benefit_form_and_carry_over_ticks_read_without_colour(store, guide):
    session = store.create("Benefits", city="Riverton", date="2026-09-01")
    app = Host(lambda: BenefitsScreen(session, guide), store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        who = app.screen.query_one("#be-who", SelectionList)
        who.focus()
        await pilot.press("down", "space")
        await pilot.pause()
        lines = rendered_lines(who)
        assert box_of(lines, "citizens") == " " and box_of(lines, "businesses") == "X"

    earlier = store.create("Spring", city="Riverton", date="2026-03-01")
    earlier.add_record("action", "B3", title="Map the data owners")
    earlier.close()
    other = store.create("Harbourford", city="Harbourford", date="2026-04-01")
    other.close()
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        lines = rendered_lines(app.screen.query_one("#carry-sessions", SelectionList))
        assert box_of(lines, "Spring") == "X" and box_of(lines, "Harbourford") == " "


# -- finding 10: the engagement form opens in its first text field -----------------------------


async def test_engagement_form_opens_in_the_first_text_field(store, guide):
    session = store.create("Focus", city="Riverton")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EngagementForm)
        assert form.focused is form.query_one("#en-text", Input)
        await pilot.press(*"Panel design", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EngagementForm)
    assert [r["text"] for r in session.records("engagement")] == ["Panel design"]


# -- finding 14: register forms ask before dropping changes (Esc and ctrl+q) -------------------


async def test_register_form_escape_asks_before_discarding_changes(store, guide):
    session = store.create("Register", city="Riverton")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, StakeholderForm)
        assert not form.has_unsaved_changes()
        await pilot.press("escape")  # nothing changed: closes at once
        await pilot.pause()
        assert isinstance(app.screen, StakeholdersScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Sam")
        assert app.screen.has_unsaved_changes()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Discard changes?"
        await pilot.press("n")  # keep editing: the text is still there
        await pilot.pause()
        assert isinstance(app.screen, StakeholderForm)
        assert app.screen.query_one("#sh-name", Input).value == "Sam"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, StakeholdersScreen)
    assert session.participants == []


async def test_register_form_tick_change_counts_and_ctrl_q_asks(store, guide, tmp_path):
    from workshop.tui.app import WorkshopApp

    session = store.create("Quit", city="Riverton")
    session.add_participant(name="Alice", sector="academic")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        people = form.query_one("#en-stakeholders", SelectionList)
        people.focus()
        await pilot.press("space")
        await pilot.pause()
        assert form.has_unsaved_changes()
        await pilot.press("space")  # ticked and unticked again: nothing changed
        await pilot.pause()
        assert not form.has_unsaved_changes()
    # the real app's quit asks through has_unsaved_changes()
    quitting = WorkshopApp(guide=guide, sessions_dir=tmp_path / "sessions")
    async with quitting.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        quitting.push_screen(StakeholderForm(lambda values: values))
        await pilot.pause()
        await pilot.press(*"Zoe", "ctrl+q")
        await pilot.pause()
        assert isinstance(quitting.screen, ConfirmScreen)
        assert quitting.screen.question == "Quit without saving?"
        assert "Add stakeholder" in quitting.screen.detail


# -- the risk draft is written at once when the app leaves the screen ----------------


async def test_risks_save_now_writes_the_pending_draft_at_once(store, guide):
    session = store.create("Drafts", city="Riverton")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        answer = screen.query_one("#answer-1", Input)
        answer.focus()
        await pilot.press(*"Nobody owns it", "!")
        # Normally the last key is still within the 0.6 s pause, so the full text is not on disk
        # yet and save_now must write it at once (a very slow machine may have written it already).
        pending = screen._draft_timer is not None
        assert pending or "Nobody owns it!" in session.drafts.get("risks:AnnexB.K1", "")
        if pending:
            assert "Nobody owns it!" not in session.drafts.get("risks:AnnexB.K1", "")
        screen.save_now()  # what the app calls before Home and quit
        assert "Nobody owns it!" in session.drafts["risks:AnnexB.K1"]
        assert screen._draft_timer is None
        screen.save_now()  # nothing pending: no second write needed, no error


# -- finding 16: sector labels as in setup, and one arrow ----------------------------------------


async def test_register_shows_sector_labels_and_benefit_detail_uses_one_arrow(store, guide):
    session = store.create("Labels", city="Riverton")
    session.add_participant(name="Dev", sector="academic")
    session.add_record("benefit", "C", title="Faster permits", baseline="40 days",
                       target_value="10 days")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        [row] = table_text(app.screen.query_one("#sh-register", DataTable))
        assert "Universities and colleges" in row and "academic" not in row
        coverage = app.screen.query_one("#sh-coverage", DataTable)
        headers = [str(c.label) for c in coverage.columns.values()]
        assert "Universities" in headers and "Academic" not in headers
    app = Host(lambda: BenefitsScreen(session, guide), store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        detail = str(app.screen.query_one("#be-detail").render())
        assert "baseline 40 days → target 10 days" in detail and "->" not in detail


# -- one undo-and-notify helper ------------------------------------------------------


async def test_undo_helper_says_what_it_undid_and_when_there_is_nothing(store, guide):
    from workshop.tui.screens import benefits, followup_review, risks, stakeholder_actions
    from workshop.tui.screens.register_forms import undo_and_notify

    # the screens share it (the review and the stakeholder keys live in modules of their own)
    for module in (benefits, followup_review, risks, stakeholder_actions):
        assert module.undo_and_notify is undo_and_notify
    session = store.create("Undo", city="Riverton")
    session.add_record("benefit", "C", title="Faster permits")
    app = Host(lambda: BenefitsScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert len(app.screen.query_one("#be-table", DataTable).rows) == 1
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.records("benefit") == []
        assert len(app.screen.query_one("#be-table", DataTable).rows) == 0
        assert messages(app)[-1].startswith("Undone: ")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert messages(app)[-1] == "Nothing to undo."
        session.close()  # the store now refuses: one line, no traceback, the screen stays
        assert undo_and_notify(app.screen, session) is None
        await pilot.pause()
        assert isinstance(app.screen, BenefitsScreen)
        assert len(messages(app)) == 3 and "\n" not in messages(app)[-1]


async def test_carry_over_add_people_box_reads_unticked_without_colour(store, guide):
    earlier = store.create("Spring", city="Riverton", date="2026-03-01")
    zed = earlier.add_participant(name="Zed", sector="voluntary")
    earlier.add_record("engagement", "B3", text="Panel", stakeholders=[zed["id"]])
    earlier.close()
    session = store.create("Autumn", city="Riverton", date="2026-09-01")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#carry-add-people")
        assert box.display and box.value is False
        assert "▐ ▌" in rendered_lines(box)[0]  # was ▐X▌ although not ticked
        box.value = True
        await pilot.pause()
        assert "▐X▌" in rendered_lines(box)[0]
