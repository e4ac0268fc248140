"""Pilot tests for issue 7 screens: stakeholders & engagement, risks, benefits, follow-up.

Each test drives a screen with the keyboard over a real SessionStore and then checks what the
store holds (re-read from disk where it matters).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from engagement_support import Host, messages, render_text, small_guide, table_text
from textual.widgets import DataTable, Input, OptionList, Select, SelectionList, Static

from workshop.guide.model import Guide
from workshop.store import SessionStore
from workshop.tui.forms.register import register_screen
from workshop.tui.screens.benefits import BenefitsScreen
from workshop.tui.screens.confirm import ConfirmScreen
from workshop.tui.screens.followup import CarryOverScreen, FollowUpReviewScreen
from workshop.tui.screens.risks import RisksScreen, heat_map
from workshop.tui.screens.stakeholders import (
    StakeholdersScreen,
    interest_influence_grid,
)


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def guide() -> Guide:
    return small_guide()


async def fill(pilot, selector: str, text: str) -> None:
    """Focus an input, replace its text by typing (as a user would)."""
    widget = pilot.app.screen.query_one(selector, Input)
    widget.focus()
    await pilot.pause()
    widget.value = ""
    if text:
        await pilot.press(*text)
    await pilot.pause()


def choose(pilot, selector: str, value: str) -> None:
    pilot.app.screen.query_one(selector, Select).value = value


def reason(pilot, field_id: str) -> str:
    return str(pilot.app.screen.query_one(f"#field-{field_id} .reason", Static).render())


def markdown_sections(session, guide) -> dict[str, list[list[str]]]:
    """The session's Markdown export parsed with markdown-it: heading -> table rows (cells)."""
    from markdown_it import MarkdownIt

    from workshop.export.markdown import render_markdown
    from workshop.summary import build_summary

    text = render_markdown(build_summary(session.snapshot(), guide))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    sections: dict[str, list[list[str]]] = {}
    heading = ""
    row: list[str] | None = None
    for n, tok in enumerate(tokens):
        if tok.type == "heading_open":
            heading = tokens[n + 1].content
            sections.setdefault(heading, [])
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open") and row is not None:
            row.append(tokens[n + 1].content)
        elif tok.type == "tr_close" and row is not None:
            sections[heading].append(row)
            row = None
    return sections


# ----------------------------------------------------------------------------------------------
# stakeholders and engagement
# ----------------------------------------------------------------------------------------------


