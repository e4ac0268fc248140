"""Register screens: removals ask first, forms open in their first field, names in the grid are
literal, read-only sessions say so, carry-over and coverage count the right people.

Real SessionStore in tmp_path; each test drives a screen with the keyboard (pilot).
"""

from __future__ import annotations

import datetime as dt

import pytest
from engagement_support import (  # shared pilot helpers and the small real guide
    Host,
    messages,
    render_text,
    small_guide,
    table_text,
)
from textual.widgets import Checkbox, DataTable, Input, Static

from workshop.followup import carry_over
from workshop.guide.model import Guide
from workshop.store import SessionStore
from workshop.tui.screens.benefits import BenefitsScreen
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.followup import CarryOverScreen, FollowUpReviewScreen
from workshop.tui.screens.register_forms import RegisterForm
from workshop.tui.screens.risks import RisksScreen
from workshop.tui.screens.stakeholders import StakeholdersScreen, interest_influence_grid


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def guide() -> Guide:
    return small_guide()


# -- finding 3: delete asks first; End and Home move the cursor --------------------------------


async def test_removing_a_stakeholder_asks_first_and_end_moves_the_cursor(store, guide):
    session = store.create("Register")
    for name in ("Alice", "Bob", "Chen"):
        session.add_participant(name=name, sector="public")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        register = app.screen.query_one("#sh-register", DataTable)
        register.focus()
        await pilot.press("end")
        await pilot.pause()
        assert register.cursor_row == 2
        await pilot.press("home")
        await pilot.pause()
        assert register.cursor_row == 0
        await pilot.press("end", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove Chen" in app.screen.question
        await pilot.press("n")  # cancelled: nobody removed
        await pilot.pause()
        assert [p["name"] for p in session.participants] == ["Alice", "Bob", "Chen"]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, StakeholdersScreen)
        assert [p["name"] for p in session.participants] == ["Alice", "Bob"]
        assert [row[0] for row in table_text(register)] == ["Alice", "Bob"]
    session.close()


