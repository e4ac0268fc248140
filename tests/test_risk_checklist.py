"""The risk checklist (issue 10 items 16, 18, 20 and 11 for risks).

Typing goes where the facilitator expects: the checklist opens on the first risk's first
question, and ctrl+n opens the next risk on ITS first question (typed ahead in one burst or not).
Likelihood and impact take 1-5 only and say so at once; a risk without both is a draft that no
count includes. The heat map has likelihood in rows (5 at the top) and impact in columns
(1 to 5), both axes labelled. Removing a risk asks first, and undo says what it brought back.
Keys go through the driver in bursts (keys_support.burst); the tests poll until the app settles.
"""

from __future__ import annotations

import pytest
from engagement_support import Host, messages, render_text, small_guide
from keys_support import burst
from textual.widgets import Input, OptionList, Static

from workshop.store import SessionStore
from workshop.summary import build_summary
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.risks import RisksScreen, heat_map


@pytest.fixture
def guide():
    return small_guide()


@pytest.fixture
def store(tmp_path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


async def settle(pilot, done, rounds: int = 200) -> None:
    for _ in range(rounds):
        await pilot.pause()
        if done():
            return


def risk_counts(session, guide) -> int:
    glance = build_summary(session.snapshot(), guide).glance
    return next((c.count for c in glance.counts if c.kind == "risk"), 0)


async def test_checklist_opens_on_the_first_question(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one("#answer-0", Input)
    session.close()


async def test_next_risk_opens_on_its_first_question_in_one_burst(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        await pilot.pause()
        burst(app, *"Mayor owns it", "ctrl+n", *"Nobody shares one", "ctrl+n",
              *"Vendors lead", "ctrl+s")
        await settle(pilot, lambda: len(session.records("risk")) == 3)
        screen = app.screen
        assert screen.index == 2
        assert screen.focused is screen.query_one("#answer-0", Input)
    answers = [list(r["answers"].values()) for r in session.records("risk")]
    assert answers == [["Mayor owns it"], ["Nobody shares one"], ["Vendors lead"]]
    session.close()


async def test_likelihood_and_impact_take_1_to_5_only_as_typed(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#risk-likelihood"))
        screen = app.screen
        likelihood = screen.query_one("#risk-likelihood", Input)
        likelihood.focus()
        await pilot.pause()
        burst(app, *"Would stall")
        await settle(pilot, lambda: "refused" in reason_of(screen, "risk-likelihood"))
        assert likelihood.value == ""
        line = reason_of(screen, "risk-likelihood")
        assert "1-5" in line and "\n" not in line.strip()
        burst(app, "7", "4")
        await settle(pilot, lambda: likelihood.value == "4")
        assert likelihood.value == "4"
        burst(app, "2")  # a new digit replaces the rating (one digit, no need to delete first)
        await settle(pilot, lambda: likelihood.value == "2")
        impact = screen.query_one("#risk-impact", Input)
        impact.focus()
        await pilot.pause()
        burst(app, "0", "6", "x", "5", "ctrl+s")
        await settle(pilot, lambda: len(session.records("risk")) == 1)
        assert impact.value == "5"
    [risk] = session.records("risk")
    assert (risk["likelihood"], risk["impact"]) == (2, 5)
    session.close()


def reason_of(screen, field_id: str) -> str:
    return str(screen.query_one(f"#field-{field_id} .reason", Static).render())


async def test_half_filled_risk_is_a_draft_no_count_includes(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        await pilot.pause()
        burst(app, *"Mayor owns it", "ctrl+n")
        await settle(pilot, lambda: session.records("risk") and app.screen.index == 1)
        [draft] = session.records("risk")
        assert draft["likelihood"] == 0
        assert risk_counts(session, guide) == 0
        first = str(app.screen.query_one("#risk-list", OptionList).get_option_at_index(0).prompt)
        assert "draft" in first
        # a likelihood alone is still a draft
        app.screen.query_one("#risk-likelihood", Input).focus()
        await pilot.pause()
        burst(app, "3", "ctrl+s")
        await settle(pilot, lambda: len(session.records("risk")) == 2)
        assert risk_counts(session, guide) == 0
        app.screen.query_one("#risk-impact", Input).focus()
        await pilot.pause()
        burst(app, "4", "ctrl+s")
        await settle(pilot, lambda: session.records("risk")[1]["impact"] == 4)
        assert risk_counts(session, guide) == 1
        second = str(app.screen.query_one("#risk-list", OptionList).get_option_at_index(1).prompt)
        assert "draft" not in second and "3x4" in second
    session.close()


def test_heat_map_has_likelihood_rows_and_impact_columns_both_labelled(store, guide):
    session = store.create("Risks")
    session.add_record("risk", "AnnexB", risk="AnnexB.K1", title="Weak leadership",
                       likelihood=5, impact=1)
    session.add_record("risk", "AnnexB", risk="AnnexB.K2", title="No shared vision",
                       likelihood=1, impact=5)
    screen = RisksScreen(session, guide)
    screen.load_items()
    lines = render_text(heat_map(screen.items, 80), 80)
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    assert "likelihood (rows)" in text.lower() and "impact (columns)" in text.lower()
    header = next(line for line in lines if "Impact 1" in line)
    assert [header.index(f"Impact {n}") for n in range(1, 6)] == sorted(
        header.index(f"Impact {n}") for n in range(1, 6))
    assert "Likelihood" in text and "↓" in text and "→" in text
    rows = [line for line in lines if line.startswith("│") and line.strip("│ ")[:1].isdigit()]
    assert [line.strip("│ ")[0] for line in rows] == ["5", "4", "3", "2", "1"]
    cells = [[c.strip() for c in line.strip("│").split("│")] for line in rows]
    assert cells[0][1] == "K1"  # likelihood 5, impact 1: top left
    assert cells[4][5] == "K2"  # likelihood 1, impact 5: bottom right
    session.close()


async def test_removing_a_risk_asks_first_and_undo_says_what_came_back(store, guide):
    session = store.create("Risks")
    own = session.add_record("risk", "D", risk="", title="Flooding of the data centre",
                             likelihood=2, impact=5)
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        screen = app.screen
        risk_list = screen.query_one("#risk-list", OptionList)
        risk_list.focus()
        risk_list.highlighted = len(screen.items) - 1
        await pilot.pause()
        burst(app, "x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert isinstance(app.screen, ConfirmScreen)
        assert "Flooding of the data centre" in app.screen.question
        burst(app, "n")
        await settle(pilot, lambda: app.screen is screen)
        assert session.record(own["id"])["title"] == "Flooding of the data centre"
        burst(app, "x")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        burst(app, "y")
        await settle(pilot, lambda: not session.records("risk"))
        assert not session.records("risk")
        assert all("Flooding" not in item.title for item in screen.items)
        burst(app, "ctrl+z")
        await settle(pilot, lambda: session.records("risk") and any(
            m.startswith("Undone:") for m in messages(app)))
        assert [r["title"] for r in session.records("risk")] == ["Flooding of the data centre"]
        assert any(m.startswith("Undone:") and "Flooding" in m for m in messages(app)), \
            messages(app)
        assert any("Flooding" in item.title for item in screen.items)
        assert not any("Restored" in m for m in messages(app))  # nothing was typed
    session.close()


def test_walkthrough_part_counts_leave_out_draft_risks(store, guide):
    from workshop.tui.widgets.capture import CapturePanel

    session = store.create("Risks")
    session.add_record("note", "D", text="Flood plans are old")
    session.add_record("risk", "D", risk="", title="Flooding", likelihood=3)
    session.add_record("risk", "D", risk="", title="Outage", likelihood=2, impact=4)
    session.add_record("risk", "AnnexB", risk="AnnexB.K1", title="Weak leadership")
    panel = CapturePanel(guide)
    panel.load(session.records())
    assert panel.counts_by_part() == {"D": 2}
    session.close()


async def test_keys_typed_before_a_risk_dialog_opens_land_in_it(store, guide):
    """Issue 10 item 10 for risks: ctrl+o and the new risk's name in one burst, then x and y on
    the list in one burst: nothing goes to the screen below."""
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        screen = app.screen
        await pilot.pause()
        burst(app, *"Mayor", "ctrl+o", *"Flooding", "tab", *"Dark for days", "ctrl+s")
        await settle(pilot, lambda: any(r["title"] == "Flooding"
                                        for r in session.records("risk")))
        await settle(pilot, lambda: app.screen is screen and screen.current.title == "Flooding")
        titles = {r["title"]: r for r in session.records("risk")}
        assert list(titles["Weak leadership"]["answers"].values()) == ["Mayor"]
        assert list(titles["Flooding"]["answers"].values()) == ["Dark for days"]
        burst(app, *"Rivers", "ctrl+s")
        await settle(pilot, lambda: titles_answers(session).get("Flooding") == ["Rivers"])
        assert titles_answers(session)["Flooding"] == ["Rivers"]
        screen.query_one("#risk-list", OptionList).focus()
        await pilot.pause()
        burst(app, "x", "y")
        await settle(pilot, lambda: "Flooding" not in titles_answers(session))
        assert "Flooding" not in titles_answers(session)
        assert app.screen is screen
    session.close()


def titles_answers(session) -> dict[str, list[str]]:
    return {r["title"]: list(r["answers"].values()) for r in session.records("risk")}


async def test_back_from_the_heat_map_typing_goes_into_the_form(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        await pilot.pause()
        burst(app, "f2")
        await settle(pilot, lambda: app.screen.query_one("#risk-tabs").active == "tab-heat")
        burst(app, "f2", *"Board meets monthly", "ctrl+s")
        await settle(pilot, lambda: session.records("risk"))
        assert titles_answers(session) == {"Weak leadership": ["Board meets monthly"]}
    session.close()


async def test_tab_and_enter_in_a_burst_move_to_the_next_question(store, guide):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, lambda: app.screen.query("#answer-0"))
        await pilot.pause()
        burst(app, *"Mayor", "tab", *"Weekly board", "enter", "4", "tab", "3", "ctrl+s")
        await settle(pilot, lambda: session.records("risk"))
    [risk] = session.records("risk")
    assert list(risk["answers"].values()) == ["Mayor", "Weekly board"]
    assert (risk["likelihood"], risk["impact"]) == (4, 3)
    session.close()