async def add_stakeholder(pilot, name: str, org: str, sector: str, interest: str,
                          influence: str, kind: str = "person") -> None:
    await pilot.press("a")
    await pilot.pause()
    await fill(pilot, "#sh-name", name)
    await fill(pilot, "#sh-org", org)
    choose(pilot, "#sh-kind", kind)
    choose(pilot, "#sh-sector", sector)
    choose(pilot, "#sh-interest", interest)
    choose(pilot, "#sh-influence", influence)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def record_engagement(pilot, level: str, who: list[str], text: str, due: str,
                            channels: list[str], other: str = "") -> None:
    await pilot.press("n")
    await pilot.pause()
    screen = pilot.app.screen
    choose(pilot, "#en-part", "B3")
    await pilot.pause()
    choose(pilot, "#en-rec", "B3.R2")
    await fill(pilot, "#en-text", text)
    choose(pilot, "#en-level", level)
    stakeholders = screen.query_one("#en-stakeholders", SelectionList)
    for pid in who:
        stakeholders.select(pid)
    chans = screen.query_one("#en-channels", SelectionList)
    for c in channels:
        chans.select(c)
    await fill(pilot, "#en-other", other)
    await fill(pilot, "#en-due", due)
    await fill(pilot, "#en-owner", "Dana")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_stakeholder_register_engagement_levels_and_actions(store, guide, tmp_path):
    session = store.create("Engagement", agenda=[{"part": "B3", "timebox": 10},
                                                 {"part": "B4", "timebox": 10}])
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await add_stakeholder(pilot, "Alice [b]", "City Council", "public", "high", "high")
        await add_stakeholder(pilot, "Youth Forum", "", "citizen", "high", "low", kind="group")
        await add_stakeholder(pilot, "Tech Ltd", "Tech Ltd", "private", "low", "high",
                              kind="organisation")
        people = session.participants
        assert [(p["name"], p["kind"], p["sector"], p["interest"], p["influence"])
                for p in people] == [
            ("Alice [b]", "person", "public", "high", "high"),
            ("Youth Forum", "group", "citizen", "high", "low"),
            ("Tech Ltd", "organisation", "private", "low", "high"),
        ]
        register = app.screen.query_one("#sh-register", DataTable)
        assert table_text(register)[0][0] == "Alice [b]"  # shown literally
        ids = [p["id"] for p in people]

        await record_engagement(pilot, "inform", [ids[2]], "Tell suppliers", "2026-10-01",
                                ["online platform"])
        await record_engagement(pilot, "consult", [ids[0], ids[1]], "Ask about the panel",
                                "2026-11-01", ["survey", "workshop"], other="street stall")
        # a bad date is refused with its reason beside the field, and nothing is saved
        await pilot.press("n")
        await pilot.pause()
        await fill(pilot, "#en-text", "Co-design the app")
        choose(pilot, "#en-level", "collaborate")
        app.screen.query_one("#en-stakeholders", SelectionList).select(ids[1])
        await fill(pilot, "#en-due", "2026-13-01")
        assert "YYYY-MM-DD" in reason(pilot, "en-due")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(session.records("engagement")) == 2
        problem = app.screen.query_one("#form-problem", Static)  # below the fields, no toast
        assert problem.display and "By when" in str(problem.render())
        await fill(pilot, "#en-due", "2026-12-01")
        assert reason(pilot, "en-due") == "date or +2w"  # back to the hint
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, StakeholdersScreen)

        records = session.records("engagement")
        assert [(r["level"], r["text"], r["due"]) for r in records] == [
            ("inform", "Tell suppliers", "2026-10-01"),
            ("consult", "Ask about the panel", "2026-11-01"),
            ("collaborate", "Co-design the app", "2026-12-01"),
        ]
        assert records[1]["stakeholders"] == [ids[0], ids[1]]
        assert records[1]["channels"] == ["workshop", "survey", "street stall"]
        assert records[1]["rec"] == "B3.R2" and records[1]["owner"] == "Dana"
        assert records[2]["part"] == "B3" and records[2]["loop_closed"] is False

        # loop closed on the selected decision (the first), then an action from it
        engagement = app.screen.query_one("#sh-engagement", DataTable)
        engagement.focus()
        engagement.move_cursor(row=0)
        await pilot.press("l")
        await pilot.pause()
        assert session.records("engagement")[0]["loop_closed"] is True
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#ac-title", Input).value.startswith("Inform Tech Ltd")
        await fill(pilot, "#ac-owner", "Erin")
        await pilot.press("ctrl+s")
        await pilot.pause()
        actions = session.records("action")
        assert len(actions) == 1
        assert actions[0]["target"] == records[0]["id"]
        assert (actions[0]["owner"], actions[0]["due"]) == ("Erin", "2026-10-01")

        # undo takes the action back
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert session.records("action") == []

        # coverage: B3 (covered: decisions made) has the three attendees; B4 not covered yet
        await pilot.press("4")
        await pilot.pause()
        coverage = table_text(app.screen.query_one("#sh-coverage", DataTable))
        b3 = coverage[0]
        assert b3[0].startswith("B3")
        assert b3[1].startswith("1 Alice") and b3[3] == "ABSENT" and b3[4] == "ABSENT"
        assert coverage[1][1:] == ["not yet"] * 5
        absent = str(app.screen.query_one("#sh-coverage-absent", Static).render())
        assert "B3: Voluntary sector, Universities and colleges" in absent
        assert "Not covered yet: B4" in absent

    session.close()
    reopened = SessionStore(tmp_path / "sessions").open(session.id)
    assert len(reopened.records("engagement")) == 3
    assert len(reopened.participants) == 3
    md = markdown_sections(reopened, guide)
    register = md["Stakeholder register"]
    assert register[0][:4] == ["Stakeholder", "Kind", "Organisation", "Sector"]
    assert sorted(r[0] for r in register[1:]) == ["Alice \\[b]", "Tech Ltd", "Youth Forum"]
    decisions = {r[0]: r for r in md["Engagement decisions"][1:]}
    assert {no: r[3] for no, r in decisions.items()} == {
        "#1": "inform", "#2": "consult", "#3": "collaborate"
    }
    assert decisions["#1"][7] == "yes" and decisions["#2"][7] == "no"
    assert decisions["#2"][4] == "workshop, survey, street stall"
    coverage = {r[0]: r for r in md["Coverage: parts x sectors"][1:]}
    assert [k[:2] for k in coverage] == ["B3"]  # B4 was not covered: listed as a next step
    assert coverage[next(iter(coverage))][1:] == ["1", "1", "0", "0", "1",
                                                  "Voluntary sector, Universities and colleges"]
    reopened.close()