async def test_deleting_an_engagement_decision_asks_first(store, guide):
    session = store.create("Engagement")
    session.add_record("engagement", "B3", text="Ask the panel", level="consult")
    app = Host(lambda: StakeholdersScreen(session, guide, start_tab="tab-engagement"), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.screen.query_one("#sh-engagement", DataTable).focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Delete engagement decision 1?"
        assert "Ask the panel" in app.screen.detail
        await pilot.press("escape")
        await pilot.pause()
        assert len(session.records("engagement")) == 1
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert session.records("engagement") == []
    session.close()


# -- finding 8: names are shown literally in the grid --------------------------------------------


def test_unplaced_names_in_the_grid_are_literal():
    people = [
        {"id": "p1", "name": "[bold]Sam[/]"},
        {"id": "p2", "name": "Ann", "organisation": "[link=http://x]Ltd[/link]"},
    ]
    text = "\n".join(render_text(interest_influence_grid(people, 200), 200))
    assert "[bold]Sam[/]" in text
    assert "Ann ([link=http://x]Ltd[/link])" in text


# -- finding 9: forms start with the cursor in the first field ----------------------------------


async def test_forms_open_with_the_cursor_in_the_first_field(store, guide):
    session = store.create("Focus")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")  # new engagement decision: first text field, not the Part choice
        await pilot.pause()
        assert isinstance(app.screen, RegisterForm)
        assert app.screen.focused is app.screen.first_field()
        assert app.screen.focused.id == "en-text"
        await pilot.press("escape")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Sam")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [p["name"] for p in session.participants] == ["Sam"]
    session.close()


async def test_benefit_form_takes_typing_at_once(store, guide):
    session = store.create("Benefits")
    app = Host(lambda: BenefitsScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Cleaner air", "ctrl+s")
        await pilot.pause()
        assert [b["title"] for b in session.records("benefit")] == ["Cleaner air"]
    session.close()


async def test_risk_checklist_tab_goes_to_the_first_answer(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()  # the checklist opens in the first answer
        assert app.screen.focused is app.screen.query_one("#answer-0", Input)
        await pilot.press(*"Weekly", "ctrl+s")
        await pilot.pause()
    [risk] = session.records("risk")
    assert list(risk["answers"].values()) == ["Weekly"]
    session.close()


# -- finding 16 (issue 7 half): read-only sessions do not open forms -----------------------------


async def test_read_only_session_says_so_instead_of_opening_forms(store, guide):
    writable = store.create("Shared")
    writable.add_participant(name="Alice", sector="public")
    writable.add_record("benefit", "C", title="Faster permits")
    readonly = store.open(writable.id, readonly=True)

    async def pressing(screen_factory, keys, *, tab=None):
        app = Host(screen_factory, store)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await pilot.pause()
            if tab:
                await pilot.press(tab)
                await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            assert not isinstance(app.screen, RegisterForm | ConfirmScreen), keys
            assert any("read-only" in m for m in messages(app)), messages(app)

    for key in ("a", "e", "x"):
        await pressing(lambda: BenefitsScreen(readonly, guide), [key])
    for key in ("a", "n", "e", "x"):
        await pressing(lambda: StakeholdersScreen(readonly, guide), [key])
    await pressing(lambda: RisksScreen(readonly, guide), ["ctrl+o"])

    app = Host(lambda: RisksScreen(readonly, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#answer-0", Input).disabled
        await pilot.press("tab", *"typed", "ctrl+n")
        await pilot.pause()
        assert app.screen.index == 1  # moving on works; nothing to save
    assert writable.records("risk") == []
    assert [p["name"] for p in writable.participants] == ["Alice"]
    assert len(writable.records("benefit")) == 1
    readonly.close()
    writable.close()


# -- finding 5: the follow-up review starts in the date field and wants a future date ------------


async def test_follow_up_review_starts_in_the_date_field_and_wants_a_future_date(store, guide):
    earlier = store.create("Spring", date="2026-03-01", city="Riverton")
    earlier.add_record("action", "B3", title="Map the data owners", due="2026-04-01")
    earlier.add_record("action", "B4", title="Draft the rules", due="2026-12-24")
    session = store.create("Autumn", date="2026-11-25", city="Riverton")
    carry_over(session, [earlier.snapshot()])
    earlier.close()
    day = dt.date(2026, 11, 25)  # a Wednesday
    app = Host(lambda: FollowUpReviewScreen(session, guide, today=day), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#review-due", Input)
        assert app.screen.focused is due
        assert due.value == ""  # the overdue 2026-04-01 is not offered again
        await pilot.press("f6")  # still open without a date: refused
        await pilot.pause()
        assert any("needs a new due date" in m for m in messages(app)), messages(app)
        await pilot.press(*"2026-04-01")  # typing goes into the date field at once
        await pilot.pause()
        assert "in the past" in reason_text(app, "review-due")
        await pilot.press("f6")
        await pilot.pause()
        assert any("2026-04-01 is in the past" in m for m in messages(app)), messages(app)
        due.value = ""
        await pilot.press(*"+2w")
        await pilot.pause()
        assert "9 Dec 2026" in reason_text(app, "review-due")
        await pilot.press("f6")
        await pilot.pause()
        # the next one keeps its own future date
        assert app.screen.query_one("#review-due", Input).value == "2026-12-24"
        assert app.screen.focused is app.screen.query_one("#review-due", Input)
    first = next(r for r in session.records("action") if r["title"] == "Map the data owners")
    assert (first["due"], first["status"]) == ("2026-12-09", "open")
    assert first["status_note"]
    session.close()


def reason_text(app, field_id: str) -> str:
    return str(app.screen.query_one(f"#field-{field_id} .reason", Static).render())


# -- finding 14: carrying engagement decisions asks before adding another session's people ------


def _earlier_with_engagement(store: SessionStore):
    earlier = store.create("Other city", date="2026-03-01", city="Riverton")
    alice = earlier.add_participant(name="Alice", organisation="Their Council", sector="public")
    earlier.add_record("engagement", "B3", text="Panel design", stakeholders=[alice["id"]])
    earlier.close()
    return earlier


async def carry_with_box(store, guide, *, tick: bool):
    _earlier_with_engagement(store)
    session = store.create("Ours", date="2026-09-01", city="Riverton")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#carry-add-people", Checkbox)
        assert box.display and box.value is False  # asked, default off
        summary = str(app.screen.query_one("#carry-summary", Static).render())
        assert "name 1 stakeholder(s)" in summary
        if tick:
            box.focus()
            await pilot.press("space")
            await pilot.pause()
            assert "are added" in str(app.screen.query_one("#carry-summary", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    return session


async def test_carry_over_names_other_sessions_people_without_adding_them(store, guide):
    session = await carry_with_box(store, guide, tick=False)
    assert session.participants == []
    [engagement] = session.records("engagement")
    assert engagement["text"] == "Panel design; named: Alice (Their Council)"
    assert engagement["stakeholders"] == []
    session.close()


async def test_carry_over_adds_the_named_people_when_ticked(store, guide):
    session = await carry_with_box(store, guide, tick=True)
    [alice] = session.participants
    assert (alice["name"], alice["attended"]) == ("Alice", False)
    [engagement] = session.records("engagement")
    assert engagement["stakeholders"] == [alice["id"]]
    assert engagement["text"] == "Panel design"
    session.close()


# -- finding 6: sector coverage counts the people in the room, not carried-over decisions -------


async def test_coverage_tab_counts_attendees_and_ignores_carried_decisions(store, guide):
    earlier = store.create("Other city", date="2026-03-01", city="Riverton")
    zed = earlier.add_participant(name="Zed", organisation="Their Council", sector="voluntary")
    earlier.add_record("engagement", "B3", text="Panel", stakeholders=[zed["id"]])
    earlier.close()
    session = store.create("Ours", date="2026-09-01", city="Riverton",
                           agenda=[{"part": "B4", "timebox": 10}, {"part": "B3", "timebox": 10}])
    session.add_participant(name="Alice", sector="public")
    session.add_participant(name="Bob", sector="private")
    session.add_participant(name="Cara", sector="citizen")
    session.add_participant(name="Dev", sector="academic", attended=False)
    carry_over(session, [earlier.snapshot()], add_stakeholders=True)  # Zed joins, not attending
    session.add_time("B4", 300)  # B4 was walked with the timer; nothing typed
    app = Host(lambda: StakeholdersScreen(session, guide, start_tab="tab-coverage"), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        rows = {row[0][:2]: row[1:] for row in
                table_text(app.screen.query_one("#sh-coverage", DataTable))}
        # B4 was covered: the three attendees count; Dev (not here) and Zed do not
        assert rows["B4"] == ["1 Alice", "1 Bob", "ABSENT", "ABSENT", "1 Cara"]
        # B3 holds only the carried-over decision: not covered, and Zed is not listed
        assert rows["B3"] == ["not yet"] * 5
        summary = str(app.screen.query_one("#sh-coverage-absent", Static).render())
        assert "Absent: B4: Voluntary sector, Universities and colleges" in summary
        assert "Not covered yet: B3" in summary
    session.close()