def test_interest_influence_grid_fits_80_columns_and_places_people():
    people = [
        {"id": "1", "name": "Alice", "organisation": "", "interest": "high", "influence": "high"},
        {"id": "2", "name": "Youth Forum", "interest": "high", "influence": "low"},
        {"id": "3", "name": "Tech Ltd", "interest": "low", "influence": "high"},
        {"id": "4", "name": "Unsure", "interest": "", "influence": "medium"},
    ]
    lines = render_text(interest_influence_grid(people, 80), 80)
    assert max(len(line) for line in lines) <= 80
    high_rows = [line for line in lines if "Tech Ltd" in line]
    assert high_rows and high_rows[0].index("Tech Ltd") < high_rows[0].index("Alice")
    text = "\n".join(lines)
    assert text.index("Alice") < text.index("Youth Forum")  # high influence row first
    assert "Not placed yet" in text and "Unsure" in text
    wide = render_text(interest_influence_grid(people, 200), 200)
    assert max(len(line) for line in wide) <= 200


async def test_store_error_keeps_typed_text(store, guide, tmp_path):
    session = store.create("Closing")
    app = Host(lambda: StakeholdersScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "#sh-name", "Typed name")
        session.close()  # e.g. the session was closed under the form: the store refuses
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#sh-name", Input).value == "Typed name"  # form stays
        assert any("closed" in m for m in messages(app)), messages(app)
    reopened = SessionStore(tmp_path / "sessions").open(session.id)
    assert reopened.participants == []
    reopened.close()


# ----------------------------------------------------------------------------------------------
# risks
# ----------------------------------------------------------------------------------------------


async def test_review_five_risks_own_risk_heat_map_and_action(store, guide, tmp_path):
    session = store.create("Risks")
    app = Host(lambda: RisksScreen(session, guide), store)
    ratings = [(2, 5), (4, 4), (3, 2), (5, 5), (1, 3)]
    statuses = ["partly", "not addressed", "mitigated", "partly", "mitigated"]
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the first risk from the list
        await pilot.pause()
        for n, ((likelihood, impact), status) in enumerate(zip(ratings, statuses, strict=True)):
            await fill(pilot, "#answer-0", f"answer {n}")
            await fill(pilot, "#answer-1", "")
            await fill(pilot, "#risk-likelihood", str(likelihood))
            await fill(pilot, "#risk-impact", str(impact))
            choose(pilot, "#risk-status", status)
            await fill(pilot, "#risk-mitigation", f"mitigation {n}")
            await pilot.press("ctrl+n")
            await pilot.pause()
        assert app.screen.index == 5
        # a rating outside 1-5 is refused as it is typed, the reason shown beside the field
        await fill(pilot, "#risk-likelihood", "7")
        assert "1-5" in reason(pilot, "risk-likelihood")
        assert app.screen.query_one("#risk-likelihood", Input).value == ""
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.screen.index == 4

        records = session.records("risk")
        assert [r["risk"] for r in records] == [f"AnnexB.K{i}" for i in range(1, 6)]
        assert [(r["likelihood"], r["impact"]) for r in records] == ratings
        assert [r["status"] for r in records] == statuses
        assert records[0]["answers"] == {"Question one about weak leadership?": "answer 0"}
        assert records[3]["mitigation"] == "mitigation 3"
        assert all(r["part"] == "AnnexB" for r in records)

        # the city's own risk
        await pilot.press("ctrl+o")
        await pilot.pause()
        await fill(pilot, "#own-title", "Flooding of the data centre")
        await fill(pilot, "#own-what", "Services go dark for days")
        await pilot.press("ctrl+s")
        await pilot.pause()
        own = [r for r in session.records("risk") if r["risk"] == ""]
        assert [r["title"] for r in own] == ["Flooding of the data centre"]
        assert own[0]["part"] == "D"
        assert app.screen.current.key == own[0]["id"]
        await fill(pilot, "#risk-likelihood", "2")
        await fill(pilot, "#risk-impact", "5")
        await fill(pilot, "#risk-mitigation", "Second site")
        await pilot.press("ctrl+s")
        await pilot.pause()
        own = session.record(own[0]["id"])
        assert (own["likelihood"], own["impact"], own["mitigation"]) == (2, 5, "Second site")
        assert own["answers"] == {
            "What could happen, and what would it cost the city?": "Services go dark for days"
        }

        # mitigation becomes an action linked to the risk
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#ac-title", Input).value == "Second site"
        await pilot.press("ctrl+s")
        await pilot.pause()
        action = session.records("action")[0]
        assert action["target"] == own["id"] and action["title"] == "Second site"

        # the heat map puts each rated risk in its cell
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#risk-tabs").active == "tab-heat"
        legend = str(app.screen.query_one("#risk-legend", Static).render())
        assert "K4: Little engagement - likelihood 5, impact 5, partly" in legend
        assert "Not rated yet: K6" in legend
        list_text = [str(o.prompt) for o in app.screen.query_one("#risk-list",
                                                                  OptionList).options]
        assert list_text[1].startswith("○ K2") and "4x4" in list_text[1]
        assert list_text[2].startswith("● K3")

    lines = render_text(heat_map(_items(session, guide), 80), 80)
    assert max(len(line) for line in lines) <= 80
    row5 = next(line for line in lines if line.strip("│ ").startswith("5"))
    assert "K4" in row5 and "K1" not in row5
    row2 = next(line for line in lines if line.strip("│ ").startswith("2"))
    assert "K1" in row2 and "C1" in row2
    session.close()
    reopened = SessionStore(tmp_path / "sessions").open(session.id)
    assert len(reopened.records("risk")) == 6
    md = markdown_sections(reopened, guide)
    risks = md["Key risks"]
    assert len(risks) == 7  # header + six risks
    assert any("Flooding of the data centre" in r[1] and r[2:5] == ["2", "5", "10"]
               for r in risks[1:])
    assert "Heat map: likelihood (rows) by impact (columns)" in md
    reopened.close()


def _items(session, guide):
    screen = RisksScreen(session, guide)
    screen.load_items()
    return screen.items


# ----------------------------------------------------------------------------------------------
# benefits
# ----------------------------------------------------------------------------------------------


async def test_add_two_benefits(store, guide):
    session = store.create("Benefits")
    action = session.add_record("action", "B3", title="Open the permits data")
    app = Host(lambda: BenefitsScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "#be-title", "Faster building permits")
        app.screen.query_one("#be-who", SelectionList).select("businesses")
        app.screen.query_one("#be-who", SelectionList).select("citizens")
        await fill(pilot, "#be-who-other", "architects")
        await fill(pilot, "#be-measure", "days to a permit")
        await fill(pilot, "#be-baseline", "60")
        await fill(pilot, "#be-target", "20")
        await fill(pilot, "#be-due", "2027-12-31")
        await fill(pilot, "#be-owner", "Planning")
        app.screen.query_one("#be-parts", SelectionList).select("B4")
        app.screen.query_one("#be-actions", SelectionList).select(action["id"])
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "#be-title", "Cleaner air")
        app.screen.query_one("#be-who", SelectionList).select("the environment")
        await fill(pilot, "#be-due", "end of 2028")
        assert "YYYY-MM-DD" in reason(pilot, "be-due")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(session.records("benefit")) == 1
        await fill(pilot, "#be-due", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        table = table_text(app.screen.query_one("#be-table", DataTable))
        assert [row[1] for row in table] == ["Faster building permi…", "Cleaner air"]
        detail = str(app.screen.query_one("#be-detail", Static).render())
        assert "Cleaner air" in detail
    first, second = session.records("benefit")
    assert first["beneficiaries"] == ["citizens", "businesses", "architects"]
    assert (first["measure"], first["baseline"], first["target_value"], first["due"],
            first["owner"]) == ("days to a permit", "60", "20", "2027-12-31", "Planning")
    assert first["parts"] == ["B4"] and first["part"] == "B4"
    assert first["actions"] == [action["id"]]
    assert second["part"] == "C" and second["beneficiaries"] == ["the environment"]
    md = markdown_sections(session, guide)
    benefits = md["Benefits register"]
    assert [r[1] for r in benefits[1:]] == ["Faster building permits", "Cleaner air"]
    assert benefits[1][2:8] == ["citizens, businesses, architects", "days to a permit", "60",
                                "20", "2027-12-31", "Planning"]
    session.close()


# ----------------------------------------------------------------------------------------------
# carry-over and follow-up review
# ----------------------------------------------------------------------------------------------


async def test_carry_over_then_review_carried_actions(store, guide, tmp_path):
    earlier = store.create("Spring workshop", date="2026-03-01", city="Riverton")
    earlier.add_record("action", "B3", title="Map the data owners", owner="Alice",
                       due="2026-04-01")
    earlier.add_record("action", "B4", title="Draft procurement rules", status="in progress")
    earlier.add_record("action", "B4", title="Hire a data officer")
    earlier.add_record("action", "B3", title="Already done", status="done")
    earlier.add_record("decision", "B3", outcome="parked", text="Open data portal")
    earlier.add_record("risk", "D", title="Supplier lock-in", likelihood=4, impact=3)
    earlier.close()
    session = store.create("Autumn workshop", date="2026-09-01", city="Riverton")
    app = Host(lambda: CarryOverScreen(session, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        chooser = app.screen.query_one("#carry-sessions", SelectionList)
        assert list(chooser.selected) == [earlier.id]  # the latest earlier session is ticked
        kinds = app.screen.query_one("#carry-kinds", SelectionList)
        kinds.deselect("risk")
        await pilot.pause()
        preview = table_text(app.screen.query_one("#carry-preview", DataTable))
        assert [row[1] for row in preview] == [
            "Map the data owners", "Draft procurement rules", "Hire a data officer",
            "Open data portal",
        ]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(session.records()) == 4
        assert session.records("risk") == []
        assert all(r["origin"]["session"] == earlier.id for r in session.records())
        # the review is offered at once; later works too
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Review the 3 carried-over open action(s) now?"
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CarryOverScreen)
        assert not any("F6" in m for m in messages(app))  # no key promised that may not work
        # carrying again adds nothing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(session.records()) == 4

        await pilot.press("f6")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpReviewScreen)
        progress = str(app.screen.query_one("#review-progress", Static).render())
        assert progress == "Action 1 of 3 (3 left to review)"
        action_text = str(app.screen.query_one("#review-action", Static).render())
        assert "Map the data owners" in action_text and "Spring workshop" in action_text

        await pilot.press("f9")  # done (F5 is Presenter everywhere else)
        await pilot.pause()
        await fill(pilot, "#review-due", "+10w")
        await fill(pilot, "#review-reason", "waiting for legal")
        await pilot.press("f6")  # still open with a new date
        await pilot.pause()
        await pilot.press("f7")  # dropped without a reason: refused, nothing changes
        await pilot.pause()
        assert any("reason" in m for m in messages(app))
        await fill(pilot, "#review-reason", "merged into the data strategy")
        await pilot.press("f7")
        await pilot.pause()
        progress = str(app.screen.query_one("#review-progress", Static).render())
        assert progress.startswith("No carried-over open actions left")

    by_title = {r["title"]: r for r in session.records("action")}
    assert by_title["Map the data owners"]["status"] == "done"
    assert (by_title["Draft procurement rules"]["status"],
            by_title["Draft procurement rules"]["due"],
            by_title["Draft procurement rules"]["status_note"]) == (
        "in progress", (dt.date.today() + dt.timedelta(weeks=10)).isoformat(),
        "waiting for legal")
    assert (by_title["Hire a data officer"]["status"],
            by_title["Hire a data officer"]["status_note"]) == (
        "dropped", "merged into the data strategy")
    session.close()
    reopened = SessionStore(tmp_path / "sessions").open(session.id)
    assert {r["title"]: r["status"] for r in reopened.records("action")} == {
        "Map the data owners": "done", "Draft procurement rules": "in progress",
        "Hire a data officer": "dropped",
    }
    reopened.close()


# ----------------------------------------------------------------------------------------------
# inside the real app: palette commands and the walkthrough's part history
# ----------------------------------------------------------------------------------------------


async def test_app_palette_opens_screens_and_walkthrough_shows_part_history(tmp_path):
    from workshop.guide.loader import load_guide
    from workshop.tui.app import WorkshopApp
    from workshop.tui.widgets.part_history import PartHistoryPanel

    guide = load_guide()
    sessions = tmp_path / "sessions"
    store = SessionStore(sessions)
    earlier = store.create("Spring workshop", date="2026-03-01", city="Riverton",
                           agenda=[{"part": "B3", "timebox": 10}])
    earlier.add_record("rating", "B3", current=2, target_level=4)
    earlier.add_record("rating", "B3", current=3, target_level=4)
    earlier.add_record("decision", "B3", outcome="agreed", text="Run a citizen panel [monthly]")
    earlier.add_record("action", "B3", title="Recruit the panel", status="open")
    earlier.close()
    current = store.create("Autumn workshop", date="2026-09-01", city="Riverton",
                           agenda=[{"part": "B3", "timebox": 10}])
    current.add_record("rating", "B3", current=4, target_level=5)
    current.close()

    app = WorkshopApp(guide=guide, sessions_dir=sessions, open_session=current.id)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):
            await pilot.pause()
            if app.session is not None and app.screen.query(PartHistoryPanel):
                break
        panel = app.screen.query_one(PartHistoryPanel)
        text = str(panel.render())
        assert panel.display
        assert "Maturity: previous 2.5 → now 4  (target 4 → 5)" in text
        assert "Spring workshop: decision Run a citizen panel [monthly]" in text
        assert "Spring workshop: action Recruit the panel [open]" in text

        titles = [title for title, _, _ in app.engagement_commands()]
        assert titles == ["Stakeholders & engagement", "Risk checklist", "Benefits register",
                          "Carry over from earlier sessions", "Follow-up review", "Parking lot"]
        expected = [StakeholdersScreen, RisksScreen, BenefitsScreen, CarryOverScreen,
                    FollowUpReviewScreen, register_screen("question")]
        for (_, _, callback), screen_type in zip(app.engagement_commands(), expected,
                                                   strict=True):
            callback()
            await pilot.pause()
            assert isinstance(app.screen, screen_type)
            app.screen.dismiss()
            await pilot.pause()
        # the shipped Annex B checklist is walked by the risk screen
        app.open_engagement_screen("risks")
        await pilot.pause()
        assert len(app.screen.items) == len(guide.risks) >= 5


async def test_new_session_is_offered_carry_over_once(tmp_path):
    from workshop.guide.loader import load_guide
    from workshop.tui.app import WorkshopApp

    guide = load_guide()
    sessions = tmp_path / "sessions"
    store = SessionStore(sessions)
    earlier = store.create("Spring workshop", date="2026-03-01", city="Riverton",
                           agenda=[{"part": "B3", "timebox": 10}])
    earlier.add_record("action", "B3", title="Recruit the panel")
    earlier.close()
    fresh = store.create("Autumn workshop", date="2026-09-01", city="Riverton",
                         agenda=[{"part": "B3", "timebox": 10}])
    fresh.close()

    app = WorkshopApp(guide=guide, sessions_dir=sessions, open_session=fresh.id)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(10):
            await pilot.pause()
            if isinstance(app.screen, CarryOverScreen):
                break
        assert isinstance(app.screen, CarryOverScreen)
        assert app.screen.query("#carry-intro")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [r["title"] for r in app.session.records("action")] == ["Recruit the panel"]
        assert isinstance(app.screen, ConfirmScreen)  # the review is offered right away
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CarryOverScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CarryOverScreen)
        app.close_session()

    app = WorkshopApp(guide=guide, sessions_dir=sessions, open_session=fresh.id)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert app.session is not None
        assert not isinstance(app.screen, CarryOverScreen)  # offered once only
        app.close_session()


async def test_typed_risk_answers_survive_quitting_before_save(store, guide, tmp_path):
    session = store.create("Drafts")
    app = Host(lambda: RisksScreen(session, guide), store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, "#answer-1", "Nobody owns it")
        await fill(pilot, "#risk-impact", "4")
        for _ in range(100):  # the draft is written shortly after typing stops (poll: CI is slow)
            await pilot.pause(0.05)
            if "Nobody owns it" in str(session.drafts) and '"4"' in str(session.drafts):
                break
    assert session.records("risk") == []  # never saved as a record...
    session.close()
    reopened = SessionStore(tmp_path / "sessions").open(session.id)
    app = Host(lambda: RisksScreen(reopened, guide), store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#answer-1", Input).value == "Nobody owns it"  # ...but kept
        assert screen.query_one("#risk-impact", Input).value == "4"
        assert any("Restored unsaved answers for K1" in m for m in messages(app))
        await pilot.press("ctrl+s")
        await pilot.pause()
    record = reopened.records("risk")[0]
    assert record["impact"] == 4
    assert record["answers"] == {"Question two about weak leadership?": "Nobody owns it"}
    assert "risks:AnnexB.K1" not in reopened.drafts
    reopened.close()
